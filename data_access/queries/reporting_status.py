"""The Meldestand: which member has sent which kind of report for which year.

Two small frames: the members that were members in any year of a range (with what the
four-year report rule needs from before the range), and one row per member, year and kind
that arrived. Which member-years count and what "arrived" means for the four-year report
is decided in ``metrics.meldestand``; here the database only says what is there.
"""

from __future__ import annotations

import datetime

import pandas as pd
from sqlalchemy import Connection, Integer, cast, extract, func, literal, or_, select, union_all

from data_access.models import Event, Member, ReportSubmission, SelfHelpCount, StandardAssessment
from data_access.queries.common import by_german_name, frame, member_conditions
from domain.filter import DashboardFilter

SELF_HELP, ASSESSMENT, REPORT, EVENT = "self_help", "assessment", "report", "event"
"""The kinds of report the Meldestand follows (the keys of ``metrics.meldestand.KIND_LABELS``)."""
ASSESSMENT_CYCLE_YEARS = 2
"""A Mindeststandards self-assessment covers its year and the next: members assess themselves every
second year (as the demo data does), so an assessment of the year before the range still counts."""


def reporting_members(connection: Connection, filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
    """The filtered members that were members in any year of ``year_from..year_to``, by German name.

    Columns: name, contact_point, join_year, leave_year, report_before (the year of the
    member's last four-year report before ``year_from``, missing when there is none): the
    four-year rule looks back past the range.
    """
    before = (
        select(func.max(ReportSubmission.year))
        .where(ReportSubmission.member_id == Member.id, ReportSubmission.year < year_from)
        .scalar_subquery()
    )
    statement = select(
        Member.name,
        Member.contact_point,
        Member.join_year,
        Member.leave_year,
        before.label("report_before"),
    ).where(
        Member.join_year <= year_to,
        or_(Member.leave_year.is_(None), Member.leave_year >= year_from),
        *member_conditions(filter_),
    )
    return by_german_name(frame(connection, statement))


def reporting_arrivals(connection: Connection, filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
    """What arrived from the filtered members in ``year_from..year_to``: name, year, kind (one row each).

    ``kind`` is one of :data:`SELF_HELP` (any self-help figures of the year), :data:`ASSESSMENT`
    (a Mindeststandards self-assessment of the year; also of the :data:`ASSESSMENT_CYCLE_YEARS`
    - 1 years before ``year_from``), :data:`REPORT` (a four-year report for
    the year) and :data:`EVENT` (at least one event of the member starting in the year).
    Rows are distinct; a kind that did not arrive has no row. Not limited to member years:
    a row after a member's leave year is the caller's to ignore.
    """
    conditions = member_conditions(filter_)

    def per_year(table, year, kind: str, *where):  # noqa: ANN001 - SQL expressions
        return (
            select(table.member_id.label("member_id"), year.label("year"), literal(kind).label("kind"))
            .where(*where)
            .group_by(table.member_id, year)
        )

    event_year = cast(extract("year", Event.start_date), Integer)
    arrived = union_all(
        per_year(SelfHelpCount, SelfHelpCount.year, SELF_HELP, SelfHelpCount.year.between(year_from, year_to)),
        per_year(
            StandardAssessment,
            StandardAssessment.year,
            ASSESSMENT,
            StandardAssessment.year.between(year_from - ASSESSMENT_CYCLE_YEARS + 1, year_to),
        ),
        per_year(ReportSubmission, ReportSubmission.year, REPORT, ReportSubmission.year.between(year_from, year_to)),
        per_year(
            Event,
            event_year,
            EVENT,
            Event.member_id.is_not(None),
            Event.start_date >= datetime.date(year_from, 1, 1),
            Event.start_date < datetime.date(year_to + 1, 1, 1),
        ),
    ).subquery("arrived")
    statement = (
        select(Member.name, arrived.c.year, arrived.c.kind)
        .join(Member, Member.id == arrived.c.member_id)
        .where(*conditions)
        .order_by(Member.name, arrived.c.year, arrived.c.kind)
    )
    return frame(connection, statement)
