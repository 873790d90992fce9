"""Every kind of write leaves exactly the expected audit rows: import, edit, delete, account changes.

For each kind of data a row is imported, edited in the editor and deleted in the editor;
after each step the audit log holds exactly one new row naming the action, the table, the
natural key and the old and new values in the template's German column names.
"""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest
from sqlalchemy import Engine, select

from data_access.accounts import Account, add_account, remove_account, set_password
from data_access.importing.editing import load_rows, row_key, save_rows
from data_access.importing.plan import import_file
from data_access.models import AuditEntry

pytestmark = pytest.mark.usefixtures("backend")

ADMIN = Account("admin-test", "admin", None)

CASES = [
    # kind, member, file, natural key, table, column to edit, new value, its value in the audit log
    (
        "mitglieder",
        "Neustadt",
        "kommune;art;bundesland;beitritt;regionalnetzwerk\nNeustadt;Stadt;SH;2024;Nord\n",
        "Neustadt",
        "members",
        "einwohner",
        12_000,
        12_000,
    ),
    (
        "veranstaltungen",
        "Kiel",
        "kommune;art;titel;beginn\nKiel;Fachtag;Neuer Fachtag;05.05.2024\n",
        "Kiel / Fachtag / 2024-05-05 / Neuer Fachtag",
        "events",
        "teilnehmende",
        40,
        40,
    ),
    (
        "selbsthilfe",
        "Kiel",
        "kommune;jahr;themenbereich;gruppen\nKiel;2024;Umwelt;3\n",
        "Kiel / 2024 / Umwelt",
        "self_help_counts",
        "gruppen",
        4,
        4,
    ),
    (
        "mindeststandards",
        "Kiel",
        "kommune;jahr;punkt;status\nKiel;2024;1;erfüllt\n",
        "Kiel / 2024 / 1",
        "standard_assessments",
        "status",
        "teilweise",
        "teilweise",
    ),
    (
        "sprecherrat",
        "Herne",
        "kommune;seite;beginn;ende\nHerne;Selbsthilfe;15.06.2024;14.06.2026\n",
        "Herne / Selbsthilfe / 2024-06-15",
        "council_seats",
        "ende",
        datetime.date(2027, 6, 14),
        "2027-06-14",
    ),
    (
        "berichte",
        "Herne",
        "kommune;jahr;eingang\nHerne;2024;01.03.2024\n",
        "Herne / 2024",
        "report_submissions",
        "eingang",
        datetime.date(2024, 3, 8),
        "2024-03-08",
    ),
]


def entries_after(engine: Engine, last_id: int) -> list[tuple[str, str, str, dict | None, dict | None]]:
    """Audit rows newer than ``last_id``: action, table, key, old and new values."""
    with engine.connect() as connection:
        columns = (AuditEntry.action, AuditEntry.table_name, AuditEntry.natural_key)
        values = (AuditEntry.old_values, AuditEntry.new_values)
        statement = select(*columns, *values).where(AuditEntry.id > last_id).order_by(AuditEntry.id)
        rows = connection.execute(statement).all()
        return [
            (
                row.action,
                row.table_name,
                row.natural_key,
                json.loads(row.old_values) if row.old_values else None,
                json.loads(row.new_values) if row.new_values else None,
            )
            for row in rows
        ]


def last_audit_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)).scalar() or 0


def position_of(kind: str, header: list[str], rows: list[list[Any]], key: str) -> int:
    return next(
        index
        for index, row in enumerate(rows)
        if " / ".join("" if part is None else str(part) for part in row_key(kind, header, row)) == key
    )


@pytest.mark.parametrize(("kind", "member", "content", "key", "table", "column", "value", "logged"), CASES)
def test_import_edit_and_delete_each_leave_one_audit_row(
    small_network: Engine,
    kind: str,
    member: str,
    content: str,
    key: str,
    table: str,
    column: str,
    value: Any,
    logged: Any,
) -> None:
    start = last_audit_id(small_network)
    plan = import_file(small_network, kind, "neu.csv", content.encode(), actor="pflege")
    assert plan.accepted, plan.problems
    (inserted,) = entries_after(small_network, start)
    assert inserted[:4] == ("insert", table, key, None)

    header, rows = load_rows(small_network, kind, member)
    position = position_of(kind, header, rows, key)
    edited = copy.deepcopy(rows)
    edited[position][header.index(column)] = value
    step = last_audit_id(small_network)
    assert save_rows(small_network, kind, header, rows, edited, ADMIN).accepted
    (updated,) = entries_after(small_network, step)
    assert updated[:3] == ("update", table, key)
    assert updated[3] == inserted[4]  # the old values are what the import wrote
    assert updated[4] == {**inserted[4], column: logged}

    header, rows = load_rows(small_network, kind, member)
    position = position_of(kind, header, rows, key)
    step = last_audit_id(small_network)
    plan = save_rows(small_network, kind, header, rows, rows, ADMIN, delete=frozenset({position}))
    assert plan.accepted, plan.problems
    assert entries_after(small_network, step) == [("delete", table, key, updated[4], None)]
    assert key not in [
        " / ".join(str(part) for part in row_key(kind, header, row))
        for row in load_rows(small_network, kind, member)[1]
    ]


def test_a_criterion_title_edit_is_audited_and_a_used_criterion_is_not_deleted(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "kriterien", None)
    assert header == ["punkt", "titel"]
    assert [row[0] for row in rows] == list(range(1, 10))
    edited = copy.deepcopy(rows)
    edited[2][1] = "Koordination benannt"
    step = last_audit_id(small_network)
    assert save_rows(small_network, "kriterien", header, rows, edited, ADMIN).accepted
    assert entries_after(small_network, step) == [
        ("update", "standard_criteria", "3", {"punkt": 3, "titel": rows[2][1]}, {"punkt": 3, "titel": edited[2][1]})
    ]
    # Criterion 3 is used by self-assessments: deleting it is refused and nothing is written.
    header, rows = load_rows(small_network, "kriterien", None)
    step = last_audit_id(small_network)
    plan = save_rows(small_network, "kriterien", header, rows, rows, ADMIN, delete=frozenset({2}))
    assert not plan.accepted
    assert "Kann nicht gelöscht werden: dazu gibt es noch 3 Selbsteinschätzungen" in plan.problems[0].message
    assert entries_after(small_network, step) == []
    assert len(load_rows(small_network, "kriterien", None)[1]) == 9


def test_account_changes_are_audited_without_passwords(small_network: Engine) -> None:
    step = last_audit_id(small_network)
    add_account(small_network, "kiel-pflege", "ein-langes-passwort", "editor", "Kiel", actor="admin-test")
    set_password(small_network, "kiel-pflege", "ein-anderes-passwort", actor="admin-test")
    remove_account(small_network, "kiel-pflege", actor="admin-test")
    entries = entries_after(small_network, step)
    assert [entry[:3] for entry in entries] == [
        ("insert", "user_accounts", "kiel-pflege"),
        ("update", "user_accounts", "kiel-pflege"),
        ("delete", "user_accounts", "kiel-pflege"),
    ]
    assert entries[1][3:] == ({"passwort": "alt"}, {"passwort": "neu"})  # that it changed, never what to
    logged = json.dumps(entries)
    assert "ein-langes-passwort" not in logged
    assert "ein-anderes-passwort" not in logged
