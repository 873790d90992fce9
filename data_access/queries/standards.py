"""The Mindeststandards (9-Punkte-Programm) per member."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    Connection,
    and_,
    func,
    select,
)

from data_access.filters import DashboardFilter
from data_access.models import (
    Member,
    StandardMemberSummary,
)
from data_access.queries.common import active_in, frame, member_conditions
from data_access.reference import german_sort_key


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
        .where(*active_in(year), *member_conditions(filter_))
    )
    members = frame(connection, statement)
    return members.sort_values("name", key=lambda names: names.map(german_sort_key)).reset_index(drop=True)
