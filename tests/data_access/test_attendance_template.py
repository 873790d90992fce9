"""The attendance of Mitgliederversammlungen has a template: import, export, editor, like every other kind.

Runs on SQLite and PostgreSQL (``small_network``: the network-wide "MV 2020" on 12.06.2020
is the only Mitgliederversammlung; nobody's attendance is recorded yet).
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select

from data_access.accounts import Account
from data_access.exporting import export_rows, to_csv
from data_access.importing.editing import load_rows, save_rows
from data_access.importing.plan import import_file
from data_access.importing.templates import TEMPLATES
from data_access.models import AuditEntry, Event, EventAttendance, Member

pytestmark = pytest.mark.usefixtures("backend")

OFFICE = Account("geschaeftsstelle", "editor", None)
FILE = "kommune;seite;versammlung\nKiel;Kommune;12.06.2020\nHerne;Selbsthilfe;12.06.2020\nKiel;Selbsthilfe;12.06.2020\n"


def attendance(engine: Engine) -> list[tuple[str, str, str]]:
    """Every recorded attendance as (member, side, meeting title), sorted."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Member.name, EventAttendance.side, Event.title)
            .join(Member, Member.id == EventAttendance.member_id)
            .join(Event, Event.id == EventAttendance.event_id)
        ).all()
    return sorted(tuple(row) for row in rows)


def test_the_template_is_registered_with_german_columns() -> None:
    template = TEMPLATES["teilnahme"]
    assert [column.name for column in template.columns] == ["kommune", "seite", "versammlung"]
    assert template.natural_key == ("kommune", "seite", "versammlung")
    assert template.per_member


def test_an_attendance_file_is_imported_audited_and_idempotent(small_network: Engine) -> None:
    plan = import_file(small_network, "teilnahme", "teilnahme.csv", FILE.encode(), actor="anna")
    assert plan.accepted, plan.problems
    assert len(plan.inserts) == 3
    assert attendance(small_network) == [
        ("Herne", "Selbsthilfe", "MV 2020"),
        ("Kiel", "Kommune", "MV 2020"),
        ("Kiel", "Selbsthilfe", "MV 2020"),
    ]
    with small_network.connect() as connection:
        entries = connection.execute(
            select(AuditEntry.natural_key, AuditEntry.new_values).where(AuditEntry.table_name == "event_attendance")
        ).all()
    assert sorted(key for key, _ in entries) == [
        "Herne / Selbsthilfe / 2020-06-12",
        "Kiel / Kommune / 2020-06-12",
        "Kiel / Selbsthilfe / 2020-06-12",
    ]
    assert json.loads(entries[0].new_values)["versammlung"] == "2020-06-12"
    again = import_file(small_network, "teilnahme", "teilnahme.csv", FILE.encode(), actor="anna")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 3)


def test_a_date_without_a_mitgliederversammlung_is_refused(small_network: Engine) -> None:
    # 02.03.2020 is Kiel's Gesundheitswoche, not a Mitgliederversammlung.
    content = "kommune;seite;versammlung\nKiel;Kommune;12.06.2020\nHerne;Kommune;02.03.2020\n"
    plan = import_file(small_network, "teilnahme", "t.csv", content.encode(), actor="anna")
    assert not plan.accepted
    assert [str(problem) for problem in plan.problems] == [
        "t.csv, Zeile 3, Spalte „versammlung“, Wert „02.03.2020“: An diesem Tag gibt es keine netzwerkweite "
        "Mitgliederversammlung. Bitte das Datum prüfen oder die Versammlung zuerst als Veranstaltung (ohne "
        "Kommune) einlesen."
    ]
    assert attendance(small_network) == []


def test_an_attendance_after_the_leave_year_is_refused(small_network: Engine) -> None:
    content = "kommune;seite;versammlung\nRosenheim;Kommune;12.06.2020\n"  # Rosenheim left in 2019
    plan = import_file(small_network, "teilnahme", "t.csv", content.encode(), actor="anna")
    assert [(problem.line, problem.column, problem.value) for problem in plan.problems] == [
        (2, "versammlung", "12.06.2020")
    ]
    assert plan.problems[0].message.startswith(
        "Rosenheim ist 2019 ausgetreten; eine Teilnahme an der Mitgliederversammlung vom 12.06.2020 kann nicht"
    )
    assert attendance(small_network) == []


def test_a_leave_year_before_a_recorded_attendance_is_refused(small_network: Engine) -> None:
    plan = import_file(small_network, "teilnahme", "t.csv", FILE.encode(), actor="anna")
    assert plan.accepted, plan.problems
    with small_network.connect() as connection:
        kiel = connection.execute(select(Member).where(Member.name == "Kiel")).one()
    members = (
        "kommune;art;bundesland;beitritt;austritt\n"
        f"Kiel;{kiel.member_type};{kiel.state_code};{kiel.join_year};2019\n"  # attended the MV of 12.06.2020
    )
    refused = import_file(small_network, "mitglieder", "m.csv", members.encode(), actor="anna")
    assert not refused.accepted
    assert "2 Teilnahmen an Mitgliederversammlungen" in refused.problems[0].message, refused.problems[0].message


def test_export_then_import_changes_nothing(small_network: Engine) -> None:
    import_file(small_network, "teilnahme", "teilnahme.csv", FILE.encode(), actor="anna")
    with small_network.connect() as connection:
        header, rows = export_rows(connection, "teilnahme")
        _, kiel_rows = export_rows(connection, "teilnahme", "Kiel")
    assert header == ["kommune", "seite", "versammlung"]
    assert [row[:2] for row in rows] == [["Herne", "Selbsthilfe"], ["Kiel", "Kommune"], ["Kiel", "Selbsthilfe"]]
    assert [row[0] for row in kiel_rows] == ["Kiel", "Kiel"]
    content = to_csv(header, rows)
    assert "12.06.2020" in content.decode("utf-8-sig")
    plan = import_file(small_network, "teilnahme", "export.csv", content, actor="anna")
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 0, 3)


def test_the_editor_lists_and_deletes_attendance(small_network: Engine) -> None:
    import_file(small_network, "teilnahme", "teilnahme.csv", FILE.encode(), actor="anna")
    header, rows = load_rows(small_network, "teilnahme", "Kiel")
    assert [row[1] for row in rows] == ["Kommune", "Selbsthilfe"]
    plan = save_rows(small_network, "teilnahme", header, rows, rows, OFFICE, delete=frozenset({1}))
    assert plan.accepted, plan.problems
    assert attendance(small_network) == [("Herne", "Selbsthilfe", "MV 2020"), ("Kiel", "Kommune", "MV 2020")]
    with small_network.connect() as connection:
        deleted = connection.execute(
            select(func.count()).where(AuditEntry.table_name == "event_attendance", AuditEntry.action == "delete")
        ).scalar_one()
    assert deleted == 1
