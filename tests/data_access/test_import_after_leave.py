"""Nothing after a member's leave year: such rows are refused at import and in the editor, nothing is written.

Runs on SQLite and PostgreSQL (``small_network``: Rosenheim left in 2019; Kiel has an
event, self-help figures and a self-assessment in 2021).
"""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import Engine, func, select, update

from data_access.accounts import Account
from data_access.engine import write_transaction
from data_access.importing.editing import load_rows, save_rows
from data_access.importing.plan import check_file, compare, import_file
from data_access.importing.templates import TEMPLATES
from data_access.models import (
    AuditEntry,
    CouncilSeat,
    Event,
    Member,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
)

pytestmark = pytest.mark.usefixtures("backend")

OFFICE = Account("geschaeftsstelle", "editor", None)
TABLES = (Event, SelfHelpCount, StandardAssessment, CouncilSeat, ReportSubmission, Member, AuditEntry)

CASES = [
    pytest.param(
        "veranstaltungen",
        "kommune;art;titel;beginn\nKiel;Fachtag;Fachtag Kiel;03.05.2025\nRosenheim;Fachtag;Fachtag;03.05.2025\n",
        "beginn",
        "03.05.2025",
        "Rosenheim ist 2019 ausgetreten; eine Veranstaltung vom 03.05.2025 kann nicht gemeldet werden.",
        id="event",
    ),
    pytest.param(
        "selbsthilfe",
        "kommune;jahr;themenbereich;gruppen\nKiel;2025;Sucht;12\nRosenheim;2020;Sucht;4\n",
        "jahr",
        "2020",
        "Rosenheim ist 2019 ausgetreten; Selbsthilfezahlen für 2020 können nicht gemeldet werden.",
        id="self-help",
    ),
    pytest.param(
        "mindeststandards",
        "kommune;jahr;punkt;status\nKiel;2025;1;erfüllt\nRosenheim;2023;1;erfüllt\n",
        "jahr",
        "2023",
        "Rosenheim ist 2019 ausgetreten; eine Selbsteinschätzung für 2023 kann nicht gemeldet werden.",
        id="assessment",
    ),
    pytest.param(
        "berichte",
        "kommune;jahr\nKiel;2025\nRosenheim;2023\n",
        "jahr",
        "2023",
        "Rosenheim ist 2019 ausgetreten; ein Vierjahresbericht für 2023 kann nicht gemeldet werden.",
        id="report",
    ),
    pytest.param(
        "sprecherrat",
        "kommune;seite;beginn\nKiel;Kommune;15.06.2024\nRosenheim;Selbsthilfe;15.06.2020\n",
        "beginn",
        "15.06.2020",
        "Rosenheim ist 2019 ausgetreten; ein Sitz im Sprecher*innenrat ab dem 15.06.2020 kann nicht gemeldet werden.",
        id="council-seat",
    ),
]


def snapshot(engine: Engine) -> dict[str, int]:
    """Rows per table (and audit entries): what must not change when a file is refused."""
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in TABLES
        }


@pytest.mark.parametrize(("kind", "content", "column", "value", "message"), CASES)
def test_a_row_after_the_leave_year_refuses_the_file_with_a_german_message(
    small_network: Engine, kind: str, content: str, column: str, value: str, message: str
) -> None:
    before = snapshot(small_network)
    plan = import_file(small_network, kind, f"{kind}.csv", content.encode(), actor="test")
    assert not plan.accepted
    assert len(plan.problems) == 1  # Kiel's row in line 2 is fine
    problem = plan.problems[0]
    assert (problem.line, problem.column, problem.value) == (3, column, value)
    assert problem.message.startswith(message)
    assert str(problem).startswith(f"{kind}.csv, Zeile 3, Spalte „{column}“, Wert „{value}“: {message}")
    assert snapshot(small_network) == before  # nothing written, not even Kiel's valid row


def test_rows_in_the_leave_year_itself_are_accepted(small_network: Engine) -> None:
    content = (
        "kommune;art;titel;beginn\nRosenheim;Fachtag;Abschied;31.12.2019\nRosenheim;Fachtag;Ein Jahr davor;01.07.2018\n"
    )
    plan = import_file(small_network, "veranstaltungen", "v.csv", content.encode(), actor="test")
    assert plan.accepted, plan.problems
    assert len(plan.inserts) == 2


def test_a_leave_year_entered_after_the_check_is_caught_before_writing(small_network: Engine) -> None:
    template = TEMPLATES["selbsthilfe"]
    content = b"kommune;jahr;themenbereich;gruppen\nKiel;2025;Sucht;12\n"
    with small_network.connect() as connection:
        checked = check_file(connection, template, "s.csv", content)
    assert not checked.problems
    with write_transaction(small_network) as connection:
        connection.execute(update(Member).where(Member.name == "Kiel").values(leave_year=2024))
        plan = compare(connection, checked)
    assert [(p.line, p.column, p.value) for p in plan.problems] == [(2, "jahr", "2025")]
    assert plan.problems[0].message.startswith("Kiel ist 2024 ausgetreten;")


MEMBERS_HEADER = "kommune;art;bundesland;beitritt;austritt\n"
KIEL_LATER = "Kiel kann nicht 2020 ausgetreten sein: danach sind noch 1 Veranstaltung, 1 Selbsthilfe-Zeile und 9 "
KIEL_LATER += "Mindeststandard-Zeilen erfasst."


def test_a_leave_year_before_existing_rows_refuses_the_members_file(small_network: Engine) -> None:
    before = snapshot(small_network)
    content = MEMBERS_HEADER + "Herne;Stadt;NW;1990;2025\nKiel;Stadt;SH;2002;2020\n"
    plan = import_file(small_network, "mitglieder", "m.csv", content.encode(), actor="test")
    assert not plan.accepted
    assert [(p.line, p.column, p.value) for p in plan.problems] == [(3, "austritt", "2020")]
    assert plan.problems[0].message.startswith(KIEL_LATER)
    assert snapshot(small_network) == before
    # 2021 is Kiel's last year with rows: that leave year is accepted, and so is Herne's.
    content = MEMBERS_HEADER + "Herne;Stadt;NW;1990;2025\nKiel;Stadt;SH;2002;2021\n"
    plan = import_file(small_network, "mitglieder", "m.csv", content.encode(), actor="test")
    assert plan.accepted, plan.problems
    assert len(plan.updates) == 2


def test_an_unchanged_leave_year_is_not_checked_again(small_network: Engine) -> None:
    """Re-importing the members as they are never fails over old rows (the check is on setting a leave year)."""
    with write_transaction(small_network) as connection:
        connection.execute(update(Member).where(Member.name == "Kiel").values(leave_year=2020))  # old data
    content = MEMBERS_HEADER + "Kiel;Stadt;SH;2002;2020\n"
    plan = import_file(small_network, "mitglieder", "m.csv", content.encode(), actor="test")
    assert plan.accepted, plan.problems
    assert plan.unchanged == 1


def test_the_editor_refuses_a_leave_year_before_existing_rows(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "mitglieder", "Kiel")
    edited = copy.deepcopy(rows)
    edited[0][header.index("austritt")] = 2020
    before = snapshot(small_network)
    plan = save_rows(small_network, "mitglieder", header, rows, edited, OFFICE)
    assert not plan.accepted
    assert [(p.line, p.column, p.value) for p in plan.problems] == [(1, "austritt", "2020")]  # the editor's row 1
    assert plan.problems[0].message.startswith(KIEL_LATER)
    assert snapshot(small_network) == before
