"""The Veranstaltungen page as one cached view: counts, Gesundheitswochen, the newest events, sentences."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from charts import events as charts
from data_access.filters import DashboardFilter
from metrics import events as metrics
from ui import data
from ui.charts import ChartSpec, chart_spec

WEEK_COLUMNS = {
    "year": "Jahr",
    "editions": "Gesundheitswochen",
    "sessions": "Angebote",
    "partners": "Partner",
    "sessions_per_edition": "Angebote je Woche",
    "partners_per_edition": "Partner je Woche",
}


@dataclass(frozen=True)
class EventsView:
    """Everything the Veranstaltungen page shows for one filter (``total`` 0: nothing to show)."""

    years: tuple[int, int]
    total: int
    opening: str
    counts_chart: ChartSpec | None
    counts_table: pd.DataFrame
    participants_chart: ChartSpec | None
    participants_table: pd.DataFrame
    weeks_chart: ChartSpec | None
    weeks_table: pd.DataFrame
    timeline_chart: ChartSpec | None
    event_table: pd.DataFrame
    event_arrow: pa.Table
    network_table: pd.DataFrame
    attendance_chart: ChartSpec | None
    attendance_table: pd.DataFrame


@data.view_cache
def events_view(filter_: DashboardFilter) -> EventsView:
    """Build the Veranstaltungen page of ``filter_`` (the events of its years), through one connection."""
    options = data.filter_options()
    year_from, year_to = filter_.years(options.first_year, options.last_year)
    with data.one_connection() as query:
        counts = query.event_counts_by_year_and_type(filter_)
        listed = query.event_list(filter_)
        network = query.network_events(filter_) if not filter_.restricts_members else listed.iloc[0:0]
        attendance = query.meeting_attendance(filter_)
        active = query.active_members_by_year(filter_, year_from, year_to) if not attendance.empty else None
    per_year = metrics.participants_per_year(counts)
    weeks = metrics.health_weeks(counts)
    table = metrics.event_table(listed)
    present = metrics.attendance_table(attendance, active) if active is not None else pd.DataFrame()
    return EventsView(
        years=(year_from, year_to),
        total=int(counts["events"].sum()) if not counts.empty else 0,
        opening=" ".join(metrics.events_opening(counts, year_from, year_to)),
        counts_chart=chart_spec(charts.events_per_year(counts)) if not counts.empty else None,
        counts_table=metrics.counts_table(counts),
        participants_chart=chart_spec(charts.participants_per_year(per_year)) if not per_year.empty else None,
        participants_table=per_year.rename(
            columns={"year": "Jahr", "participants": "Teilnehmende", "events": "Veranstaltungen"}
        ),
        weeks_chart=chart_spec(charts.health_weeks(weeks)) if not weeks.empty else None,
        weeks_table=weeks.rename(columns=WEEK_COLUMNS),
        timeline_chart=chart_spec(charts.timeline(listed)) if not listed.empty else None,
        event_table=table,
        event_arrow=pa.Table.from_pandas(table, preserve_index=False),
        network_table=metrics.event_table(network).drop(columns=["Kommune", "Land"]),
        attendance_chart=chart_spec(charts.meeting_attendance(metrics.attendance_by_side(present)))
        if not present.empty
        else None,
        attendance_table=present,
    )
