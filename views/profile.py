"""The Kommunen-Steckbrief: one member's master data, seats, events, self-help and standards."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts.events import events_per_year
from charts.figure import ChartSpec, chart_spec
from charts.selfhelp import member_comparison
from charts.standards import member_statuses
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter
from metrics import networks, profile, selfhelp
from metrics.events import counts_table
from metrics.members import member_facts, member_table
from views.scope import Scope


@dataclass(frozen=True)
class ProfileView:
    """Everything the Steckbrief of one member shows (``facts`` empty: no such member)."""

    name: str
    years: tuple[int, int]
    facts: dict[str, str]
    opening: str
    status: str
    """The badge under the name: "ausgetreten 2019" for a former member, else empty."""
    seats: pd.DataFrame
    events_chart: ChartSpec | None
    events_table: pd.DataFrame
    self_help_chart: ChartSpec | None
    self_help_table: pd.DataFrame
    standards_chart: ChartSpec | None
    standards_table: pd.DataFrame


def profile_scope(scope: Scope) -> Scope:
    """The scope a Steckbrief shows: its member and the years only.

    A Steckbrief shows its member even when other filters (Land, type) would leave it
    out, and compares it with the whole network; so only these parts key its view.
    """
    filter_ = scope.filter
    return scope.for_filter(
        DashboardFilter(member=filter_.member, year_from=filter_.year_from, year_to=filter_.year_to)
    )


def network_filter(scope: Scope) -> DashboardFilter:
    """The whole network in the Steckbrief's years: what its self-help figures are compared with."""
    return DashboardFilter(year_from=scope.filter.year_from, year_to=scope.filter.year_to)


def build(scope: Scope, query: BoundQueries, network_years: pd.DataFrame) -> ProfileView:
    """Build the Steckbrief of ``scope``'s member (see :func:`profile_scope`).

    ``network_years`` is every member's groups per year (``self_help_member_years`` of
    :func:`network_filter`): one frame serves the comparison of every Steckbrief, so the
    caller reads and caches it once.
    """
    member = profile_scope(scope)
    name = member.filter.member or ""
    years = member.years
    row = query.member_list(member.filter)
    if row.empty:
        empty = pd.DataFrame()
        return ProfileView(name, years, {}, "", "", empty, None, empty, None, empty, None, empty)
    seats = query.council_seats(member.filter)
    counts = query.event_counts_by_year_and_type(member.filter)
    assessments = query.member_assessments(name)
    criteria = query.standard_criteria()
    table = member_table(row, years[1])
    facts = {"Kommune": name, **member_facts(table.iloc[0])}
    leave_year = table.iloc[0]["leave_year"]  # missing while a member
    left = None if pd.isna(leave_year) else int(leave_year)
    if left is not None:
        facts["Austritt"] = str(left)
    comparison = selfhelp.member_comparison(network_years, name)
    standing = selfhelp.member_standing(network_years, name)
    met = table.iloc[0]["standards_met"]
    standards = None if pd.isna(met) else (int(met), len(criteria))
    events = int(counts["events"].sum()) if not counts.empty else 0
    # The chart shows every year of the membership within the Steckbrief's years, 0 where none took place.
    member_years = (max(years[0], int(table.iloc[0]["join_year"])), min(years[1], left or years[1]))
    return ProfileView(
        name=name,
        years=years,
        facts=facts,
        opening=" ".join(profile.profile_opening(facts, events, years, standing, standards)),
        status=profile.membership_status(facts),
        seats=networks.seat_table(seats),
        events_chart=(
            chart_spec(events_per_year(profile.event_years(counts, *member_years), selectable=False))
            if not counts.empty
            else None
        ),
        events_table=counts_table(counts),
        self_help_chart=chart_spec(member_comparison(comparison)) if not comparison.empty else None,
        self_help_table=comparison,
        standards_chart=chart_spec(member_statuses(assessments)) if not assessments.empty else None,
        standards_table=assessments,
    )
