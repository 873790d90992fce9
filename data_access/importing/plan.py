"""From a file to a plan: reading, checking and comparing with the database (writing it: ``writing.py``).

An import is an upsert on the natural key: rows that are new are inserted, rows whose
values differ are updated, identical rows are left alone (so importing the same file
twice changes nothing) and rows missing from the file are kept. A file with any problem
is rejected whole.

Reading and checking a file (:func:`check_file`) needs only a read connection and takes
no lock: a large or hostile file never holds up anyone else. Only comparing the checked
rows with the database and writing them (:func:`compare`, ``writing.apply_plan``) run in the
write transaction, so what is written is exactly what was compared against, and two
imports of the same file one after the other end with each row once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, func, select, tuple_

from data_access.engine import read_connection, write_transaction
from data_access.importing.hints import plan_hints
from data_access.importing.leaving import after_leave, leave_problems
from data_access.importing.readers import UnreadableFileError, read_sheet
from data_access.importing.rows import MODELS, template_rows
from data_access.importing.templates import MEMBER_REFERENCE, TEMPLATES, Template
from data_access.importing.validation import (
    CheckedFile,
    Context,
    Problem,
    Problems,
    Record,
    check,
    meeting_problem,
)
from data_access.importing.writing import ExistingRow, ImportPlan, apply_plan, chunks, meeting_ids, same
from data_access.models import Event, Member, StandardCriterion

__all__ = ["ExistingRow", "ImportPlan", "apply_plan", "check_file", "compare", "import_file", "plan_import"]


def _key_columns(template: Template) -> list[Any]:
    """The SQL expressions of the natural key, in the order of ``template.natural_key``.

    An event's member is ``coalesce(member_id, 0)``, as in its unique index, so that
    network-wide events (no member) are found by key too.
    """
    model = MODELS[template.kind]
    columns = []
    for name in template.natural_key:
        column = template.column(name)
        if template.kind == "mitglieder" and column.field == "name":
            columns.append(Member.name)
        elif column.field == "meeting_date":  # an attendance names its meeting by date
            columns.append(Event.start_date)
        elif column.parse == MEMBER_REFERENCE:
            nullable = not column.required
            columns.append(func.coalesce(model.member_id, 0) if nullable else model.member_id)
        else:
            columns.append(getattr(model, column.field))
    return columns


def _key_values(template: Template, key: tuple[Any, ...], member_ids: Mapping[str, int]) -> tuple[Any, ...]:
    """A natural key with member names replaced by ids (0 for none or unknown), as :func:`_key_columns` compares."""
    values = []
    for name, part in zip(template.natural_key, key, strict=True):
        column = template.column(name)
        values.append(member_ids.get(part, 0) if column.parse == MEMBER_REFERENCE else part)
    return tuple(values)


def existing_rows(
    connection: Connection, template: Template, records: list[Record], member_ids: Mapping[str, int]
) -> dict[tuple[Any, ...], ExistingRow]:
    """The database rows with the natural keys of ``records``, by natural key.

    Looked up key by key (in chunks), never by a range: memory grows with the file, not with
    the table (a file of 100 events must not load a million).
    """
    existing: dict[tuple[Any, ...], ExistingRow] = {}
    columns = _key_columns(template)
    for chunk in chunks(records):
        keys = [_key_values(template, record.key, member_ids) for record in chunk]
        condition = columns[0].in_([key[0] for key in keys]) if len(columns) == 1 else tuple_(*columns).in_(keys)
        for row in connection.execute(template_rows(template).where(condition)).mappings():
            values = {name: value for name, value in row.items() if name != "id"}
            existing[template.key_of(values)] = ExistingRow(row["id"], values)
    return existing


def _context(connection: Connection) -> Context:
    members = connection.execute(select(Member.name, Member.id, Member.leave_year)).all()
    member_ids = {name: member_id for name, member_id, _ in members}
    leave_years = {name: leave_year for name, _, leave_year in members if leave_year is not None}
    criteria = frozenset(connection.execute(select(StandardCriterion.number)).scalars().all())
    return Context(member_ids, criteria, leave_years, meeting_ids(connection))


def check_file(connection: Connection, template: Template, file_name: str, data: bytes) -> CheckedFile:
    """Read and check a file against ``template`` and the members and criteria in the database.

    Needs only a read connection: call it outside the write transaction.
    """
    checked = CheckedFile(template, file_name)
    try:
        sheet = read_sheet(file_name, data, (template.kind, template.title))  # a workbook's sheet of this kind
        # In a workbook of several sheets every message names the sheet it is about.
        label = f"{file_name} ({sheet.name})" if sheet.name else file_name
        checked = check(template, label, sheet, _context(connection))
    except UnreadableFileError as problem:
        checked.problems.append(
            Problem(file_name, str(problem), getattr(problem, "line", None), getattr(problem, "column", None))
        )
    if not checked.problems and not checked.records:
        checked.problems.append(Problem(file_name, "Die Datei enthält keine Datenzeilen."))
    return checked


def _references_gone(checked: CheckedFile, context: Context) -> Problems:
    """Problems for members or criteria the file names that were deleted since it was checked,
    and for rows dated after a leave year entered since then."""
    problems = Problems()
    template = checked.template
    for row in checked.records:
        member = row.values.get("member")
        if template.per_member and template.kind != "mitglieder" and member and member not in context.member_ids:
            problems.append(
                Problem(checked.file_name, "Diese Kommune wurde inzwischen gelöscht.", row.line, "kommune", member)
            )
        criterion = row.values.get("criterion_number")
        if criterion is not None and criterion not in context.criterion_numbers:
            problems.append(
                Problem(
                    checked.file_name,
                    "Diesen Punkt gibt es inzwischen nicht mehr.",
                    row.line,
                    "punkt",
                    str(criterion),
                )
            )
        meeting = row.values.get("meeting_date")
        if meeting is not None and meeting not in context.meetings:
            problems.append(meeting_problem(checked.file_name, row.line, meeting, "inzwischen "))
        late = after_leave(template, checked.file_name, row.line, row.values, context.leave_years)
        if late is not None:
            problems.append(late)
    return problems


def _leave_years_set(connection: Connection, plan: ImportPlan, member_ids: Mapping[str, int]) -> Problems:
    """Problems for member rows that set or change a leave year while later rows of that member exist.

    A new member has no rows yet; a row that keeps its leave year is not checked again.
    """
    changes = [
        (new.line, member_ids[new.values["name"]], new.values["name"], new.values["leave_year"])
        for old, new in plan.updates
        if new.values["leave_year"] is not None
        and new.values["leave_year"] != old.values["leave_year"]
        and new.values["name"] in member_ids
    ]
    return Problems(leave_problems(connection, plan.file_name, changes)) if changes else Problems()


def compare(connection: Connection, checked: CheckedFile) -> ImportPlan:
    """What writing the checked rows would do now: new, changed and unchanged rows.

    Called inside the write transaction right before :func:`apply_plan`, so the plan is
    true at the moment of writing. The plan carries the plausibility hints of the rows
    (``hints.py``), which never block writing; a rejected file's hints are listed with its
    problems. Nothing is written here.
    """
    plan = ImportPlan(checked.template, checked.file_name)
    context = _context(connection)  # as it is now, not as when the file was checked
    if checked.problems:
        plan.problems = checked.problems
        plan.hints = _hints_of_valid_rows(connection, checked, context)
        return plan
    plan.problems = _references_gone(checked, context)
    if plan.problems:
        return plan
    _sort_records(connection, checked, context, plan)
    if checked.template.kind == "mitglieder":
        plan.problems = _leave_years_set(connection, plan, context.member_ids)
    plan.hints = plan_hints(connection, plan)
    return plan


def _sort_records(connection: Connection, checked: CheckedFile, context: Context, plan: ImportPlan) -> None:
    """Sort the checked records into ``plan``'s new, changed and unchanged rows."""
    existing = existing_rows(connection, checked.template, checked.records, context.member_ids)
    for new in checked.records:
        old = existing.get(new.key)
        if old is None:
            plan.inserts.append(new)
            continue
        # A column the file does not have leaves that field alone: a member file without
        # "kontaktstelle" must not empty every contact point.
        merged = {**old.values, **{name: new.values[name] for name in checked.present_fields}}
        if all(same(old.values.get(name), value) for name, value in merged.items()):
            plan.unchanged += 1
            plan.confirmed.append(old)
        else:
            plan.updates.append((old, Record(new.line, merged, new.key)))


