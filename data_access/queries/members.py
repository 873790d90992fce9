"""Questions about the members themselves: how many, where, since when."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    select,
    true,
    union_all,
)

from data_access.models import Member, RegionalNetwork, ReportSubmission, StandardMemberSummary
from data_access.queries.common import active_in, by_german_name, frame, member_conditions, year_conditions
from domain.filter import DashboardFilter
from domain.vocabulary import FOUNDING_YEAR


def active_members_by_year(
    connection: Connection, filter_: DashboardFilter, year_from: int, year_to: int
) -> pd.DataFrame:
    """Members active in each year of ``year_from..year_to``, by type: year, member_type, members, population.

    Counted as a running sum of joins (+1 in the join year) and leaves (−1 in the year
    after the leave year, the last member year) over a grid of years × types, so the
    database reads each member once instead of once per year (re-measure with
    ``python bench/bench_queries.py``, row active_members_by_year). Years in which a type
    has no member have no row. ``population`` is the
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
    return frame(connection, statement)


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
    statement = statement.where(*year_conditions(flows.c.year, filter_))
    return frame(connection, statement.order_by(flows.c.year, flows.c.member_type))


def members_by_state(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Members active in ``year`` per Land: state_code, members, population."""
    statement = (
        select(
            Member.state_code,
            func.count().label("members"),
            func.coalesce(func.sum(Member.population), 0).label("population"),
        )
        .where(*active_in(year), *member_conditions(filter_))
        .group_by(Member.state_code)
        .order_by(Member.state_code)
    )
    return frame(connection, statement)


def member_list(connection: Connection, filter_: DashboardFilter, year: int | None = None) -> pd.DataFrame:
    """The filtered members (active in ``year`` when given) with what the member table shows, by name.

    Columns: name, member_type, state_code, join_year, leave_year, population,
    network, contact_point, latitude, longitude, standards_met (criteria met in the
    latest self-assessment up to ``year``, else missing), last_report_year (newest
    four-year report up to ``year``, else missing). One row per member (a hundred; a
    thousand in the benchmark); the per-member figures come from grouped subqueries.
    """
    until = year if year is not None else 9999
    latest_assessment = (
        select(StandardMemberSummary.member_id, func.max(StandardMemberSummary.year).label("year"))
        .where(StandardMemberSummary.year <= until)
        .group_by(StandardMemberSummary.member_id)
        .subquery("latest_assessment")
    )
    standards = (
        select(StandardMemberSummary.member_id, StandardMemberSummary.met)
        .join(
            latest_assessment,
            and_(
                latest_assessment.c.member_id == StandardMemberSummary.member_id,
                latest_assessment.c.year == StandardMemberSummary.year,
            ),
        )
        .subquery("standards")
    )
    reports = (
        select(ReportSubmission.member_id, func.max(ReportSubmission.year).label("last_report_year"))
        .where(ReportSubmission.year <= until)
        .group_by(ReportSubmission.member_id)
        .subquery("reports")
    )
    conditions = member_conditions(filter_)
    if year is not None:
        conditions.extend(active_in(year))
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
            standards.c.met.label("standards_met"),
            reports.c.last_report_year,
        )
        .outerjoin(RegionalNetwork, RegionalNetwork.id == Member.regional_network_id)
        .outerjoin(standards, standards.c.member_id == Member.id)
        .outerjoin(reports, reports.c.member_id == Member.id)
        .where(*conditions)
    )
    members = frame(connection, statement)
    return by_german_name(members)
