"""Every view model on the hand-made small network (SQLite and PostgreSQL): its figures stated by hand."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pytest
from sqlalchemy import Engine

from charts.figure import arrow_frame, click_target
from data_access.engine import read_connection
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter
from domain.headers import header
from metrics.standards import MET_COLUMN
from views import audit, events, meldestand, members, networks, overview, profile, selfhelp, standards
from views.scope import Scope
from views.source import DirectViews

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def query(small_network: Engine) -> Iterator[BoundQueries]:
    with read_connection(small_network) as connection:
        yield BoundQueries(connection)


DATA_END = datetime.date(2021, 12, 31)
"""The small network's rows end in 2021. Its members have not left, so open years would reach today's year;
most tests look at the years the data covers and ask for the filter options as of this day."""


def scope_of(
    query: BoundQueries, filter_: DashboardFilter | None = None, options_day: datetime.date = DATA_END
) -> Scope:
    return Scope.build(filter_ or DashboardFilter(), query.filter_options(options_day), query.dataset_facts(), TODAY)


def test_the_scope_fills_open_years_from_the_data_and_states_itself(query: BoundQueries) -> None:
    scope = scope_of(query)
    assert (scope.first_year, scope.last_year, scope.years) == (1989, 2021, (1989, 2021))
    assert (scope.periods.year_from, scope.periods.year_to, scope.periods.previous_to) == (2021, 2021, 2020)
    assert scope.context_line == "Gesamtes Netzwerk · 1989–2021 · Stand: 01.11.2026"
    # Today the rows still end in 2021, but five members have not left: they are members today.
    today = scope_of(query, options_day=TODAY)
    assert (today.last_year, today.periods.year_from, today.periods.previous_to) == (2026, 2026, 2025)
    assert today.context_line == "Gesamtes Netzwerk · 1989–2026 · Stand: 01.11.2026"
    narrowed = scope_of(query, DashboardFilter(states=("SH",), year_from=2019, year_to=2020))
    assert narrowed.years == (2019, 2020)
    assert (narrowed.periods.previous_from, narrowed.periods.previous_to) == (2017, 2018)
    assert narrowed.without_years() == DashboardFilter(states=("SH",))
    assert hash(narrowed) == hash(scope_of(query, DashboardFilter(states=("SH",), year_from=2019, year_to=2020)))


def test_overview_kpis_story_and_charts(query: BoundQueries) -> None:
    view = overview.build(scope_of(query), query)
    assert view.has_members
    values = {kpi.label: kpi.text for kpi in view.kpis}
    assert values["Mitglieder"] == "5"  # Rosenheim left in 2019
    assert values["Veranstaltungen"] == "3"
    assert values["Teilnehmende"] == "1.750"
    assert values["Bundesländer"] == "3 von 16"
    assert view.story_sentences[0].startswith("2021 ")
    assert view.development[0].startswith("Von 1989 bis 2021")
    assert click_target(view.members_chart) is None
    maps = overview.build_maps(scope_of(query), query)
    assert click_target(maps.states_map).url_key == "land"
    assert click_target(maps.members_map).opens_profile
    tiles = arrow_frame(maps.states_map["datasets"]["tiles"]).set_index("state_code")["members"]
    assert (tiles["SH"], tiles["BY"], tiles["NW"], tiles["HB"]) == (2, 1, 2, 0)
    empty = overview.build(scope_of(query, DashboardFilter(states=("HB",))), query)
    assert (empty.has_members, empty.kpis, empty.story) == (False, (), "")


def test_members_table_and_charts(query: BoundQueries) -> None:
    view = members.build(scope_of(query, DashboardFilter(states=("BY",), year_to=2018)), query)
    assert view.year == 2018
    assert view.table["name"].tolist() == ["München", "Rosenheim"]
    assert view.table_arrow.num_rows == 2
    by_state = arrow_frame(view.by_state_chart["datasets"][next(iter(view.by_state_chart["datasets"]))])
    assert by_state["members"].sum() == 2


def test_events_totals_tables_and_click_target(query: BoundQueries) -> None:
    view = events.build(scope_of(query, DashboardFilter(states=("SH",))), query)
    assert view.total == 3  # two Gesundheitswochen in Kiel, one Selbsthilfetag in Segeberg
    assert view.counts_table["events"].sum() == 3
    assert events.build_lists(scope_of(query, DashboardFilter(states=("SH",))), query).network_table.empty
    assert click_target(view.counts_chart).url_key == "veranstaltung"
    assert view.opening_sentences
    assert view.opening == " ".join(view.opening_sentences)
    whole = events.build(scope_of(query), query)
    assert whole.total == 6
    lists = events.build_lists(scope_of(query), query)
    assert lists.network_table["title"].tolist() == ["MV 2020"]  # network-wide only without a member restriction
    assert len(lists.event_table) == 6
    assert lists.event_arrow.num_rows == 6


def test_self_help_newest_year_ranking_and_gaps(query: BoundQueries) -> None:
    view = selfhelp.build(scope_of(query), query)
    assert view.year == 2021
    latest = view.totals_table[view.totals_table["year"] == 2021].iloc[0]
    assert latest["groups"] == 12  # only Kiel reported for 2021
    assert view.ranking_table["name"].iloc[0] == "Kiel"  # the only one with 2021 figures and population
    assert set(view.missing_table["name"]) == {"Herne", "Kreis Segeberg", "München", "Saerbeck"}
    assert click_target(view.ranking_chart).opens_profile
    nothing = selfhelp.build(scope_of(query, DashboardFilter(states=("BY",))), query)
    assert nothing.year is None


def test_standards_years_reports_and_matrix(query: BoundQueries) -> None:
    scope = scope_of(query)
    view = standards.build(scope, query)
    assert view.assessed_years == (2019, 2021)
    assert view.report_year == 2021
    assert sum(view.report_counts[key] for key in ("überfällig", "fällig", "aktuell")) == 5
    assert view.reports_sentence.startswith("Ende 2021")
    matrix = standards.build_matrix(scope, query, view, 2021)
    assert matrix.matrix.set_index("name").loc["Kiel", MET_COLUMN] == 9  # all nine met in 2021
    assert matrix.opening_sentences


def test_networks_share_seats_and_day(query: BoundQueries) -> None:
    view = networks.build(scope_of(query), query)
    assert view.day == datetime.date(2021, 12, 31)  # the end of the last year shown, before today
    assert set(view.network_table["network"]) >= {"Nord", "Bayern"}
    assert view.seat_counts == {"municipal": 0, "self_help": 0, "states": 0}  # no seats in this network
    assert click_target(view.network_chart).url_key == "netzwerk"


def test_profile_of_one_member_ignores_other_filters(query: BoundQueries) -> None:
    scope = scope_of(query, DashboardFilter(states=("BY",), member="Kiel", year_from=2020))
    assert profile.profile_scope(scope).filter == DashboardFilter(member="Kiel", year_from=2020)
    network_years = query.self_help_member_years(profile.network_filter(scope))
    view = profile.build(scope, query, network_years)
    assert view.name == "Kiel"
    assert view.facts["Land"] == "Schleswig-Holstein"
    assert view.events_table["events"].sum() == 2
    assert view.years == (2020, 2021)
    missing = profile.build(scope_of(query, DashboardFilter(member="Atlantis")), query, network_years)
    assert missing.facts == {}


def test_audit_lists_nothing_before_the_first_write(query: BoundQueries) -> None:
    view = audit.build(query, None, None, None)
    assert (view.total, len(view.table)) == (0, 0)


def test_meldestand_of_the_last_complete_years(query: BoundQueries) -> None:
    # Open years: the five up to the last complete one, even past the data's last year (2021):
    # a member without a leave year owes its figures until today.
    open_years = meldestand.build(scope_of(query), query)
    assert (open_years.year_from, open_years.year_to, open_years.shortened) == (TODAY.year - 5, TODAY.year - 1, True)
    view = meldestand.build(scope_of(query, DashboardFilter(year_from=2017, year_to=2021)), query)
    assert (view.year_from, view.year_to, view.shortened) == (2017, 2021, False)
    assert view.matrix["name"].tolist() == ["Kreis Segeberg", "München", "Herne", "Kiel", "Rosenheim", "Saerbeck"]
    assert view.matrix["gaps"].tolist() == [19, 19, 16, 13, 12, 5]  # longest gaps first
    rows = view.matrix.set_index("name")
    # Kiel: figures 2020 and 2021, assessed 2019 (covers 2020) and 2021, events both years; joined 2002, no
    # report ever: overdue since 2007.
    assert rows.loc["Kiel", ["reported_2019", "reported_2020", "reported_2021"]].tolist() == ["S B V", "B", "B"]
    assert pd.isna(rows.loc["Saerbeck", "reported_2019"])  # joined in 2020 …
    assert rows.loc["Saerbeck", "reported_2020"] == "M V"  # … and owes its first report only in 2024
    assert pd.isna(rows.loc["Rosenheim", "reported_2020"])  # left in 2019
    saerbeck = view.reminders.set_index("name").loc["Saerbeck"]
    assert saerbeck["missing"] == (
        "Selbsthilfe-Zahlen 2021; Mindeststandards-Selbsteinschätzung 2020–2021; Veranstaltung 2020–2021"
    )
    assert saerbeck["missing_since"] == 2020
    assert len(view.reminders) == 6
    assert view.opening.startswith("6 Mitglieder haben noch Lücken. Vollständig für 2021: Selbsthilfe-Zahlen 20")
    assert [name for name, _ in view.letters] == view.reminders["name"].tolist()
    assert view.letters_file.count(b"\f") == len(view.letters) - 1
    narrowed = meldestand.build(scope_of(query, DashboardFilter(year_from=2021, year_to=2021)), query)
    assert (narrowed.year_from, narrowed.year_to, narrowed.shortened) == (2021, 2021, False)


def test_direct_views_build_each_view_once(query: BoundQueries) -> None:
    source = DirectViews(scope_of(query), query)
    assert source.overview() is source.overview()
    assert source.matrix(2021) is source.matrix(2021)
    assert source.matrix(2019) is not source.matrix(2021)


SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
SEATS = ["Kommune", "Land", "Seite", "Amtszeit ab", "Amtszeit bis"]
COUNTS = ["Jahr", "Art", "Veranstaltungen", "Teilnehmende"]
EVENTS = ["Beginn", "Ende", "Art", "Titel", "Kommune", "Land", "Teilnehmende", "Angebote", "Partner", "Format"]
MEMBERS = [
    "Kommune", "Art", "Land", "Mitglied seit", "Austritt", "Einwohner", "Regionalnetzwerk", "Kontaktstelle",
    "Mindeststandards erfüllt", "Letzter Bericht", "Bericht fällig", "Berichtsstatus",
]  # fmt: skip
WEEKS = ["Jahr", "Gesundheitswochen", "Angebote", "Partner", "Angebote je Woche", "Partner je Woche"]
MATRIX = ["Kommune", "Erfüllt", *(f"Punkt {number}" for number in range(1, 10))]
SHOWN_HEADERS: dict[str, list[str]] = {
    "members.table": MEMBERS,
    "members.table_arrow": MEMBERS,
    "events.counts_table": COUNTS,
    "events.participants_table": ["Jahr", "Teilnehmende", "Veranstaltungen"],
    "events.weeks_table": WEEKS,
    "event_lists.event_table": EVENTS,
    "event_lists.event_arrow": EVENTS,
    "event_lists.network_table": [column for column in EVENTS if column not in ("Kommune", "Land")],
    "event_lists.attendance_table": [],
    "self_help.totals_table": ["Jahr", "Gruppen", "neue Gruppen", "meldende Mitglieder", "Gruppen je 100.000 EW"],
    "self_help.topics_table": ["Jahr", "Themenbereich", "Gruppen", "neue Gruppen"],
    "self_help.ranking_table": ["Rang", "Kommune", "Art", "Land", "Gruppen", "Einwohner", "Gruppen je 100.000 EW"],
    "self_help.missing_table": ["Kommune", "Art", "Land"],
    "standards.shares_table": ["Jahr", "Punkt", "Mindeststandard", "Anteil erfüllt in %", "Selbsteinschätzungen"],
    "standards.reports": ["Kommune", "Beitritt", "Letzter Bericht", "Fällig", "Status", "Eingereicht 2021"],
    "matrix.matrix": MATRIX,
    "matrix.shown": MATRIX,
    "networks.network_table": ["Netzwerk", "Mitglieder", "Anteil in %", "Länder", "Einwohner"],
    "networks.current_seats": SEATS,
    "networks.states_table": ["Land", "Seite", "Sitze"],
    "networks.history_table": ["Amtszeit ab", "Seite", "Sitze"],
    "networks.all_seats": SEATS,
    "profile.seats": SEATS,
    "profile.events_table": COUNTS,
    "profile.self_help_table": ["Jahr", "Reihe", "Gruppen je 100.000 EW"],
    "profile.standards_table": ["Jahr", "Punkt", "Status"],
    "audit.table": ["Zeitpunkt", "Wer", "Aktion", "Bereich", "Schlüssel", "Änderung", "Quelle"],
    "overview.members_table": ["Jahr", "Art", "Mitglieder"],
    "overview.movements_table": ["Jahr", "Beitritte", "Austritte"],
    "overview.states_table": ["Land", "Mitglieder", "Einwohner"],
    "members.by_type_table": ["Art", "Mitglieder"],
    "members.by_state_table": ["Land", "Mitglieder", "Einwohner"],
    "members.population_table": ["Jahr", "Art", "Einwohner"],
    "meldestand.matrix": ["Kommune", "Lücken", *(str(year) for year in range(TODAY.year - 5, TODAY.year))],
    "meldestand.shares": ["Jahr", "Meldung", "Mitglieder", "eingegangen", "Anteil in %"],
    "meldestand.reminders": ["Kommune", "Kontaktstelle", "Fehlt", "Fehlt seit", "Lücken"],
}
"""Every frame a page shows or downloads, with the headers users see (and saw before frames had English keys)."""
NOT_SHOWN = {"standards.criteria", "standards.shares"}
"""Frames the views keep for charts and sentences, never shown as a table."""


def frame_columns(query: BoundQueries) -> dict[str, list[object]]:
    """The column names of every frame (pandas or Arrow) of every view model, by "view.field"."""
    scope = scope_of(query)
    page = standards.build(scope, query)
    kiel = profile.profile_scope(scope_of(query, DashboardFilter(member="Kiel")))
    views = {
        "overview": overview.build(scope, query),
        "members": members.build(scope, query),
        "events": events.build(scope, query),
        "event_lists": events.build_lists(scope, query),
        "maps": overview.build_maps(scope, query),
        "self_help": selfhelp.build(scope, query),
        "standards": page,
        "matrix": standards.build_matrix(scope, query, page, 2021),
        "networks": networks.build(scope, query),
        "profile": profile.build(kiel, query, query.self_help_member_years(profile.network_filter(kiel))),
        "audit": audit.build(query, None, None, None),
        "meldestand": meldestand.build(scope, query),
    }
    columns: dict[str, list[object]] = {}
    for name, view in views.items():
        for field in dataclasses.fields(view):
            value = getattr(view, field.name)
            if isinstance(value, pd.DataFrame):
                columns[f"{name}.{field.name}"] = list(value.columns)
            elif isinstance(value, pa.Table):
                columns[f"{name}.{field.name}"] = list(value.column_names)
    return columns


def test_every_frame_of_every_view_model_has_english_snake_case_keys(query: BoundQueries) -> None:
    columns = frame_columns(query)
    assert set(columns) == set(SHOWN_HEADERS) | NOT_SHOWN  # every frame field of every view is looked at
    not_keys = {
        field: [name for name in names if not (isinstance(name, str) and name.isascii() and SNAKE_CASE.fullmatch(name))]
        for field, names in columns.items()
    }
    assert {field: names for field, names in not_keys.items() if names} == {}


def test_every_shown_frame_gets_the_german_headers_users_see(query: BoundQueries) -> None:
    columns = frame_columns(query)
    # The small network records no attendance: that view holds an empty frame (headers: tests/metrics).
    assert [field for field, names in columns.items() if not names] == ["event_lists.attendance_table"]
    shown = {field: [header(str(name)) for name in names] for field, names in columns.items() if field in SHOWN_HEADERS}
    assert shown == {**SHOWN_HEADERS, "event_lists.attendance_table": []}


@pytest.mark.parametrize("until", [datetime.date(2021, 3, 1), datetime.date(2021, 9, 30), datetime.date(2020, 12, 30)])
def test_the_days_of_a_year_counted_from_either_side_are_the_same(query: BoundQueries, until: datetime.date) -> None:
    for filter_ in (DashboardFilter(), DashboardFilter(states=("SH",)), DashboardFilter(event_types=("Fachtag",))):
        by_year = query.event_counts_by_year_and_type(dataclasses.replace(filter_, year_from=None, year_to=None))
        direct = query.event_totals(filter_, datetime.date(until.year, 1, 1), until)
        assert overview.year_until(query, filter_, by_year, until) == direct
    # Kiel's 2021 Gesundheitswoche (1 March, 1,200) and Segeberg's Selbsthilfetag (9 September, 500).
    assert (
        query.event_totals(DashboardFilter(states=("SH",)), datetime.date(until.year, 1, 1), until)
        == {
            datetime.date(2021, 3, 1): (1, 1200),
            datetime.date(2021, 9, 30): (2, 1700),
            datetime.date(2020, 12, 30): (1, 1000),
        }[until]
    )
