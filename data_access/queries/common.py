"""Building blocks shared by the query modules: filter conditions and result frames."""

from __future__ import annotations

import datetime

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    cast,
    func,
    or_,
    select,
)

from data_access.models import (
    Member,
    RegionalNetwork,
)
from domain.filter import DashboardFilter
from domain.vocabulary import german_sort_key


def whole_sum(column):  # noqa: ANN001, ANN201 - SQL expressions, typed by SQLAlchemy
    """SUM of a 64-bit column as a 64-bit integer: PostgreSQL sums bigints to numeric (Decimal in pandas)."""
    return cast(func.sum(column), BigInteger)


def frame(connection: Connection, statement: Select) -> pd.DataFrame:
    """Run ``statement`` and return its rows as a DataFrame.

    Rows are turned into plain tuples first: handed SQLAlchemy ``Row`` objects, pandas
    probes each one for attributes, a large share of a thousand-row query's time
    (``python bench/bench_queries.py``, e.g. the member_list row).
    """
    result = connection.execute(statement)
    rows = [tuple(row) for row in result]
    data = pd.DataFrame(rows, columns=list(result.keys()))
    # Integer columns with gaps (a leave year, a missing report) stay integers: pandas
    # would make them floats (2019.0) or objects, and tables would show them so. Only
    # such columns are inspected; complete columns already have their proper dtype.
    for position, column in enumerate(data.columns):
        if data[column].dtype.kind not in "fO" or not data[column].isna().any():
            continue
        values = [row[position] for row in rows if row[position] is not None]
        if values and all(type(value) is int for value in values):
            data[column] = pd.array([row[position] for row in rows], dtype="Int64")
    return data


def by_german_name(rows: pd.DataFrame, column: str = "name") -> pd.DataFrame:
    """``rows`` ordered by ``column`` in German order (DIN 5007-1: Ä with A), with a fresh index.

    SQLite cannot collate German, so names are ordered here, the same way on both databases.
    """
    return rows.sort_values(column, key=lambda names: names.map(german_sort_key), kind="stable").reset_index(drop=True)


def network_ids(filter_: DashboardFilter) -> Select:
    """The ids of the filter's regional networks, as a subquery."""
    return select(RegionalNetwork.id).where(RegionalNetwork.name.in_(filter_.networks))


def _attribute_conditions(table, filter_: DashboardFilter) -> list:  # noqa: ANN001 - members or a summary
    """Land, type and network conditions on any table that has those three member columns."""
    conditions = []
    if filter_.states:
        conditions.append(table.state_code.in_(filter_.states))
    if filter_.member_types:
        conditions.append(table.member_type.in_(filter_.member_types))
    if filter_.networks:
        conditions.append(table.regional_network_id.in_(network_ids(filter_)))
    return conditions


def member_conditions(filter_: DashboardFilter) -> list:
    """SQL conditions on ``members`` for the member part of the filter (Land, type, network, one member)."""
    conditions = _attribute_conditions(Member, filter_)
    if filter_.member:
        conditions.append(Member.name == filter_.member)
    return conditions


def summary_conditions(summary, filter_: DashboardFilter) -> list:  # noqa: ANN001 - any summary model
    """SQL conditions on a summary table (Land, type, network, years) for everything but one member.

    Summary rows of network-wide events have no Land, type or network, so any member
    filter leaves them out, as it should.
    """
    return [*_attribute_conditions(summary, filter_), *year_conditions(summary.year, filter_)]


def year_conditions(year, filter_: DashboardFilter) -> list:  # noqa: ANN001 - a year column
    """``year`` within the filter's years (open ends: no condition)."""
    conditions = []
    if filter_.year_from is not None:
        conditions.append(year >= filter_.year_from)
    if filter_.year_to is not None:
        conditions.append(year <= filter_.year_to)
    return conditions


def start_date_conditions(start_date, filter_: DashboardFilter) -> list:  # noqa: ANN001 - a date column
    """``start_date`` within the filter's years, as a date range (the date index serves it)."""
    conditions = []
    if filter_.year_from is not None:
        conditions.append(start_date >= datetime.date(filter_.year_from, 1, 1))
    if filter_.year_to is not None:
        conditions.append(start_date < datetime.date(filter_.year_to + 1, 1, 1))
    return conditions


def active_in(year) -> list:  # noqa: ANN001 - an int or a SQL expression
    """A member counts in ``year`` from its join year through its leave year (its last year)."""
    return [Member.join_year <= year, or_(Member.leave_year.is_(None), Member.leave_year >= year)]
