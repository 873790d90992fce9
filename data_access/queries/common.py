"""Building blocks shared by the query modules: filter conditions and result frames."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    Connection,
    Select,
    or_,
    select,
)

from data_access.filters import DashboardFilter
from data_access.models import (
    Member,
    RegionalNetwork,
)


def frame(connection: Connection, statement: Select) -> pd.DataFrame:
    """Run ``statement`` and return its rows as a DataFrame.

    Rows are turned into plain tuples first: handed SQLAlchemy ``Row`` objects, pandas
    probes each one for attributes, which took half the time of a 1,000-row query.
    """
    result = connection.execute(statement)
    return pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))


def network_ids(filter_: DashboardFilter) -> Select:
    return select(RegionalNetwork.id).where(RegionalNetwork.name.in_(filter_.networks))


def member_conditions(filter_: DashboardFilter) -> list:
    """SQL conditions on ``members`` for the member part of the filter (Land, type, network, one member)."""
    conditions = []
    if filter_.states:
        conditions.append(Member.state_code.in_(filter_.states))
    if filter_.member_types:
        conditions.append(Member.member_type.in_(filter_.member_types))
    if filter_.networks:
        conditions.append(Member.regional_network_id.in_(network_ids(filter_)))
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
        conditions.append(summary.regional_network_id.in_(network_ids(filter_)))
    if filter_.year_from is not None:
        conditions.append(summary.year >= filter_.year_from)
    if filter_.year_to is not None:
        conditions.append(summary.year <= filter_.year_to)
    return conditions


def active_in(year) -> list:  # noqa: ANN001 - an int or a SQL expression
    """A member counts in ``year`` from its join year through its leave year (its last year)."""
    return [Member.join_year <= year, or_(Member.leave_year.is_(None), Member.leave_year >= year)]
