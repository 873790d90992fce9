"""The filter object: URL round trip, German description, forgiving parsing of odd links."""

from __future__ import annotations

import pytest

from domain.filter import DashboardFilter


def test_url_round_trip_keeps_every_key() -> None:
    original = DashboardFilter(
        states=("SH", "NI"),
        member_types=("Stadt", "Landkreis"),
        year_from=2015,
        year_to=2025,
        networks=("Nord",),
        member="Kiel",
        event_types=("Gesundheitswoche",),
    )
    params = original.to_query_params()
    assert params == {
        "land": ["NI", "SH"],
        "art": ["Landkreis", "Stadt"],
        "von": ["2015"],
        "bis": ["2025"],
        "netzwerk": ["Nord"],
        "kommune": ["Kiel"],
        "veranstaltung": ["Gesundheitswoche"],
    }
    assert DashboardFilter.from_query_params(params) == original


def test_empty_filter_has_no_url_parameters() -> None:
    assert DashboardFilter().to_query_params() == {}
    assert DashboardFilter.from_query_params({}) == DashboardFilter()


def test_german_description() -> None:
    filter_ = DashboardFilter(states=("SH", "NI"), member_types=("Stadt",), year_from=2015, year_to=2025)
    assert filter_.describe() == "Niedersachsen, Schleswig-Holstein · Städte · 2015–2025"
    assert DashboardFilter().describe() == "Gesamtes Netzwerk · alle Jahre"
    assert DashboardFilter().describe((1989, 2026)) == "Gesamtes Netzwerk · 1989–2026"
    assert DashboardFilter(year_from=2020).describe() == "Gesamtes Netzwerk · seit 2020"
    assert DashboardFilter(year_from=2024, year_to=2024).describe() == "Gesamtes Netzwerk · 2024"
    assert (
        DashboardFilter(member="Kiel", networks=("Nord",), event_types=("Gesundheitswoche", "Fachtag")).describe(
            (2020, 2025)
        )
        == "Kiel · Regionalnetzwerk Nord · Fachtage, Gesundheitswochen · 2020–2025"
    )
    assert "Regionalnetzwerke Bayern, Nord" in DashboardFilter(networks=("Nord", "Bayern")).describe()


def test_states_sort_by_german_name_with_umlauts() -> None:
    filter_ = DashboardFilter(states=("TH", "BW", "SL", "SN"))
    assert filter_.describe().startswith("Baden-Württemberg, Saarland, Sachsen, Thüringen")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"land": ["XX", "sh"]}, DashboardFilter(states=("SH",))),
        ({"land": "Niedersachsen,Bayern"}, DashboardFilter(states=("BY", "NI"))),
        ({"von": "20x5", "bis": "2020"}, DashboardFilter(year_to=2020)),
        ({"von": "1850"}, DashboardFilter()),
        ({"von": "3000"}, DashboardFilter()),
        ({"von": "2025", "bis": "2015"}, DashboardFilter(year_from=2015, year_to=2025)),
        ({"art": ["Dorf", "Kreis"]}, DashboardFilter(member_types=("Landkreis",))),
        ({"veranstaltung": "Tanzabend"}, DashboardFilter()),
        ({"kommune": ["", "  "]}, DashboardFilter()),
    ],
)
def test_invalid_url_values_fall_back_to_defaults(params: dict, expected: DashboardFilter) -> None:
    assert DashboardFilter.from_query_params(params, latest_year=2027) == expected


def test_unknown_network_and_member_are_dropped_when_known_values_given() -> None:
    filter_ = DashboardFilter.from_query_params(
        {"netzwerk": ["Nord", "Atlantis"], "kommune": "Gotham"},
        known_networks=["Nord", "Bayern"],
        known_members=["Kiel"],
    )
    assert filter_ == DashboardFilter(networks=("Nord",))


def test_filter_is_hashable_and_equal_for_the_same_view() -> None:
    first = DashboardFilter(states=("SH", "NI"))
    second = DashboardFilter(states=("ni", "Schleswig-Holstein"))
    assert first == second
    assert hash(first) == hash(second)
    assert first.restricts_members
    assert not DashboardFilter(year_from=2020, event_types=("Fachtag",)).restricts_members
