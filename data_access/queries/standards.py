"""The Mindeststandards (9-Punkte-Programm) per member."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    Connection,
    and_,
    func,
    select,
)

from data_access.models import (
    Member,
    ReportSubmission,
    StandardAssessment,
    StandardCriterion,
    StandardMemberSummary,
)
from data_access.queries.common import active_in, by_german_name, frame, member_conditions, year_conditions
from domain.filter import DashboardFilter


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
    return by_german_name(members)


def standard_criteria(connection: Connection) -> pd.DataFrame:
    """The nine criteria as the data holds them: number, title (editable, never hard-coded)."""
    return frame(
        connection, select(StandardCriterion.number, StandardCriterion.title).order_by(StandardCriterion.number)
    )


def standard_statuses(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """The self-assessments of ``year`` of every filtered member active in ``year``.

    Columns: name, criterion_number, status. A member without any assessment in ``year``
    has one row with both missing, so the matrix can show it as "keine Angabe".
    """
    # Joined on member and year, so each member is one probe of the unique key (member, year,
    # criterion); a subquery of the year's assessments made SQLite compare every pair
    # (``python bench/bench_pages.py``, the mindeststandards page's query time).
    statement = (
        select(Member.name, StandardAssessment.criterion_number, StandardAssessment.status)
        .outerjoin(
            StandardAssessment,
            and_(StandardAssessment.member_id == Member.id, StandardAssessment.year == year),
        )
        .where(*active_in(year), *member_conditions(filter_))
    )
    return by_german_name(frame(connection, statement))


def standard_status_counts(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Members per year, criterion and status in the filter's years: year, criterion_number, status, members."""
    statement = (
        select(
            StandardAssessment.year,
            StandardAssessment.criterion_number,
            StandardAssessment.status,
            func.count().label("members"),
        )
        .join(Member, Member.id == StandardAssessment.member_id)
        .where(*member_conditions(filter_))
        .group_by(StandardAssessment.year, StandardAssessment.criterion_number, StandardAssessment.status)
        .order_by(StandardAssessment.year, StandardAssessment.criterion_number, StandardAssessment.status)
    )
    return frame(connection, statement.where(*year_conditions(StandardAssessment.year, filter_)))


def member_assessments(connection: Connection, name: str) -> pd.DataFrame:
    """All self-assessments of one member: year, criterion_number, status (for its Steckbrief)."""
    statement = (
        select(StandardAssessment.year, StandardAssessment.criterion_number, StandardAssessment.status)
        .join(Member, Member.id == StandardAssessment.member_id)
        .where(Member.name == name)
        .order_by(StandardAssessment.year, StandardAssessment.criterion_number)
    )
    return frame(connection, statement)


def report_submissions(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Four-year reports of the filtered members in the filter's years: name, year, submitted_on."""
    statement = (
        select(Member.name, ReportSubmission.year, ReportSubmission.submitted_on)
        .join(Member, Member.id == ReportSubmission.member_id)
        .where(*member_conditions(filter_))
        .order_by(ReportSubmission.year)
    )
    return frame(connection, statement.where(*year_conditions(ReportSubmission.year, filter_)))
