"""Nothing after a member's leave year: rows dated later are refused, and so is a leave year before them.

``leave_year`` is a member's last member year (``data_access.models.Member``). A member
that left reports nothing afterwards: an event, self-help figures, a self-assessment, a
four-year report or a council seat dated after that year is refused at import (and in the
editor, which runs the same checks) with a German sentence naming the member, its leave
year and the date. The other way round, a members file (or an edit) that sets a leave year
while the database still holds such later rows of that member is refused too, naming how
many there are: nothing is deleted behind a steward's back, and the data never shows a
former member with events after it left.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Integer, case, cast, extract, func, select

from data_access.importing.problems import Problem
from data_access.importing.templates import Template
from data_access.models import (
    CouncilSeat,
    Event,
    EventAttendance,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
)
from domain.formatting import enumeration, format_date

DATED_KINDS: dict[str, tuple[str, str, str]] = {
    "veranstaltungen": ("start_date", "beginn", "eine Veranstaltung vom {} kann nicht gemeldet werden"),
    "selbsthilfe": ("year", "jahr", "Selbsthilfezahlen für {} können nicht gemeldet werden"),
    "mindeststandards": ("year", "jahr", "eine Selbsteinschätzung für {} kann nicht gemeldet werden"),
    "berichte": ("year", "jahr", "ein Vierjahresbericht für {} kann nicht gemeldet werden"),
    "sprecherrat": ("term_start", "beginn", "ein Sitz im Sprecher*innenrat ab dem {} kann nicht gemeldet werden"),
    "teilnahme": (
        "meeting_date",
        "versammlung",
        "eine Teilnahme an der Mitgliederversammlung vom {} kann nicht gemeldet werden",
    ),
}
"""Kinds whose rows belong to a member and carry a date: (field, column, German phrase with the date)."""

LATER_ROWS = (
    (Event.member_id, Event.start_date, "Veranstaltung", "Veranstaltungen"),
    (SelfHelpCount.member_id, SelfHelpCount.year, "Selbsthilfe-Zeile", "Selbsthilfe-Zeilen"),
    (StandardAssessment.member_id, StandardAssessment.year, "Mindeststandard-Zeile", "Mindeststandard-Zeilen"),
    (ReportSubmission.member_id, ReportSubmission.year, "Vierjahresbericht", "Vierjahresberichte"),
    (CouncilSeat.member_id, CouncilSeat.term_start, "Sitz im Sprecher*innenrat", "Sitze im Sprecher*innenrat"),
    # An attendance is dated by its meeting (a network-wide event): read through the join below.
    (
        EventAttendance.member_id,
        Event.start_date,
        "Teilnahme an einer Mitgliederversammlung",
        "Teilnahmen an Mitgliederversammlungen",
    ),
)
"""The tables of ``DATED_KINDS``: member column, date or year column, German singular and plural."""


def _shown(value: datetime.date | int) -> str:
    return format_date(value) if isinstance(value, datetime.date) else str(value)


def after_leave(
    template: Template, file_name: str, line: int, values: dict[str, Any], leave_years: Mapping[str, int]
) -> Problem | None:
    """The German problem when a row of ``template`` is dated after its member's leave year, else None.

    ``leave_years`` maps the names of members that left to their leave year (their last
    member year: a row of that year itself is fine).
    """
    rule = DATED_KINDS.get(template.kind)
    member = values.get("member")
    if rule is None or not member or member not in leave_years:
        return None
    field, column, phrase = rule
    dated = values.get(field)
    if dated is None:
        return None
    leave_year = leave_years[member]
    year = dated.year if isinstance(dated, datetime.date) else int(dated)
    if year <= leave_year:
        return None
    return Problem(
        file_name,
        f"{member} ist {leave_year} ausgetreten; {phrase.format(_shown(dated))}. "
        "Bitte das Datum prüfen oder in der Mitgliederliste ein späteres Austrittsjahr eintragen.",
        line,
        column,
        _shown(dated),
    )


def later_rows(connection: Connection, leave_years: Mapping[int, int]) -> dict[int, list[str]]:
    """Rows dated after the given leave years, per member id, as German counted phrases ("3 Veranstaltungen").

    ``leave_years`` maps member ids to the leave year about to be set. One grouped query
    per table (the members are looked up by id, so it reads only their rows).
    """
    found: dict[int, list[str]] = {}
    ids = list(leave_years)
    for start in range(0, len(ids), 500):
        chunk = {member_id: leave_years[member_id] for member_id in ids[start : start + 500]}
        for member_column, date_column, singular, plural in LATER_ROWS:
            year = date_column if isinstance(date_column.type, Integer) else cast(extract("year", date_column), Integer)
            statement = select(member_column, func.count())
            if member_column.class_ is not date_column.class_:  # attendance: its date is its meeting's
                statement = statement.join(Event, EventAttendance.event_id == Event.id)
            statement = statement.where(
                member_column.in_(list(chunk)), year > case(chunk, value=member_column)
            ).group_by(member_column)
            for member_id, count in connection.execute(statement).all():
                found.setdefault(member_id, []).append(f"{count} {singular if count == 1 else plural}")
    return found


def leave_problems(
    connection: Connection,
    file_name: str,
    changes: Iterable[tuple[int, int, str, int]],
) -> list[Problem]:
    """Problems for member rows that would set a leave year before rows that exist.

    ``changes`` are (line, member id, member name, new leave year) of the rows of a members
    file that set or change a leave year.
    """
    changes = list(changes)
    found = later_rows(connection, {member_id: leave_year for _, member_id, _, leave_year in changes})
    problems = []
    for line, member_id, name, leave_year in changes:
        if member_id in found:
            problems.append(
                Problem(
                    file_name,
                    f"{name} kann nicht {leave_year} ausgetreten sein: danach sind noch "
                    f"{enumeration(found[member_id])} erfasst. Bitte diese Zeilen zuerst löschen oder ein "
                    "späteres Austrittsjahr eintragen.",
                    line,
                    "austritt",
                    str(leave_year),
                )
            )
    return problems
