"""Every read of the dashboard: small aggregated DataFrames, computed in SQL.

Each function takes an open connection and a :class:`DashboardFilter` and returns a few
dozen to a few thousand rows, never a whole table: the database groups and counts, pandas
only carries the result. Statements are SQLAlchemy expressions, so every value is a
bound parameter. Column names of the returned frames are part of the contract with
``metrics/`` and ``charts/``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from data_access.filters import DashboardFilter
from data_access.models import (
    DatasetInfo,
    Event,
    EventSummary,
    Member,
    RegionalNetwork,
    SelfHelpCount,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardAssessment,
    StandardMemberSummary,
)
from data_access.reference import FOUNDING_YEAR, german_sort_key
from data_access.summary import DEMO_KEY, STAND_KEY, event_year


def _frame(connection: Connection, statement: Select) -> pd.DataFrame:
    """Run ``statement`` and return its rows as a DataFrame.

    Rows are turned into plain tuples first: handed SQLAlchemy ``Row`` objects, pandas
    probes each one for attributes, which took half the time of a 1,000-row query.
    """
    result = connection.execute(statement)
    return pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))


def _network_ids(filter_: DashboardFilter) -> Select:
    return select(RegionalNetwork.id).where(RegionalNetwork.name.in_(filter_.networks))


def member_conditions(filter_: DashboardFilter) -> list:
    """SQL conditions on ``members`` for the member part of the filter (Land, type, network, one member)."""
    conditions = []
    if filter_.states:
        conditions.append(Member.state_code.in_(filter_.states))
    if filter_.member_types:
        conditions.append(Member.member_type.in_(filter_.member_types))
    if filter_.networks:
        conditions.append(Member.regional_network_id.in_(_network_ids(filter_)))
    if filter_.member:
        conditions.append(Member.name == filter_.member)
    return conditions


def summary_conditions(summary, filter_: DashboardFilter) -> list:  # noqa: ANN001 - any summary model
    """SQL conditions on a summary table (Land, type, network, years) for everything but one member."""
    conditions = []
    if filter_.states:
        conditions.append(summary.state_code.in_(filter_.states))
    if filter_.member_types:
        conditions.append(summary.member_type.in_(filter_.member_types))
    if filter_.networks:
        conditions.append(summary.regional_network_id.in_(_network_ids(filter_)))
    if filter_.year_from is not None:
        conditions.append(summary.year >= filter_.year_from)
    if filter_.year_to is not None:
        conditions.append(summary.year <= filter_.year_to)
    return conditions


def _active_in(year) -> list:  # noqa: ANN001 - an int or a SQL expression
    """A member counts in ``year`` from its join year through its leave year (its last year)."""
    return [Member.join_year <= year, or_(Member.leave_year.is_(None), Member.leave_year >= year)]


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter widgets offer: only what exists in the data, in German order."""

    states: tuple[str, ...]
    member_types: tuple[str, ...]
    networks: tuple[str, ...]
    members: tuple[str, ...]
    event_types: tuple[str, ...]
    first_year: int
    last_year: int


def filter_options(connection: Connection) -> FilterOptions:
    """Return the options for the filter widgets and the year span the data covers."""
    states = connection.execute(select(Member.state_code).distinct()).scalars().all()
    types = connection.execute(select(Member.member_type).distinct()).scalars().all()
    networks = connection.execute(select(RegionalNetwork.name)).scalars().all()
    members = connection.execute(select(Member.name)).scalars().all()
    event_types = connection.execute(select(EventSummary.event_type).distinct()).scalars().all()
    first_join, last_join, last_leave = connection.execute(
        select(func.min(Member.join_year), func.max(Member.join_year), func.max(Member.leave_year))
    ).one()
    last_event = connection.execute(select(func.max(Event.start_date))).scalar()
    last_count = connection.execute(select(func.max(SelfHelpCount.year))).scalar()
    candidates = [year for year in (last_join, last_leave, last_count) if year is not None]
    if last_event is not None:
        candidates.append(last_event.year)
    return FilterOptions(
        states=tuple(sorted(states)),
        member_types=tuple(sorted(types, key=german_sort_key)),
        networks=tuple(sorted(networks, key=german_sort_key)),
        members=tuple(sorted(members, key=german_sort_key)),
        event_types=tuple(sorted(event_types, key=german_sort_key)),
        first_year=first_join or FOUNDING_YEAR,
        last_year=max(candidates) if candidates else datetime.date.today().year,
    )