def _hints_of_valid_rows(connection: Connection, checked: CheckedFile, context: Context) -> Problems:
    """The hints for the valid rows of a rejected file, listed with its problems.

    So the steward corrects unlikely values in the same round as wrong ones instead of
    meeting them only after the next upload. The rows are sorted into a plan of their own:
    a rejected plan has no rows to write.
    """
    if not checked.records:
        return Problems()
    valid = ImportPlan(checked.template, checked.file_name)
    _sort_records(connection, checked, context, valid)
    return plan_hints(connection, valid)


def plan_import(connection: Connection, template: Template, file_name: str, data: bytes) -> ImportPlan:
    """Read, check and compare a file with the database in one connection; nothing is written."""
    return compare(connection, check_file(connection, template, file_name, data))


def import_file(
    engine: Engine, kind: str, file_name: str, data: bytes, *, actor: str, dry_run: bool = False
) -> ImportPlan:
    """Check ``data`` as a file of ``kind`` and, unless rejected or a dry run, write it atomically.

    The file is read and checked with a read connection (no lock); only the comparison
    with the database and the write hold the write lock.
    """
    template = TEMPLATES[kind]
    with read_connection(engine) as connection:
        checked = check_file(connection, template, file_name, data)
        if dry_run or checked.problems:
            return compare(connection, checked)
    with write_transaction(engine) as connection:
        plan = compare(connection, checked)
        if plan.accepted:
            apply_plan(connection, plan, actor=actor, source=f"Import {kind}: {file_name}")
        return plan
