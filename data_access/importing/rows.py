"""The rows of an import kind as the template sees them: one SELECT shared by import and export.

Columns are labelled with the template's field names (member and network by name), so
that comparing a file with the database and exporting the database to a file speak the
same language, and export → import is the identity.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from data_access.importing.templates import Template
from data_access.models import Event, Member, RegionalNetwork, SelfHelpCount, StandardAssessment

MODELS = {
    "mitglieder": Member,
    "veranstaltungen": Event,
    "selbsthilfe": SelfHelpCount,
    "mindeststandards": StandardAssessment,
}
"""The table behind each import kind."""


def template_rows(template: Template) -> Select:
    """Select ``id`` plus every template field of the kind's table, labelled by field name."""
    if template.kind == "mitglieder":
        columns = [
            RegionalNetwork.name.label("network") if column.field == "network" else getattr(Member, column.field)
            for column in template.columns
        ]
        return select(Member.id, *columns).outerjoin(RegionalNetwork, RegionalNetwork.id == Member.regional_network_id)
    model = MODELS[template.kind]
    columns = [
        Member.name.label("member") if column.field == "member" else getattr(model, column.field)
        for column in template.columns
    ]
    statement = select(model.id, *columns)
    if template.kind == "veranstaltungen":  # network-wide events have no member
        return statement.outerjoin(Member, Member.id == model.member_id)
    return statement.join(Member, Member.id == model.member_id)
