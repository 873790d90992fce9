"""The rows of an import kind as the template sees them: one SELECT shared by import and export.

Columns are labelled with the template's field names (member and network by name), so
that comparing a file with the database and exporting the database to a file speak the
same language, and export → import is the identity.
"""

from __future__ import annotations

from sqlalchemy import Label, Select, select
from sqlalchemy.orm import InstrumentedAttribute

from data_access.importing.templates import Template
from data_access.models import (
    Base,
    CouncilSeat,
    Event,
    EventAttendance,
    Member,
    RegionalNetwork,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
    StandardCriterion,
)

MODELS: dict[str, type[Base]] = {
    "mitglieder": Member,
    "veranstaltungen": Event,
    "selbsthilfe": SelfHelpCount,
    "mindeststandards": StandardAssessment,
    "kriterien": StandardCriterion,
    "sprecherrat": CouncilSeat,
    "berichte": ReportSubmission,
    "teilnahme": EventAttendance,
}
"""The table behind each import kind."""


def identity(model: type[Base]) -> InstrumentedAttribute:
    """The column that identifies a row of ``model`` (``id``; a criterion is identified by its number)."""
    return model.number if model is StandardCriterion else model.id


def meeting_date() -> Label:
    """The start date of an attendance's meeting, labelled ``meeting_date`` (needs ``events`` joined)."""
    return Event.start_date.label("meeting_date")


def template_rows(template: Template) -> Select:
    """Select ``id`` plus every template field of the kind's table, labelled by field name."""
    if template.kind == "mitglieder":
        columns = [
            RegionalNetwork.name.label("network") if column.field == "network" else getattr(Member, column.field)
            for column in template.columns
        ]
        return select(Member.id, *columns).outerjoin(RegionalNetwork, RegionalNetwork.id == Member.regional_network_id)
    if template.kind == "teilnahme":  # the meeting is named by its date
        return (
            select(EventAttendance.id, Member.name.label("member"), EventAttendance.side, meeting_date())
            .join(Member, Member.id == EventAttendance.member_id)
            .join(Event, Event.id == EventAttendance.event_id)
        )
    model = MODELS[template.kind]
    columns = [
        Member.name.label("member") if column.field == "member" else getattr(model, column.field)
        for column in template.columns
    ]
    statement = select(identity(model).label("id"), *columns)
    if not template.per_member:
        return statement
    if template.kind == "veranstaltungen":  # network-wide events have no member
        return statement.outerjoin(Member, Member.id == model.member_id)
    return statement.join(Member, Member.id == model.member_id)
