"""Plausibility hints at import: valid but unlikely values are named, counted and audited, never refused.

Runs on SQLite and PostgreSQL (``small_network``: Kiel 250,000 inhabitants, München
1,500,000, Herne 157,000, Rosenheim 64,000 and left in 2019, all of them Städte; Kiel has
"GW 2021" on 01.03.2021; in 2020 Kiel has 15 and Herne 20 self-help groups). The command
line's ``--dry-run`` runs on the SQLite workspace of ``tests/importing_helpers.py``.
"""

from __future__ import annotations

import datetime
import json

import pytest
from sqlalchemy import Engine, Row, func, select

from data_access.accounts import Account
from data_access.importing.hints import future_event_hint, plan_hints, title_likeness
from data_access.importing.plan import import_file, plan_import
from data_access.importing.preview import fingerprint, hint_rows, preview, write_previewed
from data_access.importing.templates import TEMPLATES
from data_access.importing.validation import Record
from data_access.models import AuditEntry, Event, Member, SelfHelpCount
from tests.importing_helpers import Workspace

OFFICE = Account("geschaeftsstelle", "editor", None)

CASES = [
    pytest.param(
        "mitglieder",
        "kommune;art;bundesland;beitritt;einwohner\nHerne;Stadt;NW;1990;160000\nKiel;Stadt;SH;2002;400000\n",
        "einwohner",
        "400.000",
        "Die Einwohnerzahl ändert sich um 60 % (bisher 250.000), mehr als 25 %.",
        id="population-change",
    ),
    pytest.param(
        "selbsthilfe",
        "kommune;jahr;themenbereich;gruppen\nHerne;2020;Sucht;21\nMünchen;2020;Sucht;1000\n",
        "gruppen",
        "1.000",
        "München hätte 2020 zusammen 1.000 Gruppen, 66,7 je 100.000 Einwohner: mehr als das 3-Fache des Medians "
        "der Städte (9,7 je 100.000).",
        id="groups-per-inhabitants",
    ),
    pytest.param(
        "veranstaltungen",
        "kommune;art;titel;beginn;teilnehmende\nKiel;Fachtag;Fachtag Kiel;05.05.2018;900\n"
        "Rosenheim;Fachtag;Fachtag Rosenheim;05.05.2018;70000\n",
        "teilnehmende",
        "70.000",
        "Mehr Teilnehmende als Rosenheim Einwohner hat (64.000).",
        id="participants",
    ),
    pytest.param(
        "veranstaltungen",
        "kommune;art;titel;beginn\nKiel;Fachtag;Fachtag Kiel;05.05.2018\nKiel;Gesundheitswoche;g w;01.03.2021\n",
        "titel",
        "g w",
        "Fast gleich wie „GW 2021“ (Gesundheitswoche) am 01.03.2021 in der Datenbank",
        id="similar-event",
    ),
    pytest.param(
        "selbsthilfe",
        "kommune;jahr;themenbereich;gruppen;neue_gruppen\nHerne;2020;Sucht;21;2\nKiel;2021;Sucht;12;15\n",
        "neue_gruppen",
        "15",
        "Mehr neue Gruppen als Gruppen insgesamt (12).",
        id="more-new-groups-than-groups",
    ),
]


def audit_hints(engine: Engine) -> list[Row]:
    """The audit entries of plausibility hints, oldest first."""
    table = AuditEntry.__table__
    with engine.connect() as connection:
        return connection.execute(select(table).where(table.c.action == "hinweis").order_by(table.c.id)).all()


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("kind", "content", "column", "value", "message"), CASES)
def test_each_hint_names_line_column_value_and_why_and_does_not_block_writing(
    small_network: Engine, kind: str, content: str, column: str, value: str, message: str
) -> None:
    plan = import_file(small_network, kind, f"{kind}.csv", content.encode(), actor="anna")
    assert plan.accepted, plan.problems  # a hint is no problem: the file was written
    assert plan.hints.total == 1  # line 2 is plausible
    hint = plan.hints[0]
    assert (hint.line, hint.column, hint.value) == (3, column, value)
    assert str(hint).startswith(f"{kind}.csv, Zeile 3, Spalte „{column}“, Wert „{value}“: {message}")
    (entry,) = audit_hints(small_network)
    assert (entry.actor, entry.source) == ("anna", f"Import {kind}: {kind}.csv")
    assert json.loads(entry.new_values) == {"Zeile": 3, "Spalte": column, "Wert": value, "Hinweis": hint.message}
    with small_network.connect() as connection:  # written at the same moment as the rows it is about
        moments = connection.execute(select(AuditEntry.occurred_at).where(AuditEntry.actor == "anna")).scalars()
        assert len(set(moments)) == 1
    # Importing the same file again writes nothing, so it has nothing to hint at.
    again = import_file(small_network, kind, f"{kind}.csv", content.encode(), actor="anna")
    assert again.accepted
    assert (len(again.inserts), len(again.updates), again.hints.total) == (0, 0, 0)


