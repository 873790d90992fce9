"""The Kommunen-Steckbrief as one cached view: one member's master data, seats, events, self-help, standards."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts.events import events_per_year
from charts.selfhelp import member_comparison
from charts.standards import member_statuses
from data_access.filters import DashboardFilter
from metrics import networks, profile, selfhelp
from metrics.events import counts_table
from metrics.members import member_table
from ui import data
from ui.charts import ChartSpec, chart_spec
from ui.member_table import member_facts


@dataclass(frozen=True)
class ProfileView:
    """Everything the Steckbrief of one member shows (``facts`` empty: no such member)."""

    name: str
    years: tuple[int, int]
    facts: dict[str, str]
    opening: str
    seats: pd.DataFrame
    events_chart: ChartSpec | None
    events_table: pd.DataFrame
    self_help_chart: ChartSpec | None
    self_help_table: pd.DataFrame
    standards_chart: ChartSpec | None
    standards_table: pd.DataFrame


@data.view_cache
def profile_view(name: str, year_from: int | None, year_to: int | None) -> ProfileView:
    """Build the Steckbrief of member ``name`` for the years of the filter (open ends: all data years).

    Only the member and the years of the filter apply: a Steckbrief shows its member even
    when other filters (Land, type) would leave it out, and compares it with the whole network.
    """
    options = data.filter_options()
    member = DashboardFilter(member=name, year_from=year_from, year_to=year_to)
    years = member.years(options.first_year, options.last_year)
    with data.one_connection() as query:
        row = query.member_list(member)
        if row.empty:
            empty = pd.DataFrame()
            return ProfileView(name, years, {}, "", empty, None, empty, None, empty, None, empty)
        seats = query.council_seats(member)
        counts = query.event_counts_by_year_and_type(member)
        assessments = query.member_assessments(name)
        criteria = query.standard_criteria()
    network_years = data.self_help_member_years(DashboardFilter(year_from=year_from, year_to=year_to))
    table = member_table(row, years[1])
    facts = {"Kommune": name, **member_facts(table.iloc[0])}
    if table.iloc[0]["Austritt"]:
        facts["Austritt"] = str(table.iloc[0]["Austritt"])
    comparison = selfhelp.member_comparison(network_years, name)
    standing = selfhelp.member_standing(network_years, name)
    met = table.iloc[0]["Mindeststandards erfüllt"]
    standards = None if pd.isna(met) else (int(met), len(criteria))
    events = int(counts["events"].sum()) if not counts.empty else 0
    return ProfileView(
        name=name,
        years=years,
        facts=facts,
        opening=" ".join(profile.profile_opening(facts, events, years, standing, standards)),
        seats=networks.seat_table(seats),
        events_chart=chart_spec(events_per_year(counts, selectable=False)) if not counts.empty else None,
        events_table=counts_table(counts),
        self_help_chart=chart_spec(member_comparison(comparison)) if not comparison.empty else None,
        self_help_table=comparison.rename(columns={"year": "Jahr", "series": "Reihe", "rate": "Gruppen je 100.000 EW"}),
        standards_chart=chart_spec(member_statuses(assessments)) if not assessments.empty else None,
        standards_table=assessments.rename(columns={"year": "Jahr", "criterion_number": "Punkt", "status": "Status"}),
    )
