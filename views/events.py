"""The Veranstaltungen page: counts, participants, Gesundheitswochen (:class:`EventsView`); the newest
events and the meetings' attendance (:class:`EventListView`).

The figures are also the source of the Präsentation's "Veranstaltungen" slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from charts import events as charts
from charts.figure import ChartSpec, chart_spec
from data_access.queries import EVENT_LIST_LIMIT
from data_access.queries.bound import BoundQueries
from metrics import events as metrics
from views.scope import Scope
from views.sentences import Opening


@dataclass(frozen=True)
class EventsView(Opening):
    """The figures of the Veranstaltungen page for one scope (``total`` 0: nothing to show)."""

    years: tuple[int, int]
    total: int
    opening_sentences: tuple[str, ...]
    counts_chart: ChartSpec | None
    counts_table: pd.DataFrame
    participants_chart: ChartSpec | None
    participants_table: pd.DataFrame
    weeks_chart: ChartSpec | None
    weeks_table: pd.DataFrame


@dataclass(frozen=True)
class EventListView:
    """The single events of the page: the newest ones, network-wide ones, the meetings' attendance."""

    timeline_chart: ChartSpec | None
    event_table: pd.DataFrame
    event_arrow: pa.Table
    list_limit: int
    """At most this many events are listed (the newest)."""
    network_table: pd.DataFrame
    attendance_chart: ChartSpec | None
    attendance_table: pd.DataFrame


def build(scope: Scope, query: BoundQueries) -> EventsView:
    """Build the figures of the Veranstaltungen page of ``scope`` (the events of its years)."""
    year_from, year_to = scope.years
    counts = query.event_counts_by_year_and_type(scope.filter)
    per_year = metrics.participants_per_year(counts)
    weeks = metrics.health_weeks(counts)
    return EventsView(
        years=(year_from, year_to),
        total=int(counts["events"].sum()) if not counts.empty else 0,
        opening_sentences=tuple(metrics.events_opening(counts, year_from, year_to)),
        counts_chart=chart_spec(charts.events_per_year(counts)) if not counts.empty else None,
        counts_table=metrics.counts_table(counts),
        participants_chart=chart_spec(charts.participants_per_year(per_year)) if not per_year.empty else None,
        participants_table=per_year,
        weeks_chart=chart_spec(charts.health_weeks(weeks)) if not weeks.empty else None,
        weeks_table=weeks,
    )


def build_lists(scope: Scope, query: BoundQueries) -> EventListView:
    """Build the event lists of the page: a view of their own, so a deck does not read rows it never shows."""
    filter_ = scope.filter
    year_from, year_to = scope.years
    listed = query.event_list(filter_)
    network = query.network_events(filter_) if not filter_.restricts_members else listed.iloc[0:0]
    attendance = query.meeting_attendance(filter_)
    active = query.active_members_by_year(filter_, year_from, year_to) if not attendance.empty else None
    table = metrics.event_table(listed)
    present = metrics.attendance_table(attendance, active) if active is not None else pd.DataFrame()
    return EventListView(
        timeline_chart=chart_spec(charts.timeline(listed)) if not listed.empty else None,
        event_table=table,
        event_arrow=pa.Table.from_pandas(table, preserve_index=False),
        list_limit=EVENT_LIST_LIMIT,
        network_table=metrics.event_table(network).drop(columns=["name", "state"]),
        attendance_chart=chart_spec(charts.meeting_attendance(metrics.attendance_by_side(present)))
        if not present.empty
        else None,
        attendance_table=present,
    )
