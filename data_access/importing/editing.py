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

from sqlalchemy import Connection, Engine, select

from data_access.accounts import Account
from data_access.engine import read_connection, write_transaction
from data_access.exporting import csv_cell, export_rows, to_csv
from data_access.importing.plan import ImportPlan, apply_plan, plan_import
from data_access.importing.preview import restrict
from data_access.importing.rows import MODELS
from data_access.importing.templates import TEMPLATES
from data_access.models import AuditEntry

EDIT_SOURCE = "Bearbeitung"


class ConcurrentEditError(RuntimeError):
    """Someone else changed a row since the editor loaded it; the German message names the row and who."""


def load_rows(engine: Engine, kind: str, member: str | None) -> tuple[list[str], list[list[Any]]]:
    """The template's column names and the rows of ``kind`` for ``member`` (None: every member)."""
    with read_connection(engine) as connection:
        return export_rows(connection, kind, member)


def _key(kind: str, header: list[str], row: list[Any]) -> tuple[Any, ...]:
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


def save_rows(
    engine: Engine,
    kind: str,
    header: list[str],
    loaded: list[list[Any]],
    edited: list[list[Any]],
    account: Account,
) -> ImportPlan:
    """Write the edited rows in one transaction (with audit) unless a check or a concurrent change stops it.

    ``loaded`` are the rows as the editor received them, ``edited`` the same rows after
    editing (same order; the natural-key columns are not editable); only changed rows are
    saved. Returns the plan; with problems nothing was written, and the problems' lines are
    editor rows (1 = first row).
    Raises ConcurrentEditError (nothing written) when a changed row is no longer as loaded.
    """
    template = TEMPLATES[kind]
    original = {_key(kind, header, row): row for row in loaded}
    # Only the rows the person changed are saved: the other rows of a table loaded a while
    # ago may be stale, and sending them back would undo someone else's change.
    positions = [
        position
        for position, (before, after) in enumerate(zip(loaded, edited, strict=True))
        if [csv_cell(value) for value in before] != [csv_cell(value) for value in after]
    ]
    if not positions:
        return ImportPlan(template, EDIT_SOURCE)
    content = to_csv(header, [edited[position] for position in positions])
    with write_transaction(engine) as connection:
        plan = restrict(plan_import(connection, template, EDIT_SOURCE, content), account)
        # Line n of the file holds the (n - 1)-th changed row; name its row in the editor.
        plan.problems = [
            dataclasses.replace(problem, line=positions[problem.line - 2] + 1) if problem.line is not None else problem
            for problem in plan.problems
        ]
        if not plan.accepted:
            return plan
        fields = [column.field for column in template.columns]
        for old, new in plan.updates:
            before = original.get(new.key)
            current = [old.values.get(field) for field in fields]
            if before is not None and list(before) != current:
                key_text = " / ".join("" if part is None else str(part) for part in new.key)
                who = _last_editor(connection, MODELS[kind].__tablename__, key_text)
                raise ConcurrentEditError(
                    f"„{key_text}“ wurde inzwischen von {who} geändert. Es wurde nichts gespeichert; "
                    "bitte die Tabelle neu laden und die Änderung noch einmal eintragen."
                )
        apply_plan(connection, plan, actor=account.name, source=f"{EDIT_SOURCE} {kind}")
    return plan
