"""Events and self-help: per year, per type or topic, read from the summary tables."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    Connection,
    case,
    func,
    literal,
    select,
)

from data_access.models import (
    Event,
    EventSummary,
    Member,
    SelfHelpCount,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
)
from data_access.queries.common import (
    frame,
    member_conditions,
    start_date_conditions,
    summary_conditions,
    whole_sum,
    year_conditions,
)
from data_access.summary import event_year
from domain.filter import DashboardFilter


def event_counts_by_year_and_type(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Events per year and type: year, event_type, events, participants, sessions, partners.

    Reads the summary table, except for one member (``kommune``), where the covering
    index on ``events`` answers directly. Network-wide events (no member) count only
    while no member filter is set: a Mitgliederversammlung belongs to no Land.
    """
    if filter_.member:
        year_column = event_year()
        statement = (
            select(
                year_column.label("year"),
                Event.event_type,
                func.count().label("events"),
                func.coalesce(func.sum(Event.participants), 0).label("participants"),
                func.coalesce(func.sum(Event.sessions), 0).label("sessions"),
                func.coalesce(func.sum(Event.partners), 0).label("partners"),
            )
            .where(Event.member_id == select(Member.id).where(*member_conditions(filter_)).scalar_subquery())
            .group_by(year_column, Event.event_type)
            .order_by(year_column, Event.event_type)
        )
        statement = statement.where(*start_date_conditions(Event.start_date, filter_))
        if filter_.event_types:
            statement = statement.where(Event.event_type.in_(filter_.event_types))
        return frame(connection, statement)
    conditions = summary_conditions(EventSummary, filter_)
    if filter_.event_types:
        conditions.append(EventSummary.event_type.in_(filter_.event_types))
    statement = (
        select(
            EventSummary.year,
            EventSummary.event_type,
            whole_sum(EventSummary.event_count).label("events"),
            whole_sum(EventSummary.participants).label("participants"),
            whole_sum(EventSummary.sessions).label("sessions"),
            whole_sum(EventSummary.partners).label("partners"),
        )
        .where(*conditions)
        .group_by(EventSummary.year, EventSummary.event_type)
        .order_by(EventSummary.year, EventSummary.event_type)
    )
    return frame(connection, statement)


def _self_help_year_conditions(filter_: DashboardFilter) -> list:
    return year_conditions(SelfHelpCount.year, filter_)


def self_help_by_year(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Self-help per year: year, groups, new_groups, reporting_members, population, groups_with_population.

    ``population`` is that of the members reporting in that year and
    ``groups_with_population`` their groups, so a rate per 100,000 inhabitants never
    divides the groups of a member without a population figure by nobody's inhabitants.
    Reads the year summary; for one member (``kommune``) the base table's index.
    """
    if filter_.member:
        per_member = (
            select(
                SelfHelpCount.member_id,
                SelfHelpCount.year,
                func.sum(SelfHelpCount.groups).label("groups"),
                func.sum(func.coalesce(SelfHelpCount.new_groups, 0)).label("new_groups"),
            )
            .join(Member, Member.id == SelfHelpCount.member_id)
            .where(*member_conditions(filter_), *_self_help_year_conditions(filter_))
            .group_by(SelfHelpCount.member_id, SelfHelpCount.year)
            .subquery("per_member")
        )
        statement = (
            select(
                per_member.c.year,
                per_member.c.groups,
                per_member.c.new_groups,
                literal(1).label("reporting_members"),
                func.coalesce(Member.population, 0).label("population"),
                case((Member.population.is_not(None), per_member.c.groups), else_=0).label("groups_with_population"),
            )
            .join(Member, Member.id == per_member.c.member_id)
            .order_by(per_member.c.year)
        )
        return frame(connection, statement)
    summary = SelfHelpYearSummary
    statement = (
        select(
            summary.year,
            whole_sum(summary.groups).label("groups"),
            whole_sum(summary.new_groups).label("new_groups"),
            whole_sum(summary.reporting_members).label("reporting_members"),
            whole_sum(summary.population).label("population"),
            whole_sum(summary.groups_with_population).label("groups_with_population"),
        )
        .where(*summary_conditions(summary, filter_))
        .group_by(summary.year)
        .order_by(summary.year)
    )
    return frame(connection, statement)


def self_help_by_topic(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Self-help groups per year and topic area: year, topic, groups, new_groups."""
    if filter_.member:
        statement = (
            select(
                SelfHelpCount.year,
                SelfHelpCount.topic,
                func.sum(SelfHelpCount.groups).label("groups"),
                func.sum(func.coalesce(SelfHelpCount.new_groups, 0)).label("new_groups"),
            )
            .join(Member, Member.id == SelfHelpCount.member_id)
            .where(*member_conditions(filter_), *_self_help_year_conditions(filter_))
            .group_by(SelfHelpCount.year, SelfHelpCount.topic)
            .order_by(SelfHelpCount.year, SelfHelpCount.topic)
        )
        return frame(connection, statement)
    summary = SelfHelpTopicSummary
    statement = (
        select(
            summary.year,
            summary.topic,
            whole_sum(summary.groups).label("groups"),
            whole_sum(summary.new_groups).label("new_groups"),
        )
        .where(*summary_conditions(summary, filter_))
        .group_by(summary.year, summary.topic)
        .order_by(summary.year, summary.topic)
    )
    return frame(connection, statement)