@pytest.mark.usefixtures("backend")
def test_the_written_values_are_the_unlikely_ones(small_network: Engine) -> None:
    content = "kommune;jahr;themenbereich;gruppen;neue_gruppen\nMünchen;2020;Sucht;1000;900\n"
    plan = import_file(small_network, "selbsthilfe", "s.csv", content.encode(), actor="anna")
    assert plan.accepted
    assert [(hint.line, hint.column) for hint in plan.hints] == [(2, "gruppen")]
    with small_network.connect() as connection:
        written = connection.execute(
            select(SelfHelpCount.groups, SelfHelpCount.new_groups)
            .join(Member, Member.id == SelfHelpCount.member_id)
            .where(Member.name == "München")
        ).one()
    assert tuple(written) == (1000, 900)
    assert len(audit_hints(small_network)) == 1


@pytest.mark.usefixtures("backend")
def test_a_rejected_file_lists_the_hints_of_its_valid_rows_with_its_problems(small_network: Engine) -> None:
    content = (
        "kommune;art;titel;beginn;teilnehmende\n"
        "Rosenheim;Fachtag;Fachtag Rosenheim;05.05.2018;70000\n"  # valid, but more people than inhabitants
        "Kiel;Fachtag;Fachtag Kiel;31.02.2018;50\n"  # no such day: a problem
    )
    plan = preview(small_network, "veranstaltungen", "v.csv", content.encode(), OFFICE)
    assert not plan.accepted
    assert [(problem.line, problem.column) for problem in plan.problems] == [(3, "beginn")]
    assert [(hint["Zeile"], hint["Spalte"], hint["Wert"]) for hint in hint_rows(plan)] == [
        (2, "teilnehmende", "70.000")
    ]
    assert (plan.inserts, plan.updates) == ([], [])  # a rejected plan has nothing to write
    with pytest.raises(ValueError, match="problems"):
        write_previewed(small_network, "veranstaltungen", "v.csv", content.encode(), OFFICE, fingerprint(plan))
    assert audit_hints(small_network) == []


@pytest.mark.usefixtures("backend")
def test_plausible_changes_give_no_hint(small_network: Engine) -> None:
    files = {
        "mitglieder": "kommune;art;bundesland;beitritt;einwohner\nKiel;Stadt;SH;2002;300000\n",  # +20 %
        "selbsthilfe": "kommune;jahr;themenbereich;gruppen;neue_gruppen\nMünchen;2020;Sucht;120;12\n",
        "veranstaltungen": "kommune;art;titel;beginn;teilnehmende\nKiel;Gesundheitswoche;GW 2021;02.03.2021;9000\n",
    }
    for kind, content in files.items():
        plan = import_file(small_network, kind, f"{kind}.csv", content.encode(), actor="anna")
        assert plan.accepted, (kind, plan.problems)
        assert plan.inserts or plan.updates, kind
        assert plan.hints.total == 0, [str(hint) for hint in plan.hints]


@pytest.mark.usefixtures("backend")
def test_an_event_more_than_a_year_ahead_gets_a_hint(small_network: Engine) -> None:
    content = "kommune;art;titel;beginn\nKiel;Fachtag;Bald;01.03.2021\nKiel;Fachtag;Viel später;02.03.2021\n"
    with small_network.connect() as connection:
        plan = plan_import(connection, TEMPLATES["veranstaltungen"], "v.csv", content.encode())
        hints = plan_hints(connection, plan, today=datetime.date(2020, 3, 1))
    assert [str(hint) for hint in hints] == [
        "v.csv, Zeile 3, Spalte „beginn“, Wert „02.03.2021“: Die Veranstaltung beginnt mehr als ein Jahr nach heute "
        "(01.03.2020). Bitte prüfen, ob das Datum (vor allem das Jahr) stimmt."
    ]


def test_one_year_ahead_counts_from_today_and_a_leap_day() -> None:
    def record(day: datetime.date) -> Record:
        return Record(2, {"member": "Kiel", "start_date": day}, ())

    leap_day = datetime.date(2024, 2, 29)
    assert future_event_hint("v.csv", record(datetime.date(2025, 2, 28)), leap_day) is None
    assert future_event_hint("v.csv", record(datetime.date(2025, 3, 1)), leap_day) is not None


