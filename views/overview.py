"""The Überblick: KPIs, the period's story and the member development (:class:`OverviewView`); the maps.

The first is also the source of the Präsentation's "Kennzahlen" and "Mitgliederentwicklung"
slides; the maps are a view of their own, so a deck does not read the member list it never shows.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

import pandas as pd

from charts.figure import ChartSpec, arrow_frame, chart_spec
from charts.grouping import Grouped, grouping_note
from charts.maps import member_places, member_points, state_tiles
from charts.members import (
    joins_and_leaves,
    members_per_year,
    members_per_year_table,
    movements_table,
    states_table,
)
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter
from metrics.kpis import Kpi, KpiInputs, overview_kpis
from metrics.narrative import events_story, membership_story
from metrics.periods import reported_years
from views.scope import Scope


@dataclass(frozen=True)
class OverviewView:
    """Everything the Überblick shows for one scope (``has_members`` False: nothing to show)."""

    has_members: bool
    kpis: tuple[Kpi, ...]
    story_sentences: tuple[str, ...]
    """The period's sentences: joins and leaves, growth, events (the page's info box)."""
    development: tuple[str, ...]
    """The membership sentences over all shown years (the "Mitgliederentwicklung" slide)."""
    members_chart: ChartSpec | None
    movements_chart: ChartSpec | None
    """None when no member joined or left in the years shown (the page says so instead of a zero line)."""
    members_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Members per year and type: the figures behind ``members_chart`` ("Daten zum Diagramm")."""
    movements_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Joins and leaves per year: the figures behind ``movements_chart``."""
    states_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Members and population per Land in the last year: the figures behind the Länder map."""

    @property
    def story(self) -> str:
        """The story as one paragraph."""
        return " ".join(self.story_sentences)


def kpi_inputs(query: BoundQueries, scope: Scope, history: pd.DataFrame | None = None) -> KpiInputs:
    """Fetch everything the eight KPIs of ``scope.periods`` need, through ``query``'s connection.

    ``history``: active members per year (``active_members_by_year``), when the caller has it.
    """
    periods, filter_ = scope.periods, scope.filter
    unbounded = scope.without_years()
    before = periods.previous_to
    standards_now, standards_before = reported_years(periods, scope.reported_assessment_year)
    help_now, help_before = reported_years(periods, scope.reported_self_help_year)
    events_by_year = query.event_counts_by_year_and_type(unbounded)
    running_now = running_before = None
    if periods.until is not None:
        running_now = year_until(query, filter_, events_by_year, periods.until)
        if periods.previous_until is not None:
            running_before = year_until(query, filter_, events_by_year, periods.previous_until)
    members = None
    if help_now is not None and help_before is not None:
        both_years = dataclasses.replace(filter_, year_from=help_before, year_to=help_now)
        members = query.self_help_member_years(both_years)
    return KpiInputs(
        states_now=query.members_by_state(filter_, periods.year_to),
        states_before=query.members_by_state(filter_, before) if before is not None else None,
        events_by_year=events_by_year,
        self_help_by_year=query.self_help_by_year(unbounded),
        standards_now=query.standards_met_by_member(filter_, standards_now or periods.year_to),
        standards_before=query.standards_met_by_member(filter_, standards_before) if standards_before else None,
        self_help_years=(help_now, help_before),
        standards_years=(standards_now, standards_before),
        running_now=running_now,
        running_before=running_before,
        self_help_members=members,
        active_by_year=history,
    )


def year_until(
    query: BoundQueries, filter_: DashboardFilter, events_by_year: pd.DataFrame, until: datetime.date
) -> tuple[int, int]:
    """Events and participants of ``until``'s year from 1 January to ``until``.

    Counting single events is the slow part (the summary tables hold whole years), so the
    shorter side of the year is counted: the days until ``until``, or the days after it,
    taken from the year's total (``events_by_year``, the same rules). Late in a year that
    reads a month of events instead of eleven (``python bench/bench_pages.py``, Überblick).
    """
    first, last = datetime.date(until.year, 1, 1), datetime.date(until.year, 12, 31)
    if (until - first) <= (last - until):
        return query.event_totals(filter_, first, until)
    events_after, participants_after = query.event_totals(filter_, until + datetime.timedelta(days=1), last)
    year = events_by_year[events_by_year["year"] == until.year] if not events_by_year.empty else events_by_year
    events = int(year["events"].sum()) if not year.empty else 0
    participants = int(year["participants"].sum()) if not year.empty else 0
    return events - events_after, participants - participants_after


def build(scope: Scope, query: BoundQueries) -> OverviewView:
    """Build the Überblick of ``scope``; every frame is read once, through ``query``'s connection."""
    year_from, year_to = scope.years
    periods = scope.periods
    # One history serves both the chart (from year_from) and the narrative (from the first
    # year): the KPI period always ends with the view's last year.
    history = query.active_members_by_year(scope.filter, scope.first_year, year_to)
    members = history[history["year"] >= year_from].reset_index(drop=True)
    if members.empty:
        return OverviewView(False, (), (), (), None, None)
    flows = query.member_flows_by_year(scope.without_years())
    inputs = kpi_inputs(query, scope, history)
    kpis = tuple(overview_kpis(inputs, periods))
    years = list(range(year_from, year_to + 1))
    moves = movements_table(flows, years)
    events = events_story(kpis, periods)
    sentences = [
        *membership_story(flows, history, periods.year_from, periods.year_to, periods.until),
        *([events] if events else []),
    ]
    return OverviewView(
        has_members=True,
        kpis=kpis,
        story_sentences=tuple(sentences),
        development=tuple(membership_story(flows, history, year_from, year_to, periods.until)),
        members_chart=chart_spec(members_per_year(members)),
        movements_chart=chart_spec(joins_and_leaves(flows, years)) if moves[["joins", "leaves"]].any().any() else None,
        members_table=members_per_year_table(members),
        movements_table=moves,
        states_table=states_table(inputs.states_now),
    )


def places_table(maps: MapView) -> pd.DataFrame:
    """The member points of the Kommunen map as a table: name (or "12 Kommunen"), type, members, population.

    Read from the map's own rows (``charts.grouping.group_members``), so the table shows exactly
    the points drawn, grouped ones included.
    """
    rows = arrow_frame(maps.members_map["datasets"]["members"])
    table = rows.assign(name=rows["label"])[["name", "member_type", "members", "population"]]
    table = table.sort_values("name").reset_index(drop=True)
    return table.drop(columns="members") if bool((table["members"] == 1).all()) else table


@dataclass(frozen=True)
class MapView:
    """The Länder tiles and the member points of the scope's last year."""

    states_map: ChartSpec
    members_map: ChartSpec
    members_map_note: str


def build_maps(scope: Scope, query: BoundQueries) -> MapView:
    """Build the two maps of the Überblick (members active in the scope's last year)."""
    places = member_places(query.member_list(scope.filter, scope.year_to))
    return MapView(
        states_map=chart_spec(state_tiles(query.members_by_state(scope.filter, scope.year_to))),
        members_map=chart_spec(member_points(places)),
        members_map_note=map_note(places),
    )


def map_note(places: Grouped) -> str:
    """The caption of the member map: what size and colour mean, what a click does (German)."""
    if places.step is None:
        return "Punktgröße: Einwohner. Ein Klick auf eine Kommune öffnet ihren Steckbrief."
    grouping = grouping_note(places, "einem Feld von {step}° Breite und Länge")
    return f"{grouping} Farbe: Zahl der Kommunen, Punktgröße: Einwohner."