def active_members_by_year(
    connection: Connection, filter_: DashboardFilter, year_from: int, year_to: int
) -> pd.DataFrame:
    """Members active in each year of ``year_from..year_to``, by type: year, member_type, members, population.

    Counted as a running sum of joins (+1 in the join year) and leaves (−1 in the year
    after the leave year, the last member year) over a grid of years × types, so the
    database reads each member once instead of once per year (10 ms → 2 ms at 1,000
    members). Years in which a type has no member have no row. ``population`` is the
    members' current population (the data keeps no population history).
    """
    conditions = member_conditions(filter_)
    first = min(year_from, FOUNDING_YEAR)
    population = func.coalesce(Member.population, 0)
    join_year = case((Member.join_year < first, first), else_=Member.join_year)
    deltas = union_all(
        select(
            join_year.label("year"),
            Member.member_type,
            literal(1).label("delta"),
            population.label("population_delta"),
        ).where(*conditions),
        select(
            (Member.leave_year + 1).label("year"),
            Member.member_type,
            literal(-1).label("delta"),
            (-population).label("population_delta"),
        ).where(Member.leave_year.is_not(None), *conditions),
    ).subquery("deltas")
    per_year = (
        select(
            deltas.c.year,
            deltas.c.member_type,
            func.sum(deltas.c.delta).label("delta"),
            func.sum(deltas.c.population_delta).label("population_delta"),
        )
        .group_by(deltas.c.year, deltas.c.member_type)
        .subquery("per_year")
    )
    years = select(cast(literal(first), Integer).label("year")).cte("years", recursive=True)
    years = years.union_all(select((years.c.year + 1).label("year")).where(years.c.year < year_to))
    types = select(per_year.c.member_type).distinct().subquery("types")
    window = {"partition_by": types.c.member_type, "order_by": years.c.year}
    running = (
        select(
            years.c.year,
            types.c.member_type,
            # PostgreSQL sums bigints to numeric; cast back so pandas gets integers.
            cast(func.sum(func.coalesce(per_year.c.delta, 0)).over(**window), BigInteger).label("members"),
            cast(func.sum(func.coalesce(per_year.c.population_delta, 0)).over(**window), BigInteger).label(
                "population"
            ),
        )
        .select_from(years)
        .join(types, true())
        .outerjoin(per_year, and_(per_year.c.year == years.c.year, per_year.c.member_type == types.c.member_type))
        .subquery("running")
    )
    statement = (
        select(running.c.year, running.c.member_type, running.c.members, running.c.population)
        .where(running.c.year >= year_from, running.c.members > 0)
        .order_by(running.c.year, running.c.member_type)
    )
    return _frame(connection, statement)