def test_nearly_equal_titles_differ_only_in_spaces_case_punctuation_or_a_year() -> None:
    same = [
        "Gesundheitswoche Kiel 2025",
        "gesundheitswoche  kiel",
        "Gesundheitswoche-Kiel (2025)",
        "GESUNDHEITSWOCHE KIEL '25",
    ]
    assert {title_likeness(title) for title in same} == {"gesundheitswochekiel"}
    assert title_likeness("Gesundheitswoche Lübeck") != title_likeness("Gesundheitswoche Kiel")


@pytest.mark.usefixtures("backend")
def test_two_nearly_equal_new_events_in_one_file_get_a_hint(small_network: Engine) -> None:
    content = (
        "kommune;art;titel;beginn\nHerne;Fachtag;Fachtag Herne;05.05.2018\nHerne;Fachtag;fachtag  herne;05.05.2018\n"
    )
    plan = import_file(small_network, "veranstaltungen", "v.csv", content.encode(), actor="anna")
    assert plan.accepted
    assert len(plan.inserts) == 2
    assert [(hint.line, hint.value) for hint in plan.hints] == [(3, "fachtag  herne")]
    assert "„Fachtag Herne“ (Fachtag) am 05.05.2018 in Zeile 2" in plan.hints[0].message


@pytest.mark.usefixtures("backend")
def test_the_browser_preview_lists_hints_and_writing_anyway_audits_them(small_network: Engine) -> None:
    content = b"kommune;art;titel;beginn;teilnehmende\nRosenheim;Fachtag;Fachtag Rosenheim;05.05.2018;70000\n"
    plan = preview(small_network, "veranstaltungen", "v.csv", content, OFFICE)
    assert plan.accepted
    assert hint_rows(plan) == [
        {
            "Zeile": 2,
            "Spalte": "teilnehmende",
            "Wert": "70.000",
            "Hinweis": "Mehr Teilnehmende als Rosenheim Einwohner hat (64.000). Bitte prüfen, ob die Zahl stimmt.",
        }
    ]
    written = write_previewed(small_network, "veranstaltungen", "v.csv", content, OFFICE, fingerprint(plan))
    assert written.hints.total == 1
    (entry,) = audit_hints(small_network)
    assert (entry.actor, entry.source, entry.table_name) == (
        "geschaeftsstelle",
        "Upload veranstaltungen: v.csv",
        "events",
    )
    assert entry.natural_key == "Rosenheim / Fachtag / 2018-05-05 / Fachtag Rosenheim"
    with small_network.connect() as connection:
        assert connection.execute(select(func.count()).where(Event.title == "Fachtag Rosenheim")).scalar_one() == 1


def test_the_command_line_dry_run_prints_and_counts_the_hints(workspace: Workspace) -> None:
    path = workspace.write("mitglieder.csv", "kommune;art;bundesland;beitritt;einwohner\nKiel;Stadt;SH;2002;100000\n")
    code, message = workspace.cli("import", "mitglieder", str(path), "--dry-run")
    assert code == 0, message
    assert (
        "  - Hinweis: mitglieder.csv, Zeile 2, Spalte „einwohner“, Wert „100.000“: Die Einwohnerzahl ändert sich "
        "um -60 % (bisher 247.000)"
    ) in message
    assert "Probelauf, nichts geschrieben. Beim Import: 0 neu, 1 geändert, 0 unverändert, 1 Hinweis." in message
    code, message = workspace.cli("import", "mitglieder", str(path))  # written anyway
    assert code == 0, message
    assert "mitglieder.csv eingelesen: 0 neu, 1 geändert, 0 unverändert, 1 Hinweis." in message


def test_the_command_line_lists_hints_with_the_problems_of_a_rejected_file(workspace: Workspace) -> None:
    path = workspace.write(
        "mitglieder.csv",
        "kommune;art;bundesland;beitritt;einwohner\nKiel;Stadt;SH;2002;100000\nNeustadt;Dorf;NI;2020;5000\n",
    )
    code, message = workspace.cli("import", "mitglieder", str(path), "--dry-run")
    assert code != 0
    assert "mitglieder.csv wurde abgelehnt; es wurde nichts geschrieben. 1 Problem, 1 Hinweis:" in message
    assert "  - mitglieder.csv, Zeile 3, Spalte „art“, Wert „Dorf“" in message
    assert "  - Hinweis: mitglieder.csv, Zeile 2, Spalte „einwohner“, Wert „100.000“" in message
