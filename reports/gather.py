"""The query frames a set of figures needs, read through one connection (pages and decks alike).

The dashboard's pages (``ui/``) and the meeting deck (``reports/deck_content.py``) ask for
the same figures; reading them here once keeps the two from drifting apart.
"""

from __future__ import annotations

import dataclasses

from data_access.filters import DashboardFilter
from data_access.queries import DatasetFacts
from data_access.queries.bound import BoundQueries
from metrics.kpis import KpiInputs
from metrics.periods import Periods, reported_years


def all_years(filter_: DashboardFilter) -> DashboardFilter:
    """The filter without its year range: per-year frames that metrics slice into periods."""
    return dataclasses.replace(filter_, year_from=None, year_to=None)


def kpi_inputs(query: BoundQueries, facts: DatasetFacts, filter_: DashboardFilter, periods: Periods) -> KpiInputs:
    """Fetch everything the eight KPIs of ``periods`` need, through ``query``'s connection."""
    unbounded = all_years(filter_)
    before = periods.previous_to
    standards_now, standards_before = reported_years(periods, facts.reported_assessment_year)
    return KpiInputs(
        states_now=query.members_by_state(filter_, periods.year_to),
        states_before=query.members_by_state(filter_, before) if before is not None else None,
        events_by_year=query.event_counts_by_year_and_type(unbounded),
        self_help_by_year=query.self_help_by_year(unbounded),
        standards_now=query.standards_met_by_member(filter_, standards_now or periods.year_to),
        standards_before=query.standards_met_by_member(filter_, standards_before) if standards_before else None,
        self_help_years=reported_years(periods, facts.reported_self_help_year),
        standards_years=(standards_now, standards_before),
    )
