"""Pure functions below ui/: periods, KPIs, narrative sentences, report rule, chart builders, formats."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from charts.figure import chart_rows, chart_spec
from charts.maps import TILES, member_places, member_points, state_tiles
from charts.members import joins_and_leaves, members_by, members_per_year, movements, population_over_time
from domain.filter import DashboardFilter
from domain.formatting import format_date, format_number
from domain.headers import german_headers
from domain.vocabulary import STATES
from metrics.kpis import KPI_LABELS, Kpi, KpiInputs, overview_kpis
from metrics.members import member_table, members_by_type
from metrics.narrative import events_story, membership_story
from metrics.periods import Periods, kpi_periods, reported_years
from metrics.reporting import with_report_status


def test_german_formats() -> None:
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(24_000_000) == "24.000.000"
    assert format_number(None) == "–"
    assert format_date(datetime.date(2026, 11, 22)) == "22.11.2026"
    assert format_date(datetime.datetime(2026, 3, 1, 12, 30)) == "01.03.2026"


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        (DashboardFilter(), Periods(2026, 2026, 2025, 2025)),
        (DashboardFilter(year_from=2015, year_to=2025), Periods(2015, 2025, 2004, 2014)),
        (DashboardFilter(year_from=2020), Periods(2020, 2026, 2013, 2019)),
        (DashboardFilter(year_to=2000), Periods(1989, 2000, None, None)),
        (DashboardFilter(year_from=1990, year_to=1990), Periods(1990, 1990, 1989, 1989)),
    ],
)
def test_kpi_periods(filter_: DashboardFilter, expected: Periods) -> None:
    assert kpi_periods(filter_, 1989, 2026) == expected


def test_reported_years_compare_the_newest_report_with_one_period_earlier() -> None:
    assert reported_years(Periods(2026, 2026, 2025, 2025), 2025) == (2025, 2024)
    assert reported_years(Periods(2015, 2025, 2004, 2014), 2025) == (2025, 2014)
    assert reported_years(Periods(2026, 2026, 2025, 2025), None) == (None, None)
    assert reported_years(Periods(1989, 2000, None, None), 2025) == (2000, None)


def test_kpi_change_text_signs_and_labels() -> None:
    assert Kpi("Mitglieder", 100, 97, 0, "").change_text("2025") == "+3 ggü. 2025"
    assert Kpi("Mitglieder", 95, 97, 0, "").change_text("2025") == "-2 ggü. 2025"
    assert Kpi("Quote", 52.8, 52.8, 1, "").change_text("2024") == "±0,0 ggü. 2024"
    assert Kpi("Gruppen", 10, 8, 0, "", compared_with="2023").change_text("2025") == "+2 ggü. 2023"
    assert Kpi("Mitglieder", None, 97, 0, "").change_text("2025") is None
    assert Kpi("Bundesländer", 16, 15, 0, "", suffix=" von 16").text == "16 von 16"


def test_overview_kpis_on_hand_made_frames() -> None:
    inputs = KpiInputs(
        states_now=pd.DataFrame({"state_code": ["NI", "SH"], "members": [3, 2], "population": [300, 200]}),
        states_before=pd.DataFrame({"state_code": ["SH"], "members": [2], "population": [200]}),
        events_by_year=pd.DataFrame(
            {
                "year": [2023, 2024, 2025, 2025],
                "event_type": ["Fachtag"] * 4,
                "events": [7, 4, 5, 1],
                "participants": [70, 40, 50, 10],
            }
        ),
        self_help_by_year=pd.DataFrame(
            {
                "year": [2024, 2025],
                "groups": [40, 50],
                "new_groups": [2, 3],
                "reporting_members": [2, 2],
                "population": [100_000, 100_000],
                "groups_with_population": [40, 45],
            }
        ),
        standards_now=pd.DataFrame({"name": ["A", "B"], "met": [9, 6]}),
        standards_before=pd.DataFrame({"name": ["A"], "met": [5]}),
        self_help_years=(2025, 2024),
        standards_years=(2025, 2024),
    )
    kpis = {kpi.label: kpi for kpi in overview_kpis(inputs, Periods(2025, 2025, 2024, 2024))}
    assert list(kpis) == list(KPI_LABELS)
    assert (kpis["Mitglieder"].value, kpis["Mitglieder"].change) == (5, 3)
    assert (kpis["Einwohner"].value, kpis["Bundesländer"].value, kpis["Bundesländer"].change) == (500, 2, 1)
    assert (kpis["Veranstaltungen"].value, kpis["Veranstaltungen"].previous) == (6, 4)
    assert kpis["Teilnehmende"].value == 60
    assert (kpis["Selbsthilfegruppen"].value, kpis["Selbsthilfegruppen"].previous) == (50, 40)
    assert kpis["Gruppen je 100.000 EW"].value == pytest.approx(45.0)
    assert kpis["Mindeststandards erfüllt"].value == pytest.approx(7.5)
    # Like for like: only A had a self-assessment in both years (5 → 9); B's first one is no "rise".
    assert kpis["Mindeststandards erfüllt"].change == pytest.approx(4.0)
    assert kpis["Mindeststandards erfüllt"].change_text("2024") == "+4,0 ggü. 2024"
    assert kpis["Mindeststandards erfüllt"].period.endswith("Vergleich nur mit denselben Mitgliedern")
    assert all(kpi.help for kpi in kpis.values())


def test_overview_kpis_without_data_show_dashes() -> None:
    empty = pd.DataFrame(columns=["year", "events", "participants"])
    inputs = KpiInputs(
        states_now=pd.DataFrame(columns=["state_code", "members", "population"]),
        states_before=None,
        events_by_year=empty,
        self_help_by_year=pd.DataFrame(columns=["year", "groups", "population", "groups_with_population"]),
        standards_now=pd.DataFrame(columns=["name", "met"]),
        standards_before=None,
    )
    kpis = overview_kpis(inputs, Periods(2025, 2025, None, None))
    assert [kpi.text for kpi in kpis] == ["0", "0", "0 von 16", "0", "0", "–", "–", "–"]
    assert all(kpi.change_text(None) is None for kpi in kpis)


FLOWS = pd.DataFrame(
    {
        "year": [2024, 2025, 2025],
        "member_type": ["Stadt", "Stadt", "Landkreis"],
        "joins": [2, 3, 0],
        "leaves": [0, 0, 1],
    }
)
ACTIVE = pd.DataFrame({"year": [2023, 2024, 2025], "member_type": ["Stadt"] * 3, "members": [90, 92, 94]})


def test_membership_story_one_year() -> None:
    assert membership_story(FLOWS, ACTIVE, 2025, 2025) == [
        "2025 traten 3 Kommunen bei, 1 trat aus.",
        "Die Zahl der Mitglieder wuchs von 92 auf 94.",
    ]


def test_membership_story_range_names_the_latest_change() -> None:
    assert membership_story(FLOWS, ACTIVE, 2024, 2025) == [
        "Von 2024 bis 2025 traten 5 Kommunen bei, 1 trat aus.",
        "Die Zahl der Mitglieder wuchs von 90 auf 94.",
        "Zuletzt, im Jahr 2025, traten 3 Kommunen bei, 1 trat aus.",
    ]


def test_membership_story_singular_and_nothing() -> None:
    flows = pd.DataFrame({"year": [2020], "member_type": ["Stadt"], "joins": [1], "leaves": [0]})
    active = pd.DataFrame({"year": [2019, 2020, 2021], "member_type": ["Stadt"] * 3, "members": [5, 6, 6]})
    assert membership_story(flows, active, 2020, 2020)[0] == "2020 trat 1 Kommune bei, keine trat aus."
    assert membership_story(flows, active, 2021, 2021) == [
        "2021 trat keine Kommune bei, keine trat aus.",
        "Die Zahl der Mitglieder blieb bei 6.",
    ]


def flow_kpis(events: tuple[float | None, float | None], participants: tuple[float | None, float | None]) -> list[Kpi]:
    return [Kpi("Veranstaltungen", *events, 0, ""), Kpi("Teilnehmende", *participants, 0, "")]


def test_events_story_gives_each_quantity_its_own_change() -> None:
    assert events_story(flow_kpis((12, 10), (1500, 1000)), Periods(2025, 2025, 2024, 2024)) == (
        "2025 gab es 12 Veranstaltungen (20\u00a0% mehr als 2024) mit 1.500 Teilnehmenden (50\u00a0% mehr als 2024)."
    )
    assert events_story(flow_kpis((10, None), (1000, None)), Periods(2024, 2024, None, None)) == (
        "2024 gab es 10 Veranstaltungen mit 1.000 Teilnehmenden."
    )
    assert events_story(flow_kpis((0, 4), (0, 9)), Periods(2025, 2025, 2024, 2024)) is None


@pytest.mark.parametrize(
    ("join", "last", "as_of", "due", "status"),
    [
        (2020, None, 2023, 2024, "aktuell"),
        (2020, None, 2024, 2024, "fällig"),
        (2020, None, 2025, 2024, "überfällig"),
        (2002, 2022, 2025, 2026, "aktuell"),
        (2002, 2018, 2026, 2022, "überfällig"),
    ],
)
def test_four_year_report_rule(join: int, last: int | None, as_of: int, due: int, status: str) -> None:
    member = pd.DataFrame({"join_year": [join], "last_report_year": pd.array([last], dtype="Int64")})
    result = with_report_status(member, as_of).iloc[0]
    assert (result["report_due_year"], result["report_status"]) == (due, status)


def test_member_table_keys_german_headers_and_report_status() -> None:
    members = pd.DataFrame(
        {
            "name": ["Kiel", "=HYPERLINK(1)"],
            "member_type": ["Stadt", "Gemeinde"],
            "state_code": ["SH", "NW"],
            "join_year": [2002, 2020],
            "leave_year": pd.array([None, None], dtype="Int64"),
            "population": pd.array([247_000, None], dtype="Int64"),
            "network": ["Nord", None],
            "contact_point": [None, "KISS"],
            "latitude": [54.3, None],
            "longitude": [10.1, None],
            "standards_met": pd.array([9, None], dtype="Int64"),
            "last_report_year": pd.array([2022, None], dtype="Int64"),
        }
    )
    table = member_table(members, 2025)
    assert list(table.columns) == [
        "name", "member_type", "state", "join_year", "leave_year", "population", "regional_network",
        "contact_point", "standards_met", "last_report_year", "report_due_year", "report_status",
    ]  # fmt: skip
    assert list(german_headers(table).columns) == [
        "Kommune", "Art", "Land", "Mitglied seit", "Austritt", "Einwohner", "Regionalnetzwerk",
        "Kontaktstelle", "Mindeststandards erfüllt", "Letzter Bericht", "Bericht fällig", "Berichtsstatus",
    ]  # fmt: skip
    assert table.loc[0, "state"] == "Schleswig-Holstein"
    assert (table.loc[0, "report_due_year"], table.loc[0, "report_status"]) == (2026, "aktuell")
    assert (table.loc[1, "report_due_year"], table.loc[1, "report_status"]) == (2024, "überfällig")
    assert pd.isna(table.loc[1, "last_report_year"])  # a gap, not "" or "None": "–" on screen, empty in files
    assert pd.isna(table.loc[1, "regional_network"])


def test_members_by_type_in_one_year() -> None:
    active = pd.DataFrame({"year": [2024, 2025, 2025], "member_type": ["Stadt"] * 3, "members": [1, 2, 3]})
    assert members_by_type(active, 2025).to_dict("records") == [{"member_type": "Stadt", "members": 5}]


def test_charts_have_german_titles_and_locale() -> None:
    active = pd.DataFrame({"year": [2025], "member_type": ["Stadt"], "members": [4], "population": [1000]})
    spec = members_per_year(active).spec()
    assert spec["encoding"]["x"]["title"] == "Jahr"
    assert spec["encoding"]["color"]["title"] == "Art"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "März" in spec["config"]["locale"]["time"]["months"]
    assert spec["data"] == {"name": "active"}
    assert spec["datasets"]["active"] == [{"year": 2025, "member_type": "Stadt", "members": 4}]
    for figure in (
        members_by(pd.DataFrame({"state_code": ["SH"], "members": [2]}), "state_code", "Land"),
        population_over_time(active),
    ):
        assert figure.spec()["config"]["locale"]["number"]["thousands"] == "."
    assert members_by(pd.DataFrame({"state_code": ["SH"], "members": [2]}), "state_code", "Land").datasets[
        "counts"
    ].to_dict("records") == [{"label": "Schleswig-Holstein", "members": 2}]


def test_movements_cover_every_year_so_the_axes_align() -> None:
    flows = pd.DataFrame(
        {
            "year": [2024, 2024, 2026],
            "member_type": ["Stadt", "Bezirk", "Stadt"],
            "joins": [2, 0, 1],
            "leaves": [0, 1, 0],
        }
    )
    rows = movements(flows, [2024, 2025, 2026]).to_dict("records")
    assert rows == [
        {"year": 2024, "change": 2, "movement": "Beitritte"},
        {"year": 2025, "change": 0, "movement": "Beitritte"},
        {"year": 2026, "change": 1, "movement": "Beitritte"},
        {"year": 2024, "change": -1, "movement": "Austritte"},
        {"year": 2025, "change": 0, "movement": "Austritte"},
        {"year": 2026, "change": 0, "movement": "Austritte"},
    ]
    assert joins_and_leaves(flows, [2024, 2025, 2026]).spec()["data"] == {"name": "movements"}


def test_tile_map_shows_all_16_states_and_selects_by_code() -> None:
    assert set(TILES) == set(STATES)
    assert len(set(TILES.values())) == 16, "tiles must not overlap"
    figure = state_tiles(pd.DataFrame({"state_code": ["SH"], "members": [4]}))
    rows = figure.spec()["datasets"]["tiles"]
    assert len(rows) == 16
    assert next(row for row in rows if row["state_code"] == "SH")["members"] == 4
    assert figure.spec()["params"][0]["select"]["fields"] == ["state_code"]


def test_point_map_skips_members_without_coordinates() -> None:
    members = pd.DataFrame(
        {
            "name": ["Kiel", "Ohne Ort"],
            "member_type": ["Stadt", "Stadt"],
            "population": [247_000, 1_000],
            "latitude": [54.3, None],
            "longitude": [10.1, None],
        }
    )
    spec = member_points(member_places(members)).spec()
    assert [row["name"] for row in spec["datasets"]["members"]] == ["Kiel"]
    assert len(spec["datasets"]["landmarks"]) == 16


def test_ui_chart_spec_reuses_the_template_and_swaps_the_data() -> None:
    first = chart_spec(members_per_year(pd.DataFrame({"year": [2024], "member_type": ["Stadt"], "members": [1]})))
    second = chart_spec(members_per_year(pd.DataFrame({"year": [2025], "member_type": ["Bezirk"], "members": [7]})))
    per_data = ("datasets", "description")  # the rows, and the text alternative that names their years
    assert {key: value for key, value in first.items() if key not in per_data} == {
        key: value for key, value in second.items() if key not in per_data
    }
    assert first["datasets"]["active"] != second["datasets"]["active"]
    assert "Jahr, 2024;" in first["description"]
    assert "Jahr, 2025;" in second["description"]
    assert isinstance(second["datasets"]["active"], bytes)
    assert chart_rows(second) == 1


def test_every_chart_has_a_german_text_alternative_and_no_english_aria() -> None:
    frame = pd.DataFrame({"year": [2015, 2016, 2025], "member_type": ["Stadt", "Stadt", "Kreis"], "members": [3, 4, 5]})
    spec = chart_spec(members_per_year(frame))
    # What the chart plots against what, its years and rows, and where the figures are.
    assert spec["description"] == (
        "Balkendiagramm: Mitglieder nach Jahr, 2015 bis 2025; Farbe: Art (3 Datenzeilen). "
        "Die Zahlen stehen in der Tabelle „Daten zum Diagramm“."
    )
    # Vega's own descriptions of axes and marks are English: hidden, the German text stands for the chart.
    assert spec["config"]["aria"] is False
    assert spec["config"]["mark"]["aria"] is False