def member_flows_by_year(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Joins and leaves per year and type: year, member_type, joins, leaves (years in the filter range)."""
    conditions = member_conditions(filter_)
    joins = select(
        Member.join_year.label("year"),
        Member.member_type,
        literal(1).label("joins"),
        literal(0).label("leaves"),
    ).where(*conditions)
    leaves = select(
        Member.leave_year.label("year"),
        Member.member_type,
        literal(0).label("joins"),
        literal(1).label("leaves"),
    ).where(Member.leave_year.is_not(None), *conditions)
    flows = union_all(joins, leaves).subquery("flows")
    statement = select(
        flows.c.year,
        flows.c.member_type,
        func.sum(flows.c.joins).label("joins"),
        func.sum(flows.c.leaves).label("leaves"),
    ).group_by(flows.c.year, flows.c.member_type)
    if filter_.year_from is not None:
        statement = statement.where(flows.c.year >= filter_.year_from)
    if filter_.year_to is not None:
        statement = statement.where(flows.c.year <= filter_.year_to)
    return _frame(connection, statement.order_by(flows.c.year, flows.c.member_type))


def members_by_state(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Members active in ``year`` per Land: state_code, members, population."""
    statement = (
        select(
            Member.state_code,
            func.count().label("members"),
            func.coalesce(func.sum(Member.population), 0).label("population"),
        )
        .where(*_active_in(year), *member_conditions(filter_))
        .group_by(Member.state_code)
        .order_by(Member.state_code)
    )
    return _frame(connection, statement)


def member_list(connection: Connection, filter_: DashboardFilter, year: int | None = None) -> pd.DataFrame:
    """Master data of the filtered members (active in ``year`` when given), sorted by name.

    Columns: name, member_type, state_code, join_year, leave_year, population,
    network, contact_point, latitude, longitude. One row per member (a network of a
    hundred; a thousand in the benchmark), so no aggregation is needed.
    """
    conditions = member_conditions(filter_)
    if year is not None:
        conditions.extend(_active_in(year))
    statement = (
        select(
            Member.name,
            Member.member_type,
            Member.state_code,
            Member.join_year,
            Member.leave_year,
            Member.population,
            RegionalNetwork.name.label("network"),
            Member.contact_point,
            Member.latitude,
            Member.longitude,
        )
        .outerjoin(RegionalNetwork, RegionalNetwork.id == Member.regional_network_id)
        .where(*conditions)
    )
    frame = _frame(connection, statement)
    return frame.sort_values("name", key=lambda names: names.map(german_sort_key)).reset_index(drop=True)


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
        if filter_.year_from is not None:
            statement = statement.where(Event.start_date >= datetime.date(filter_.year_from, 1, 1))
        if filter_.year_to is not None:
            statement = statement.where(Event.start_date < datetime.date(filter_.year_to + 1, 1, 1))
        if filter_.event_types:
            statement = statement.where(Event.event_type.in_(filter_.event_types))
        return _frame(connection, statement)
    conditions = summary_conditions(EventSummary, filter_)
    if filter_.event_types:
        conditions.append(EventSummary.event_type.in_(filter_.event_types))
    statement = (
        select(
            EventSummary.year,
            EventSummary.event_type,
            func.sum(EventSummary.event_count).label("events"),
            func.sum(EventSummary.participants).label("participants"),
            func.sum(EventSummary.sessions).label("sessions"),
            func.sum(EventSummary.partners).label("partners"),
        )
        .where(*conditions)
        .group_by(EventSummary.year, EventSummary.event_type)
        .order_by(EventSummary.year, EventSummary.event_type)
    )
    return _frame(connection, statement)


def _self_help_year_conditions(filter_: DashboardFilter) -> list:
    conditions = []
    if filter_.year_from is not None:
        conditions.append(SelfHelpCount.year >= filter_.year_from)
    if filter_.year_to is not None:
        conditions.append(SelfHelpCount.year <= filter_.year_to)
    return conditions


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
        return _frame(connection, statement)
    summary = SelfHelpYearSummary
    statement = (
        select(
            summary.year,
            func.sum(summary.groups).label("groups"),
            func.sum(summary.new_groups).label("new_groups"),
            func.sum(summary.reporting_members).label("reporting_members"),
            func.sum(summary.population).label("population"),
            func.sum(summary.groups_with_population).label("groups_with_population"),
        )
        .where(*summary_conditions(summary, filter_))
        .group_by(summary.year)
        .order_by(summary.year)
    )
    return _frame(connection, statement)


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
        return _frame(connection, statement)
    summary = SelfHelpTopicSummary
    statement = (
        select(
            summary.year,
            summary.topic,
            func.sum(summary.groups).label("groups"),
            func.sum(summary.new_groups).label("new_groups"),
        )
        .where(*summary_conditions(summary, filter_))
        .group_by(summary.year, summary.topic)
        .order_by(summary.year, summary.topic)
    )
    return _frame(connection, statement)


def standards_met_by_member(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Each filtered member active in ``year`` with its latest self-assessment up to ``year``.

    Columns: name, assessment_year, met, partial, not_met (counts of the nine criteria).
    Members that never assessed themselves are absent; the caller decides how to show that.
    """
    summary = StandardMemberSummary
    latest = (
        select(summary.member_id, func.max(summary.year).label("assessment_year"))
        .where(summary.year <= year)
        .group_by(summary.member_id)
        .subquery("latest")
    )
    statement = (
        select(Member.name, latest.c.assessment_year, summary.met, summary.partial, summary.not_met)
        .select_from(latest)
        .join(Member, Member.id == latest.c.member_id)
        .join(summary, and_(summary.member_id == latest.c.member_id, summary.year == latest.c.assessment_year))
        .where(*_active_in(year), *member_conditions(filter_))
    )
    frame = _frame(connection, statement)
    return frame.sort_values("name", key=lambda names: names.map(german_sort_key)).reset_index(drop=True)


@dataclass(frozen=True)
class DatasetFacts:
    """What every page says about its data: the "Stand" (last change) and whether it is demo data."""

    stand: datetime.datetime | None
    is_demo: bool
    newest_event: datetime.date | None
    newest_self_help_year: int | None
    newest_assessment_year: int | None


def dataset_facts(connection: Connection) -> DatasetFacts:
    """Return the data set's "Stand", demo flag and newest dates per kind of data."""
    values = dict(connection.execute(select(DatasetInfo.key, DatasetInfo.value)).all())
    stand = values.get(STAND_KEY)
    return DatasetFacts(
        stand=datetime.datetime.fromisoformat(stand) if stand else None,
        is_demo=values.get(DEMO_KEY) == "1",
        newest_event=connection.execute(select(func.max(Event.start_date))).scalar(),
        newest_self_help_year=connection.execute(select(func.max(SelfHelpCount.year))).scalar(),
        newest_assessment_year=connection.execute(select(func.max(StandardAssessment.year))).scalar(),
    )
