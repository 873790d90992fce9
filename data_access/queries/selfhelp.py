"""Self-help figures per member: rankings, gaps, and the comparison a Steckbrief draws."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from data_access.models import Member, SelfHelpCount
from data_access.queries.common import active_in, by_german_name, frame, member_conditions, year_conditions
from domain.filter import DashboardFilter


def self_help_by_member(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Every filtered member active in ``year`` with its self-help figures of that year, by name.

    Columns: name, member_type, state_code, population, groups, new_groups. ``groups``
    is missing for a member that reported nothing for ``year``: the list of what the
    coordinators must still collect is the rows where it is missing.
    """
    figures = (
        select(
            SelfHelpCount.member_id,
            func.sum(SelfHelpCount.groups).label("groups"),
            func.sum(SelfHelpCount.new_groups).label("new_groups"),
        )
        .where(SelfHelpCount.year == year)
        .group_by(SelfHelpCount.member_id)
        .subquery("figures")
    )
    statement = (
        select(
            Member.name,
            Member.member_type,
            Member.state_code,
            Member.population,
            figures.c.groups,
            figures.c.new_groups,
        )
        .outerjoin(figures, figures.c.member_id == Member.id)
        .where(*active_in(year), *member_conditions(filter_))
    )
    return by_german_name(frame(connection, statement))


def self_help_member_years(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Groups per member and year in the filter's years: name, member_type, year, groups, population.

    The rows a comparison needs (a member's rate per 100,000 inhabitants against the
    median of all members or of its type); a thousand members over fifteen years are
    fifteen thousand small rows.
    """
    statement = (
        select(
            Member.name,
            Member.member_type,
            SelfHelpCount.year,
            func.sum(SelfHelpCount.groups).label("groups"),
            Member.population,
        )
        .join(Member, Member.id == SelfHelpCount.member_id)
        .where(*member_conditions(filter_))
        .group_by(Member.id, Member.name, Member.member_type, Member.population, SelfHelpCount.year)
        .order_by(SelfHelpCount.year)
    )
    return frame(connection, statement.where(*year_conditions(SelfHelpCount.year, filter_)))
