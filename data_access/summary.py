"""The event summary table and the dataset facts, kept current inside every write transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from sqlalchemy import Connection, Integer, case, cast, delete, extract, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from data_access.models import (
    DatasetInfo,
    Event,
    EventSummary,
    Member,
    SelfHelpCount,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardAssessment,
    StandardMemberSummary,
)

STAND_KEY = "stand"
DEMO_KEY = "demo"


def event_year():  # noqa: ANN201 - a SQL expression, typed by SQLAlchemy
    """The calendar year of an event's start date as an integer SQL expression (both dialects)."""
    return cast(extract("year", Event.start_date), Integer)


def refresh_event_summary(connection: Connection, years: Iterable[int] | None = None) -> None:
    """Rebuild the rows of ``event_summary`` for ``years`` (all years when None) from ``events``.

    Call it in the same transaction as the write that changed events or a member's
    Land, type or network: readers then never see the two disagree. A changed member
    moves all its events, so that case passes ``years=None``. Cost: proportional to the
    events of the given years, small for the real network (part of the write time
    ``python bench/bench_queries.py`` prints for its million events).
    """
    year_list = sorted(set(years)) if years is not None else None
    if year_list is not None and not year_list:
        return
    removal = delete(EventSummary)
    year_column = event_year()
    source = (
        select(
            year_column,
            Event.event_type,
            Member.state_code,
            Member.member_type,
            Member.regional_network_id,
            func.count(),
            func.coalesce(func.sum(Event.participants), 0),
            func.coalesce(func.sum(Event.sessions), 0),
            func.coalesce(func.sum(Event.partners), 0),
        )
        .select_from(Event)
        .outerjoin(Member, Member.id == Event.member_id)
        .group_by(year_column, Event.event_type, Member.state_code, Member.member_type, Member.regional_network_id)
    )
    if year_list is not None:
        removal = removal.where(EventSummary.year.in_(year_list))
        # A range on start_date lets the index narrow the scan; the IN keeps gaps out.
        source = source.where(
            Event.start_date >= datetime.date(year_list[0], 1, 1),
            Event.start_date < datetime.date(year_list[-1] + 1, 1, 1),
            year_column.in_(year_list),
        )
    connection.execute(removal)
    connection.execute(
        insert(EventSummary).from_select(
            [
                EventSummary.year,
                EventSummary.event_type,
                EventSummary.state_code,
                EventSummary.member_type,
                EventSummary.regional_network_id,
                EventSummary.event_count,
                EventSummary.participants,
                EventSummary.sessions,
                EventSummary.partners,
            ],
            source,
        )
    )


def refresh_self_help_summaries(connection: Connection) -> None:
    """Rebuild both self-help summaries from ``self_help_counts`` and ``members``.

    Call it in the transaction of every write to self-help counts and of every change
    to a member's Land, type, network or population. A full rebuild reads the base
    table once, which is cheap next to the many reads it saves: writes are rare, reads
    are many (part of the write time ``python bench/bench_queries.py`` prints).
    """
    dimensions = (Member.state_code, Member.member_type, Member.regional_network_id)
    new_groups = func.coalesce(SelfHelpCount.new_groups, 0)
    connection.execute(delete(SelfHelpTopicSummary))
    connection.execute(
        insert(SelfHelpTopicSummary).from_select(
            ["year", "topic", "state_code", "member_type", "regional_network_id", "groups", "new_groups"],
            select(
                SelfHelpCount.year,
                SelfHelpCount.topic,
                *dimensions,
                func.sum(SelfHelpCount.groups),
                func.sum(new_groups),
            )
            .join(Member, Member.id == SelfHelpCount.member_id)
            .group_by(SelfHelpCount.year, SelfHelpCount.topic, *dimensions),
        )
    )
    per_member = (
        select(
            SelfHelpCount.member_id,
            SelfHelpCount.year,
            func.sum(SelfHelpCount.groups).label("groups"),
            func.sum(new_groups).label("new_groups"),
        )
        .group_by(SelfHelpCount.member_id, SelfHelpCount.year)
        .subquery("per_member")
    )
    connection.execute(delete(SelfHelpYearSummary))
    connection.execute(
        insert(SelfHelpYearSummary).from_select(
            [
                "year",
                "state_code",
                "member_type",
                "regional_network_id",
                "groups",
                "new_groups",
                "reporting_members",
                "population",
                "groups_with_population",
            ],
            select(
                per_member.c.year,
                *dimensions,
                func.sum(per_member.c.groups),
                func.sum(per_member.c.new_groups),
                func.count(),
                func.coalesce(func.sum(Member.population), 0),
                func.coalesce(func.sum(case((Member.population.is_not(None), per_member.c.groups), else_=0)), 0),
            )
            .join(Member, Member.id == per_member.c.member_id)
            .group_by(per_member.c.year, *dimensions),
        )
    )


def status_count(status: str):  # noqa: ANN201 - a SQL expression
    """SUM over assessments that have ``status`` (one of ``reference.ASSESSMENT_STATUSES``)."""
    return func.sum(case((StandardAssessment.status == status, 1), else_=0))


def refresh_standard_summary(connection: Connection) -> None:
    """Rebuild ``standard_member_summary`` from ``standard_assessments`` (same transaction as the write)."""
    connection.execute(delete(StandardMemberSummary))
    connection.execute(
        insert(StandardMemberSummary).from_select(
            ["member_id", "year", "met", "partial", "not_met"],
            select(
                StandardAssessment.member_id,
                StandardAssessment.year,
                status_count("erfüllt"),
                status_count("teilweise"),
                status_count("nicht erfüllt"),
            ).group_by(StandardAssessment.member_id, StandardAssessment.year),
        )
    )


def set_dataset_value(connection: Connection, key: str, value: str) -> None:
    """Insert or replace one ``dataset_info`` value in one atomic statement (INSERT … ON CONFLICT DO UPDATE).

    Not delete-then-insert: under READ COMMITTED two PostgreSQL writers both deleted, both
    inserted, and the second failed on the primary key ("Stand" of eight parallel imports).
    Writers queue anyway (``engine.write_transaction``); this holds even without the queue.
    """
    dialect_insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = dialect_insert(DatasetInfo).values(key=key, value=value)
    connection.execute(
        statement.on_conflict_do_update(index_elements=[DatasetInfo.key], set_={"value": statement.excluded.value})
    )


def mark_changed(connection: Connection, when: datetime.datetime | None = None) -> None:
    """Record that the data changed now: the "Stand" date shown on every page."""
    moment = when or datetime.datetime.now(datetime.UTC)
    # Microseconds: the value is also the data version other processes compare (ui/data.py).
    set_dataset_value(connection, STAND_KEY, moment.isoformat(timespec="microseconds"))
