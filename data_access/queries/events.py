"""Single events: the newest events of a filter, and the network-wide meetings."""

from __future__ import annotations

import dataclasses
import datetime

import pandas as pd
from sqlalchemy import Connection, Select, case, func, select, union_all

from data_access.models import Event, EventAttendance, Member
from data_access.queries.common import frame, member_conditions, start_date_conditions
from domain.filter import DashboardFilter

EVENT_LIST_LIMIT = 1_000
"""Most events a list returns: a table and a timeline stay readable, a chart stays small."""


def _event_columns() -> Select:
    return select(
        Event.start_date,
        Event.end_date,
        Event.event_type,
        Event.title,
        Member.name,
        Member.state_code,
        Event.participants,
        Event.sessions,
        Event.partners,
        Event.event_format,
    )


def _date_conditions(filter_: DashboardFilter) -> list:
    conditions = start_date_conditions(Event.start_date, filter_)
    if filter_.event_types:
        conditions.append(Event.event_type.in_(filter_.event_types))
    return conditions


def event_list(connection: Connection, filter_: DashboardFilter, limit: int = EVENT_LIST_LIMIT) -> pd.DataFrame:
    """The newest ``limit`` events of the filter, newest first.

    Columns: start_date, end_date, event_type, title, name (the member; missing for a
    network-wide event), state_code, participants, sessions, partners, event_format.
    Network-wide events count only while no member attribute is filtered, as in
    ``event_counts_by_year_and_type``. The total behind a cut list is the sum of that
    query's ``events``; counting here would scan every event of the range again.
    """
    if len(filter_.event_types) > 1:
        # The newest of each type, then the newest of those: every part walks the index on
        # (type, date) backwards and stops early. One query over several types sorted every
        # event of those types instead (measured once at a million events; no bench filters
        # several types, ``python bench/bench_queries.py`` builds such a database).
        parts = [
            _newest(dataclasses.replace(filter_, event_types=(event_type,)), limit).subquery()
            for event_type in filter_.event_types
        ]
        merged = union_all(*(select(part) for part in parts)).subquery("merged")
        statement = select(merged).order_by(merged.c.start_date.desc(), merged.c.id.desc()).limit(limit)
        return frame(connection, statement).drop(columns="id")
    return frame(connection, _newest(filter_, limit)).drop(columns="id")


def event_totals(
    connection: Connection, filter_: DashboardFilter, first_day: datetime.date, last_day: datetime.date
) -> tuple[int, int]:
    """Events and their participants that start from ``first_day`` to ``last_day`` (both included).

    For the days of an incomplete year (the running year until today, and the same days a
    year earlier); whole years come from ``event_counts_by_year_and_type``, with the same
    rules: the filter's members and event types, network-wide events only while no member
    attribute is filtered. The filter's own years do not apply; the days do.
    """
    statement = select(func.count(), func.coalesce(func.sum(Event.participants), 0)).where(
        Event.start_date >= first_day, Event.start_date <= last_day
    )
    if filter_.event_types:
        statement = statement.where(Event.event_type.in_(filter_.event_types))
    if filter_.restricts_members:
        statement = statement.join(Member, Member.id == Event.member_id).where(*member_conditions(filter_))
    events, participants = connection.execute(statement).one()
    return int(events), int(participants)


def _newest(filter_: DashboardFilter, limit: int) -> Select:
    statement = _event_columns().add_columns(Event.id).where(*_date_conditions(filter_))
    if filter_.restricts_members:
        statement = statement.join(Member, Member.id == Event.member_id).where(*member_conditions(filter_))
    else:
        statement = statement.outerjoin(Member, Member.id == Event.member_id)
    return statement.order_by(Event.start_date.desc(), Event.id.desc()).limit(limit)


def network_events(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Network-wide events (no member: Mitgliederversammlung, Symposium) in the filter's years, newest first.

    Columns as ``event_list``. They belong to no Land or member, so only the years and the
    event types of the filter apply.
    """
    statement = (
        _event_columns()
        .outerjoin(Member, Member.id == Event.member_id)
        .where(Event.member_id.is_(None), *_date_conditions(filter_))
        .order_by(Event.start_date.desc())
    )
    return frame(connection, statement)


def meeting_attendance(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Who was represented at each network-wide event of the filter's years, counted among the filtered members.

    Columns: start_date, title, represented (members with at least one side present),
    municipal and self_help (members whose Kommune or Selbsthilfe side was there),
    both_sides. Only events with recorded attendance appear (Mitgliederversammlungen).
    """
    per_member = (
        select(
            EventAttendance.event_id,
            EventAttendance.member_id,
            func.count(func.distinct(EventAttendance.side)).label("sides"),
            func.max(case((EventAttendance.side == "Kommune", 1), else_=0)).label("municipal"),
            func.max(case((EventAttendance.side == "Selbsthilfe", 1), else_=0)).label("self_help"),
        )
        .join(Member, Member.id == EventAttendance.member_id)
        .where(*member_conditions(filter_))
        .group_by(EventAttendance.event_id, EventAttendance.member_id)
        .subquery("per_member")
    )
    statement = (
        select(
            Event.start_date,
            Event.title,
            func.count().label("represented"),
            func.sum(per_member.c.municipal).label("municipal"),
            func.sum(per_member.c.self_help).label("self_help"),
            func.sum(case((per_member.c.sides == 2, 1), else_=0)).label("both_sides"),
        )
        .join(per_member, per_member.c.event_id == Event.id)
        .where(Event.member_id.is_(None), *_date_conditions(filter_))
        .group_by(Event.id, Event.start_date, Event.title)
        .order_by(Event.start_date.desc())
    )
    return frame(connection, statement)
