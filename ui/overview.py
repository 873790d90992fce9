"""The Überblick as one cached view: KPIs, sentences and chart specs for a filter.

One cache entry per filter: a warm rerun looks up a single small key instead of hashing
every frame again, and gets charts that are ready to send (see ``ui/charts.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from charts.grouping import Grouped, grouping_note
from charts.maps import member_places, member_points, state_tiles
from charts.members import joins_and_leaves, members_per_year
from data_access.filters import DashboardFilter
from metrics.kpis import Kpi, overview_kpis
from metrics.narrative import events_story, membership_story
from metrics.periods import Periods, kpi_periods
from reports.gather import all_years, kpi_inputs
from ui import data
from ui.charts import ChartSpec, chart_spec


@dataclass(frozen=True)
class OverviewView:
    """Everything the Überblick shows for one filter (``has_members`` False: nothing to show)."""

    has_members: bool
    periods: Periods
    kpis: list[Kpi]
    story: str
    members_chart: ChartSpec | None
    movements_chart: ChartSpec | None
    states_map: ChartSpec | None
    members_map: ChartSpec | None
    members_map_note: str


@data.view_cache
def overview_view(filter_: DashboardFilter) -> OverviewView:
    """Build the Überblick of ``filter_``; every frame is read once, through one connection."""
    options = data.filter_options()
    year_from, year_to = filter_.years(options.first_year, options.last_year)
    periods = kpi_periods(filter_, options.first_year, options.last_year)
    with data.one_connection() as query:
        # One history serves both the chart (from year_from) and the narrative (from 1989):
        # the KPI period always ends with the view's last year.
        history = query.active_members_by_year(filter_, options.first_year, year_to)
        members = history[history["year"] >= year_from].reset_index(drop=True)
        if members.empty:
            return OverviewView(False, periods, [], "", None, None, None, None, "")
        flows = query.member_flows_by_year(all_years(filter_))
        inputs = kpi_inputs(query, data.dataset_facts(), filter_, periods)
        located = query.member_list(filter_, year_to)
    events = events_story(inputs.events_by_year, periods)
    places = member_places(located)
    sentences = [*membership_story(flows, history, periods.year_from, periods.year_to), *([events] if events else [])]
    return OverviewView(
        has_members=True,
        periods=periods,
        kpis=overview_kpis(inputs, periods),
        story=" ".join(sentences),
        members_chart=chart_spec(members_per_year(members)),
        movements_chart=chart_spec(joins_and_leaves(flows, list(range(year_from, year_to + 1)))),
        states_map=chart_spec(state_tiles(inputs.states_now)),
        members_map=chart_spec(member_points(places)),
        members_map_note=map_note(places),
    )


def map_note(places: Grouped) -> str:
    """The caption of the member map: what size and colour mean, what a click does (German)."""
    if places.step is None:
        return "Punktgröße: Einwohner. Ein Klick auf eine Kommune öffnet ihren Steckbrief."
    grouping = grouping_note(places, "einem Feld von {step}° Breite und Länge")
    return f"{grouping} Farbe: Zahl der Kommunen, Punktgröße: Einwohner."
