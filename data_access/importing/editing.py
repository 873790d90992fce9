"""Editing rows in the browser: the same checks as an import, and no silent overwrite.

The editor shows a member's rows of one kind as the import template has them. Saving
turns the edited table into a template file and runs it through the import's checks and
writer, so a cell is accepted in the editor exactly when it would be accepted in a file.
Before writing, every changed row is compared with the values the editor was loaded with:
if someone else changed that row in the meantime, nothing is written and the message
names who did (from the audit log).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from data_access.accounts import Account
from data_access.engine import read_connection, write_transaction
from data_access.exporting import csv_cell, export_rows, to_csv
from data_access.importing.plan import ExistingRow, ImportPlan, apply_plan, existing_rows, plan_import
from data_access.importing.preview import permission_problem, restrict
from data_access.importing.rows import MODELS
from data_access.importing.templates import TEMPLATES
from data_access.importing.validation import Problem, Problems, Record, key_text
from data_access.models import (
    AuditEntry,
    CouncilSeat,
    Event,
    EventAttendance,
    Member,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
    UserAccount,
)
from domain.formatting import enumeration

EDIT_SOURCE = "Bearbeitung"

DEPENDENTS = {
    "mitglieder": (
        (Event.member_id, "Veranstaltungen"),
        (SelfHelpCount.member_id, "Selbsthilfe-Zeilen"),
        (StandardAssessment.member_id, "Selbsteinschätzungen"),
        (CouncilSeat.member_id, "Sitze im Sprecher*innenrat"),
        (ReportSubmission.member_id, "Vierjahresberichte"),
        (EventAttendance.member_id, "Teilnahmen an Mitgliederversammlungen"),
        (UserAccount.member_id, "Konten"),
    ),
    "veranstaltungen": ((EventAttendance.event_id, "erfasste Teilnahmen"),),
    "kriterien": ((StandardAssessment.criterion_number, "Selbsteinschätzungen"),),
}
"""Rows that refer to a row of a kind: such a row is not deleted (nothing is deleted behind a steward's back)."""

DELETE_HINTS = {"mitglieder": "Für ein Mitglied, das austritt, bitte das Austrittsjahr eintragen."}


class ConcurrentEditError(RuntimeError):
    """Someone else changed a row since the editor loaded it; the German message names the row and who."""


def load_rows(engine: Engine, kind: str, member: str | None) -> tuple[list[str], list[list[Any]]]:
    """The template's column names and the rows of ``kind`` for ``member`` (None: every member)."""
    with read_connection(engine) as connection:
        return export_rows(connection, kind, member)


def row_key(kind: str, header: list[str], row: list[Any]) -> tuple[Any, ...]:
    """The natural key of an editor row (columns named by ``header``)."""
    template = TEMPLATES[kind]
    return tuple(row[header.index(name)] for name in template.natural_key)


def _last_editor(connection: Connection, table_name: str, natural_key: str) -> str:
    statement = (
        select(AuditEntry.actor)
        .where(AuditEntry.table_name == table_name, AuditEntry.natural_key == natural_key)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return connection.execute(statement).scalar() or "jemand anderem"


def _problem(kind: str, position: int, message: str, key: tuple[Any, ...]) -> Problem:
    return Problem(EDIT_SOURCE, message, position + 1, TEMPLATES[kind].natural_key[0], key_text(key))


def _dependents(connection: Connection, kind: str, row_id: int) -> list[str]:
    """What still refers to a row, as German counted phrases ("12 Veranstaltungen"); empty when none."""
    found = []
    for column, label in DEPENDENTS.get(kind, ()):
        count = connection.execute(select(func.count()).where(column == row_id)).scalar_one()
        if count:
            found.append(f"{count} {label}")
    return found


def _plan_deletions(
    connection: Connection,
    plan: ImportPlan,
    header: list[str],
    loaded: list[list[Any]],
    positions: list[int],
    account: Account,
) -> None:
    """Add the rows at ``positions`` (editor rows as loaded) to ``plan.deletes``, or a problem why not.

    Raises ConcurrentEditError when such a row was changed or deleted since it was loaded.
    """
    template = plan.template
    fields = [template.column(name).field for name in header]
    records = []
    for position in positions:
        values = dict(zip(fields, loaded[position], strict=True))
        records.append(Record(position + 1, values, template.key_of(values)))
    member_ids = dict(connection.execute(select(Member.name, Member.id)).all())
    existing = existing_rows(connection, template, records, member_ids)
    for record in records:
        current = _check_unchanged(connection, template.kind, record.key, loaded[record.line - 1], existing, fields)
        refused = permission_problem(template, EDIT_SOURCE, account, record.line, current.values)
        if refused is not None:
            plan.problems.append(refused)
            continue
        blocking = _dependents(connection, template.kind, current.id)
        if blocking:
            plan.problems.append(
                _problem(
                    template.kind,
                    record.line - 1,
                    f"Kann nicht gelöscht werden: dazu gibt es noch {enumeration(blocking)}. "
                    + DELETE_HINTS.get(template.kind, ""),
                    record.key,
                )
            )
        else:
            plan.deletes.append(current)


def _check_unchanged(
    connection: Connection,
    kind: str,
    key: tuple[Any, ...],
    before: list[Any],
    existing: dict[tuple[Any, ...], ExistingRow],
    fields: list[str],
) -> ExistingRow:
    """The database row ``key``; ConcurrentEditError unless it is exactly as the editor loaded it."""
    current = existing.get(key)
    if current is not None and [current.values.get(field) for field in fields] == list(before):
        return current
    who = _last_editor(connection, MODELS[kind].__tablename__, key_text(key))
    what = "gelöscht" if current is None else "geändert"
    raise ConcurrentEditError(
        f"„{key_text(key)}“ wurde inzwischen von {who} {what}. Es wurde nichts gespeichert; "
        "bitte die Tabelle neu laden und die Änderung noch einmal eintragen."
    )


def save_rows(
    engine: Engine,
    kind: str,
    header: list[str],
    loaded: list[list[Any]],
    edited: list[list[Any]],
    account: Account,
    delete: frozenset[int] = frozenset(),
) -> ImportPlan:
    """Write the edited rows and delete the marked ones in one transaction (with audit), or nothing.

    ``loaded`` are the rows as the editor received them, ``edited`` the same rows after
    editing (same order; the natural-key columns are not editable), ``delete`` the
    positions of rows to delete (their edits do not matter). Only changed rows are saved.
    Returns the plan; with problems nothing was written, and the problems' lines are
    editor rows (1 = first row).
    Raises ConcurrentEditError (nothing written) when a changed or deleted row is no longer as loaded.
    """
    template = TEMPLATES[kind]
    fields = [template.column(name).field for name in header]
    # Only the rows the person changed are saved: the other rows of a table loaded a while
    # ago may be stale, and sending them back would undo someone else's change.
    positions = [
        position
        for position, (before, after) in enumerate(zip(loaded, edited, strict=True))
        if position not in delete and [csv_cell(value) for value in before] != [csv_cell(value) for value in after]
    ]
    if not positions and not delete:
        return ImportPlan(template, EDIT_SOURCE)
    with write_transaction(engine) as connection:
        plan = ImportPlan(template, EDIT_SOURCE)
        if positions:
            content = to_csv(header, [edited[position] for position in positions])
            plan = plan_import(connection, template, EDIT_SOURCE, content)
            # Line n of the file holds the (n - 1)-th changed row; name its row in the editor.
            plan.problems = plan.problems.replaced(
                lambda problem: (
                    dataclasses.replace(problem, line=positions[problem.line - 2] + 1)
                    if problem.line is not None
                    else problem
                )
            )
            # The editor shows no plausibility hints (they belong to the import preview): none
            # are recorded as if the person had seen them.
            plan.hints = Problems()
            # Every key was loaded, so a planned insert means the row is gone: refused below.
            current = {new.key: old for old, new in plan.updates}
            for new in [*plan.inserts, *(new for _, new in plan.updates)]:
                _check_unchanged(connection, kind, new.key, loaded[positions[new.line - 2]], current, fields)
        _plan_deletions(connection, plan, header, loaded, sorted(delete), account)
        restrict(plan, account)
        if not plan.accepted:
            return plan
        apply_plan(connection, plan, actor=account.name, source=f"{EDIT_SOURCE} {kind}")
    return plan
