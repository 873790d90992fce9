"""What an upload will do, shown before anything is written, and writing exactly that.

The browser upload (Daten → Import) uses the same templates, checks and writer as the
command line; this module adds what a person at a screen needs: who may write which rows,
the changes cell by cell, and a guarantee that "Jetzt schreiben" writes what the preview
showed (if the database changed in between, the write is refused and nothing is written).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from data_access.accounts import Account
from data_access.engine import read_connection, write_transaction
from data_access.importing.plan import ImportPlan, apply_plan, check_file, compare, plan_import
from data_access.importing.templates import TEMPLATES, Template
from data_access.importing.validation import Problem, key_text


class StalePreviewError(RuntimeError):
    """The database changed between preview and write; the German message says what to do."""


def _member_of(template: Template, values: dict[str, Any]) -> str | None:
    """The member a row belongs to (a member row: itself; network-wide event or criterion: None)."""
    return values.get("name") if template.kind == "mitglieder" else values.get("member")


def permission_problem(
    template: Template, file_name: str, account: Account, line: int, values: dict[str, Any]
) -> Problem | None:
    """The German problem when ``account`` may not write this row (new, changed or deleted), else None."""
    member = _member_of(template, values)
    if account.may_change(member):
        return None
    column = "kommune" if template.per_member else template.natural_key[0]
    return Problem(
        file_name,
        f"Mit dem Konto „{account.name}“ dürfen Sie nur Zeilen der Kommune „{account.member}“ ändern"
        + ("." if member else "; netzwerkweite Angaben ändert die Geschäftsstelle."),
        line,
        column,
        key_text(template.key_of(values)) if column != "kommune" else "" if member is None else str(member),
    )


def restrict(plan: ImportPlan, account: Account) -> ImportPlan:
    """Add a problem for every new or changed row of a member ``account`` may not change.

    Unchanged rows of other members are fine: a steward may upload the whole network's
    file as long as only their own Kommune's rows differ. (Deletions are checked where
    they are planned, with :func:`permission_problem`.)
    """
    for record in [*plan.inserts, *(new for _, new in plan.updates)]:
        problem = permission_problem(plan.template, plan.file_name, account, record.line, record.values)
        if problem is not None:
            plan.problems.append(problem)
    plan.problems.sort(key=lambda problem: (problem.line or 0, problem.column or ""))
    return plan


def preview(engine: Engine, kind: str, file_name: str, data: bytes, account: Account) -> ImportPlan:
    """Check a file of ``kind`` against the database for ``account``; nothing is written."""
    with read_connection(engine) as connection:
        return restrict(plan_import(connection, TEMPLATES[kind], file_name, data), account)


def fingerprint(plan: ImportPlan) -> tuple[Any, ...]:
    """What a plan would write, and over what: new rows, and changed rows with old and new values.

    The old values belong in it: a row someone else changed since the preview must not be
    overwritten even if the file's new values are the same as before.
    """
    return (
        tuple((record.key, tuple(sorted(record.values.items()))) for record in plan.inserts),
        tuple(
            (old.id, tuple(sorted(old.values.items())), tuple(sorted(new.values.items()))) for old, new in plan.updates
        ),
    )


def write_previewed(
    engine: Engine, kind: str, file_name: str, data: bytes, account: Account, previewed: tuple[Any, ...]
) -> ImportPlan:
    """Write the file in one transaction if it still does exactly what the preview showed.

    Raises StalePreviewError (nothing written) when another write changed the rows in the
    meantime, and ValueError when the plan has problems.
    """
    with read_connection(engine) as connection:  # reading and checking the file hold no lock
        checked = check_file(connection, TEMPLATES[kind], file_name, data)
    with write_transaction(engine) as connection:
        plan = restrict(compare(connection, checked), account)
        if not plan.accepted:
            raise ValueError("A plan with problems must not be written.")
        if fingerprint(plan) != previewed:
            raise StalePreviewError(
                "Die Daten wurden seit der Vorschau von jemand anderem geändert. Es wurde nichts geschrieben; "
                "bitte die Vorschau neu laden und prüfen."
            )
        apply_plan(connection, plan, actor=account.name, source=f"Upload {kind}: {file_name}")
    return plan


def changed_cells(plan: ImportPlan) -> list[dict[str, Any]]:
    """One entry per changed cell: Zeile, Schlüssel, Spalte (German), bisher, neu."""
    cells = []
    for old, new in plan.updates:
        for column in plan.template.columns:
            before, after = old.values.get(column.field), new.values.get(column.field)
            if before != after:
                cells.append(
                    {
                        "Zeile": new.line,
                        "Schlüssel": key_text(new.key),
                        "Spalte": column.name,
                        "bisher": "" if before is None else str(before),
                        "neu": "" if after is None else str(after),
                    }
                )
    return cells


def new_rows(plan: ImportPlan) -> list[dict[str, Any]]:
    """The new rows with the template's German column names, and their file line."""
    return [
        {"Zeile": record.line, **{column.name: record.values.get(column.field) for column in plan.template.columns}}
        for record in plan.inserts
    ]


def problem_rows(plan: ImportPlan) -> list[dict[str, Any]]:
    """Every problem as Zeile, Spalte, Wert, Problem (for a table)."""
    return [
        {"Zeile": problem.line, "Spalte": problem.column or "", "Wert": problem.value or "", "Problem": problem.message}
        for problem in plan.problems
    ]


def hint_rows(plan: ImportPlan) -> list[dict[str, Any]]:
    """Every plausibility hint as Zeile, Spalte, Wert, Hinweis (for a table like the problems')."""
    return [
        {"Zeile": hint.line, "Spalte": hint.column or "", "Wert": hint.value or "", "Hinweis": hint.message}
        for hint in plan.hints
    ]
