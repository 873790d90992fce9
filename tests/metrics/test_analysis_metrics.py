"""The pure functions behind the analysis screens, on small frames computed by hand.

Edge cases the issue names: a member without population, a year without data, a member that left.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from charts import events as event_charts
from charts import networks as network_charts
from charts import selfhelp as self_help_charts
from charts import standards as standard_charts
from domain.headers import german_headers
from metrics import audit, events, networks, profile, selfhelp, standards

day = datetime.date


def counts_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "event_type", "events", "participants", "sessions", "partners"])


COUNTS = counts_frame(
    [
        (2024, "Gesundheitswoche", 2, 3000, 400, 50),
        (2024, "Fachtag", 5, 250, 0, 0),
        (2025, "Gesundheitswoche", 1, 1800, 244, 90),
        (2025, "Fachtag", 2, 120, 0, 0),
        (2025, "Aktionstag", 4, 900, 8, 0),
    ]
)


def test_rates_per_100k_and_their_gaps() -> None:
    groups = pd.Series([50, 3, 3, None], dtype="Int64")
    population = pd.Series([250_000, None, 0, 100_000], dtype="Int64")
    rates = selfhelp.rates_per_100k(groups, population)
    assert rates[0] == 20.0
    assert rates[1:].isna().all()  # no population, zero population, no groups: no rate


def test_yearly_rate_leaves_out_groups_of_members_without_population() -> None:
    by_year = pd.DataFrame(
        {
            "year": [2020, 2021],
            "groups": [38, 12],
            "new_groups": [2, 2],
            "reporting_members": [3, 1],
            "population": [407_000, 250_000],
            "groups_with_population": [35, 12],  # Saerbeck's 3 groups have no population
        }
    )
    totals = selfhelp.yearly_totals(by_year)
    assert totals["rate"].tolist() == [8.6, 4.8]  # 35 / 407,000 and 12 / 250,000, per 100,000
    assert totals["groups"].tolist() == [38, 12]


BY_MEMBER = pd.DataFrame(
    {
        "name": ["Herne", "Kiel", "Kreis Segeberg", "München", "Saerbeck"],
        "member_type": ["Stadt", "Stadt", "Landkreis", "Stadt", "Gemeinde"],
        "state_code": ["NW", "SH", "SH", "BY", "NW"],
        "population": pd.array([157_000, 250_000, 280_000, 1_500_000, None], dtype="Int64"),
        "groups": pd.array([20, 15, None, 300, 3], dtype="Int64"),
        "new_groups": pd.array([None, 1, None, 10, 1], dtype="Int64"),
    }
)


def test_ranking_median_and_missing_figures() -> None:
    ranked = selfhelp.ranking(BY_MEMBER)
    # Herne 12.7, München 20.0, Kiel 6.0; Saerbeck has no population, Segeberg no figures.
    assert ranked["name"].tolist() == ["München", "Herne", "Kiel"]
    assert ranked["rate"].tolist() == [20.0, 12.7, 6.0]
    assert selfhelp.median_rate(ranked["rate"]) == 12.7
    assert selfhelp.median_rate(pd.Series([4.0, 6.0])) == 5.0
    assert selfhelp.median_rate(pd.Series([], dtype=float)) is None
    missing = selfhelp.missing_figures(BY_MEMBER)
    assert missing.to_dict("records") == [
        {"name": "Kreis Segeberg", "member_type": "Landkreis", "state": "Schleswig-Holstein"}
    ]


MEMBER_YEARS = pd.DataFrame(
    {
        "name": ["Kiel", "Herne", "Saerbeck", "München", "Kiel", "Herne"],
        "member_type": ["Stadt", "Stadt", "Gemeinde", "Stadt", "Stadt", "Stadt"],
        "year": [2020, 2020, 2020, 2020, 2021, 2021],
        "groups": [15, 20, 3, 300, 12, 22],
        "population": pd.array([250_000, 157_000, None, 1_500_000, 250_000, 157_000], dtype="Int64"),
    }
)


def test_member_comparison_against_network_and_type_medians() -> None:
    comparison = selfhelp.member_comparison(MEMBER_YEARS, "Kiel")
    rows = {(series, year): rate for year, series, rate in comparison.itertuples(index=False)}
    assert rows[("diese Kommune", 2020)] == 6.0
    assert rows[("Median aller Mitglieder", 2020)] == 12.7  # 6.0, 12.7, 20.0 (Saerbeck: no population)
    assert rows[("Median gleicher Art (Städte)", 2021)] == pytest.approx((4.8 + 14.0) / 2, abs=0.05)
    without_population = selfhelp.member_comparison(MEMBER_YEARS, "Saerbeck")
    assert "diese Kommune" not in set(without_population["series"])  # no rate of its own, the medians remain
    assert "Median gleicher Art (Gemeinden)" not in set(without_population["series"])  # its type has no rate either


def test_member_standing_in_its_newest_year() -> None:
    assert selfhelp.member_standing(MEMBER_YEARS, "Herne") == {
        "year": 2021,
        "groups": 22,
        "of": 2,
        "rate": 14.0,
        "rank": 1,
        "median": pytest.approx(9.4),
    }
    saerbeck = selfhelp.member_standing(MEMBER_YEARS, "Saerbeck")
    assert saerbeck["groups"] == 3
    assert "rank" not in saerbeck
    assert selfhelp.member_standing(MEMBER_YEARS, "Gießen") is None


def test_health_weeks_per_edition() -> None:
    weeks = events.health_weeks(COUNTS)
    assert weeks["year"].tolist() == [2024, 2025]
    assert weeks["sessions_per_edition"].tolist() == [200.0, 244.0]
    assert weeks["partners_per_edition"].tolist() == [25.0, 90.0]
    assert events.health_weeks(COUNTS[COUNTS["event_type"] != "Gesundheitswoche"]).empty


def test_events_opening_sentences() -> None:
    assert events.events_opening(COUNTS, 2024, 2025) == [
        "2024 bis 2025 fanden 14 Veranstaltungen mit 6.070 Teilnehmenden statt.",
        "2025 war Aktionstag die häufigste Art (4).",
        "Die größte Veränderung gegenüber 2024: Aktionstag +4.",
    ]
    assert (
        events.events_opening(COUNTS, 2025, 2025)[0] == "2025 fanden 7 Veranstaltungen mit 2.820 Teilnehmenden statt."
    )
    assert len(events.events_opening(COUNTS, 2025, 2025)) == 2  # one year: nothing to compare
    assert events.events_opening(COUNTS, 2010, 2012) == []  # years without data


def test_event_table_marks_network_wide_events() -> None:
    listed = pd.DataFrame(
        {
            "start_date": [day(2025, 6, 12)],
            "end_date": [None],
            "event_type": ["Mitgliederversammlung"],
            "title": ["MV 2025"],
            "name": [None],
            "state_code": [None],
            "participants": [100],
            "sessions": [None],
            "partners": [None],
            "event_format": ["Hybrid"],
        }
    )
    table = events.event_table(listed)
    assert list(table.columns) == list(events.EVENT_TABLE_COLUMNS)
    assert table.loc[0, "name"] == "netzwerkweit"
    assert table.loc[0, "start_date"] == pd.Timestamp(2025, 6, 12)


def test_attendance_share_of_active_members_and_sides() -> None:
    attendance = pd.DataFrame(
        {
            "start_date": [day(2021, 6, 10), day(2020, 6, 12)],
            "title": ["MV 2021", "MV 2020"],
            "represented": [4, 3],
            "municipal": [3, 2],
            "self_help": [2, 2],
            "both_sides": [1, 1],
        }
    )
    active = pd.DataFrame(
        {"year": [2020, 2020, 2021], "member_type": ["Stadt", "Gemeinde", "Stadt"], "members": [4, 1, 8]}
    )
    table = events.attendance_table(attendance, active)
    assert list(german_headers(table).columns) == [
        "Datum", "Versammlung", "Vertretene Mitglieder", "Mitglieder", "Anteil in %",
        "Kommune", "Selbsthilfe", "Beide Seiten",
    ]  # fmt: skip
    assert table["members"].tolist() == [8, 5]
    assert table["share"].tolist() == [0.5, 0.6]
    assert german_headers(table)["Anteil in %"].tolist() == [50, 60]  # people read whole percent
    by_side = events.attendance_by_side(table)
    in_2020 = by_side[by_side["year"] == 2020].set_index("presence")["members"].to_dict()
    assert in_2020 == {"beide Seiten": 1, "nur Kommune": 1, "nur Selbsthilfe": 1}  # 3 represented


CRITERIA = pd.DataFrame({"number": [1, 2, 3], "title": ["Ratsbeschluss", "Strategie", "Koordination"]})


def test_standards_matrix_sorted_by_criteria_met_with_members_without_assessment() -> None:
    statuses = pd.DataFrame(
        {
            "name": ["Aachen", "Aachen", "Ärzteort", "Ärzteort", "Ärzteort", "Bonn"],
            "criterion_number": [1, 2, 1, 2, 3, None],
            "status": ["erfüllt", "teilweise", "erfüllt", "erfüllt", "nicht erfüllt", None],
        }
    )
    matrix = standards.standards_matrix(statuses, CRITERIA)
    assert list(matrix.columns) == ["name", "criteria_met", "criterion_1", "criterion_2", "criterion_3"]
    assert matrix["name"].tolist() == ["Ärzteort", "Aachen", "Bonn"]
    assert matrix["criteria_met"].tolist() == [2, 1, 0]
    assert matrix.iloc[1].tolist()[2:] == ["erfüllt", "teilweise", "keine Angabe"]
    assert matrix.iloc[2].tolist()[2:] == ["keine Angabe"] * 3
    assert standards.matrix_symbols(matrix).iloc[1].tolist()[2:] == ["✓", "◐", "–"]


def test_criterion_shares() -> None:
    counts = pd.DataFrame(
        {
            "year": [2019, 2019, 2019, 2021],
            "criterion_number": [1, 1, 2, 1],
            "status": ["erfüllt", "teilweise", "nicht erfüllt", "erfüllt"],
            "members": [3, 1, 4, 2],
        }
    )
    shares = standards.criterion_shares(counts, CRITERIA)
    rows = {(year, criterion): share for year, criterion, _, share, _ in shares.itertuples(index=False)}
    assert rows == {(2019, "Punkt 1"): 0.75, (2019, "Punkt 2"): 0.0, (2021, "Punkt 1"): 1.0}
    assert shares.loc[0, "title"] == "Ratsbeschluss"


def test_report_overview_due_overdue_and_submitted() -> None:
    members = pd.DataFrame(
        {
            "name": ["Neuling", "Pünktlich", "Säumig", "Fällig", "Ausgetreten"],
            "join_year": [2024, 2010, 2015, 2022, 2000],
            "last_report_year": pd.array([None, 2024, None, None, 2008], dtype="Int64"),
        }
    )
    submissions = pd.DataFrame({"name": ["Pünktlich"], "year": [2026], "submitted_on": [None]})
    overview = standards.report_overview(members, submissions, 2026)
    assert list(overview.columns) == ["name", "joined", "last_report_year", "due_year", "status", "submitted_2026"]
    status = dict(zip(overview["name"], overview["status"], strict=True))
    # Due four years after joining, then four years after the last report.
    assert status == {
        "Neuling": "aktuell",  # due 2028
        "Pünktlich": "aktuell",  # last 2024, due 2028
        "Säumig": "überfällig",  # joined 2015, due 2019
        "Fällig": "fällig",  # joined 2022, due 2026
        "Ausgetreten": "überfällig",  # last 2008, due 2012
    }
    assert overview["name"].tolist()[:2] == ["Ausgetreten", "Säumig"]  # most overdue first
    assert standards.report_counts(overview) == {"überfällig": 2, "fällig": 1, "aktuell": 2, "eingereicht": 1}


def test_standards_opening() -> None:
    matrix = pd.DataFrame(
        {"name": ["A", "B", "C"], "criteria_met": [3, 1, 0], "criterion_1": ["erfüllt"] * 2 + ["keine Angabe"]}
    )
    matrix["criterion_2"] = ["erfüllt", "nicht erfüllt", "keine Angabe"]
    matrix["criterion_3"] = ["erfüllt", "nicht erfüllt", "keine Angabe"]
    shares = pd.DataFrame(
        {
            "year": [2025, 2025],
            "criterion": ["Punkt 1", "Punkt 2"],
            "title": ["R", "S"],
            "share": [1.0, 0.5],
            "assessed": [2, 2],
        }
    )
    sentences = standards.standards_opening(matrix, shares, 2025, {"überfällig": 1, "fällig": 0, "aktuell": 2})
    assert sentences == [
        "2025 haben 2 von 3 Mitgliedern eine Selbsteinschätzung abgegeben; 1 erfüllt alle 3 Punkte.",
        "Am seltensten erfüllt ist Punkt 2 (S): 50\u00a0% der Mitglieder mit Selbsteinschätzung.",
        "1 Mitglied ist mit dem Vier-Jahres-Bericht im Verzug.",
    ]


BY_NETWORK = pd.DataFrame(
    {
        "network": [None, "Nord", "Bayern"],
        "members": [2, 2, 1],
        "states": [1, 1, 1],
        "population": [157_000, 530_000, 1_500_000],
    }
)


def test_network_table_share_and_members_without_network_last() -> None:
    table = networks.network_table(BY_NETWORK)
    assert table["network"].tolist() == ["Nord", "Bayern", "ohne Regionalnetzwerk"]
    assert table["share"].tolist() == [0.4, 0.2, 0.4]
    assert networks.share_in_networks(BY_NETWORK) == 0.6
    assert networks.share_in_networks(BY_NETWORK.iloc[0:0]) is None


SEATS = pd.DataFrame(
    {
        "name": ["Kiel", "Herne", "München"],
        "state_code": ["SH", "NW", "BY"],
        "member_type": ["Stadt"] * 3,
        "side": ["Kommune", "Selbsthilfe", "Kommune"],
        "term_start": [day(2024, 6, 15), day(2026, 6, 15), day(2022, 6, 15)],
        "term_end": [day(2026, 6, 14), None, day(2024, 6, 14)],
    }
)


def test_current_seats_on_a_day_and_history() -> None:
    assert networks.seats_on(SEATS, day(2026, 6, 14))["name"].tolist() == ["Kiel"]  # last day of the term
    assert networks.seats_on(SEATS, day(2026, 6, 15))["name"].tolist() == ["Herne"]  # open term
    assert networks.seats_on(SEATS, day(2020, 1, 1)).empty
    assert networks.reference_date(2030, day(2026, 11, 22)) == day(2026, 11, 22)
    assert networks.reference_date(2023, day(2026, 11, 22)) == day(2023, 12, 31)
    history = networks.seat_history(SEATS)
    assert history.to_dict("records") == [
        {"term": 2022, "side": "Kommune", "seats": 1},
        {"term": 2024, "side": "Kommune", "seats": 1},
        {"term": 2026, "side": "Selbsthilfe", "seats": 1},
    ]


def test_networks_opening() -> None:
    current = networks.seats_on(SEATS, day(2025, 1, 1))
    assert networks.networks_opening(BY_NETWORK, current, day(2025, 1, 1)) == [
        "60\u00a0% der Mitglieder arbeiten in einem der 2 Regionalnetzwerke mit.",
        "Das größte ist Nord mit 2 Mitgliedern aus 1 Land.",
        "Am 01.01.2025 sitzt im Sprecher*innenrat 1 Vertretung der Kommunen und 0 der Selbsthilfe aus 1 Land.",
    ]


def test_reports_sentence() -> None:
    assert standards.reports_sentence({"überfällig": 1, "fällig": 0, "aktuell": 3, "eingereicht": 2}, 2025) == (
        "Ende 2025 ist 1 Bericht überfällig; 2 gingen 2025 ein."
    )
    assert standards.reports_sentence({"überfällig": 0, "eingereicht": 1}, 2024) == (
        "Ende 2024 sind 0 Berichte überfällig; 1 ging 2024 ein."
    )


def test_networks_opening_with_a_single_network_names_it() -> None:
    single = BY_NETWORK[BY_NETWORK["network"].isna() | (BY_NETWORK["network"] == "Nord")]
    share = networks.share_in_networks(single)
    assert networks.networks_opening(single, networks.seats_on(SEATS, day(2020, 1, 1)), day(2020, 1, 1))[0] == (
        f"{round(share * 100)}\u00a0% der Mitglieder arbeiten im Regionalnetzwerk Nord mit."
    )


def test_profile_opening_of_a_member_that_left() -> None:
    facts = {"Kommune": "Rosenheim", "Art": "Stadt", "Land": "Bayern", "Mitglied seit": "2007", "Austritt": "2019"}
    standing = {"year": 2019, "groups": 39, "of": 80, "rate": 60.9, "rank": 5, "median": 50.0}
    assert profile.profile_opening(facts, 1, (2007, 2019), standing, (7, 9)) == [
        "Rosenheim (Stadt, Bayern) ist kein Mitglied mehr: beigetreten 2007, ausgetreten 2019.",
        "2007 bis 2019: 1 Veranstaltung erfasst.",
        "Selbsthilfe 2019: 39 Gruppen, 60,9 je 100.000 Einwohner – Rang 5 von 80 (Median 50,0).",
        "Mindeststandards: 7 von 9 Punkten erfüllt (neueste Selbsteinschätzung).",
    ]
    assert profile.profile_opening({**facts, "Austritt": ""}, 0, (2025, 2025), None, None)[1:] == [
        "2025: 0 Veranstaltungen erfasst.",
        "Selbsthilfezahlen liegen nicht vor.",
    ]


def test_every_new_chart_is_a_valid_vega_lite_spec_with_its_rows() -> None:
    figures = [
        event_charts.events_per_year(COUNTS),
        event_charts.participants_per_year(events.participants_per_year(COUNTS)),
        event_charts.health_weeks(events.health_weeks(COUNTS)),
        self_help_charts.member_rates(self_help_charts.member_rate_places(selfhelp.ranking(BY_MEMBER)), 12.7),
        self_help_charts.member_comparison(selfhelp.member_comparison(MEMBER_YEARS, "Kiel")),
        network_charts.members_by_network(networks.network_table(BY_NETWORK)),
        network_charts.seat_history(networks.seat_history(SEATS)),
        standard_charts.criterion_shares(
            standards.criterion_shares(
                pd.DataFrame({"year": [2019], "criterion_number": [1], "status": ["erfüllt"], "members": [2]}), CRITERIA
            )
        ),
    ]
    for figure in figures:
        spec = figure.spec(validate=True)
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert all(len(rows) > 0 for rows in spec["datasets"].values())


def test_audit_lines_name_only_what_changed() -> None:
    assert audit.describe_change("update", '{"gruppen": 13, "jahr": 2025}', '{"gruppen": 41, "jahr": 2025}') == (
        "gruppen: 13 → 41"
    )
    assert audit.describe_change("update", '{"kontaktstelle": "KIS"}', '{"kontaktstelle": null}') == (
        "kontaktstelle: KIS → leer"
    )
    assert audit.describe_change("insert", None, '{"name": "Kiel", "rolle": "editor", "kommune": null}') == (
        "name: Kiel; rolle: editor"
    )
    entries = pd.DataFrame(
        {
            "occurred_at": [pd.Timestamp("2026-11-22 11:40", tz="UTC")],
            "actor": ["kiel-pflege"],
            "source": ["Upload selbsthilfe: kiel.csv"],
            "action": ["update"],
            "table_name": ["self_help_counts"],
            "natural_key": ["Kiel / 2025 / Sucht"],
            "old_values": ['{"gruppen": 13}'],
            "new_values": ['{"gruppen": 41}'],
        }
    )
    row = audit.audit_table(entries).iloc[0]
    assert row["occurred_at"] == pd.Timestamp("2026-11-22 12:40")  # Berlin time in November: UTC+1
    assert (row["action"], row["area"], row["change"]) == ("geändert", "Selbsthilfe", "gruppen: 13 → 41")
