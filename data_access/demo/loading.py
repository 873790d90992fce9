"""Writing a demo data set into the database (replacing what is there)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from data_access.audit import Change, record
from data_access.demo.settings import DemoData
from data_access.models import (
    CouncilSeat,
    Event,
    EventAttendance,
    EventSummary,
    Member,
    RegionalNetwork,
    ReportSubmission,
    SelfHelpCount,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardAssessment,
    StandardMemberSummary,
)
from data_access.summary import (
    DEMO_KEY,
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
    set_dataset_value,
)

DEMO_TABLES = (
    EventAttendance,
    EventSummary,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardMemberSummary,
    Event,
    SelfHelpCount,
    StandardAssessment,
    CouncilSeat,
    ReportSubmission,
    Member,
    RegionalNetwork,
)


def has_members(connection: Connection) -> bool:
    """True when the database already holds members (then ``demo`` must not overwrite silently)."""
    return bool(connection.execute(select(func.count()).select_from(Member)).scalar())


def load(connection: Connection, data: DemoData, *, actor: str, chunk_size: int = 50_000) -> dict[str, int]:
    """Replace the database's content with ``data`` inside the caller's write transaction.

    Marks the data set as demo data and every row as a demo row (``demo`` column, so that
    ``demo_removal`` can take exactly these rows out again), refreshes the summaries and
    writes one audit entry with the row counts. Returns those counts.
    """
    for table in DEMO_TABLES:
        connection.execute(delete(table))
    connection.execute(insert(RegionalNetwork), [{**network, "demo": True} for network in data.networks])
    network_ids = dict(connection.execute(select(RegionalNetwork.name, RegionalNetwork.id)).all())
    connection.execute(
        insert(Member),
        [
            {
                **{key: value for key, value in member.items() if key != "network"},
                "regional_network_id": network_ids.get(member["network"]),
                "demo": True,
            }
            for member in data.members
        ],
    )
    member_ids = dict(connection.execute(select(Member.name, Member.id)).all())

    def with_ids(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        for offset in range(0, len(rows), chunk_size):
            yield [
                {
                    **{key: value for key, value in row.items() if key != "member"},
                    "member_id": member_ids.get(row["member"]) if row["member"] else None,
                    "demo": True,
                }
                for row in rows[offset : offset + chunk_size]
            ]

    for model, rows in (
        (Event, data.events),
        (SelfHelpCount, data.self_help),
        (StandardAssessment, data.assessments),
        (CouncilSeat, data.seats),
        (ReportSubmission, data.reports),
    ):
        for chunk in with_ids(rows):
            connection.execute(insert(model), chunk)
    network_events = select(Event.id, Event.event_type, Event.start_date, Event.title).where(Event.member_id.is_(None))
    event_ids = {(kind, start, title): number for number, kind, start, title in connection.execute(network_events)}
    present = [
        {"event_id": event_ids[row["event"]], "member_id": member_ids[row["member"]], "side": row["side"], "demo": True}
        for row in data.attendance
        if row["event"] in event_ids
    ]
    for offset in range(0, len(present), chunk_size):
        connection.execute(insert(EventAttendance), present[offset : offset + chunk_size])
    refresh_event_summary(connection)
    refresh_self_help_summaries(connection)
    refresh_standard_summary(connection)
    set_dataset_value(connection, DEMO_KEY, "1")
    mark_changed(connection)
    counts = {
        "regional_networks": len(data.networks),
        "members": len(data.members),
        "events": len(data.events),
        "self_help_counts": len(data.self_help),
        "standard_assessments": len(data.assessments),
        "council_seats": len(data.seats),
        "report_submissions": len(data.reports),
        "event_attendance": len(present),
    }
    record(
        connection,
        [Change("demo", "*", "Beispieldaten", None, counts)],
        actor=actor,
        source="python -m data_access demo",
    )
    return counts
