"""KPI cards: the query frames a KPI set needs, and their rendering as st.metric."""

from __future__ import annotations

import dataclasses

import streamlit as st

from data_access.filters import DashboardFilter
from metrics.kpis import Kpi, KpiInputs
from metrics.periods import Periods, reported_years
from ui import data


def all_years(filter_: DashboardFilter) -> DashboardFilter:
    """The filter without its year range: per-year frames that metrics slice into periods."""
    return dataclasses.replace(filter_, year_from=None, year_to=None)


def kpi_inputs(query: data.BoundQueries, filter_: DashboardFilter, periods: Periods) -> KpiInputs:
    """Fetch everything the eight KPIs of ``periods`` need, through ``query``'s connection."""
    unbounded = all_years(filter_)
    before = periods.previous_to
    facts = data.dataset_facts()
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


def kpi_cards(kpis: list[Kpi], periods: Periods, per_row: int = 4) -> None:
    """Show the KPIs as cards, ``per_row`` to a row, each with change and help text."""
    for start in range(0, len(kpis), per_row):
        columns = st.columns(per_row, border=True)
        for column, kpi in zip(columns, kpis[start : start + per_row], strict=False):
            change = kpi.change_text(periods.previous_label)
            column.metric(
                kpi.label,
                kpi.text,
                change,
                help=kpi.help,
                delta_color="off" if kpi.change == 0 else "normal",
                delta_arrow="off" if kpi.change == 0 else "auto",
            )
