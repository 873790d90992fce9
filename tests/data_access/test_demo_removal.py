"""Removing the demo data: exactly the demo rows go, every imported or edited row (and its audit history) stays.

Runs on SQLite and PostgreSQL: a demo database gets real rows by import (two new
Kommunen, one demo Kommune imported over, figures for a demo Kommune, one demo figure
imported over), then ``python -m data_access demo --entfernen`` runs through the real
command line.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from data_access import demo, queries
from data_access.cli import main
from data_access.demo_removal import has_demo_rows, plan_removal
from data_access.engine import make_engine, write_transaction
from data_access.exporting import export_kind
from data_access.importing.plan import import_file
from data_access.models import (
    AuditEntry,
    CouncilSeat,
    Event,
    EventAttendance,
    Member,
    RegionalNetwork,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
)
from data_access.setup import prepare_database

MEMBER_HEADER = "kommune;art;bundesland;beitritt;austritt;einwohner;regionalnetzwerk;kontaktstelle\n"


def _cli(capsys: pytest.CaptureFixture, *arguments: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(arguments))
    return code, capsys.readouterr().err


def _import(engine: Engine, kind: str, name: str, content: str) -> None:
    plan = import_file(engine, kind, name, content.encode("utf-8"), actor="steward")
    assert plan.accepted, list(plan.problems)


@pytest.fixture
def demo_engine(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A database of ``backend`` with the full demo data set; DATABASE_URL points at it for the command line."""
    prepare_database(database_url, demo_if_new=False).dispose()
    engine = make_engine(database_url)
    with write_transaction(engine) as connection:
        demo.load(connection, demo.generate(), actor="test")
    monkeypatch.setenv("DATABASE_URL", database_url)
    yield engine
    engine.dispose()


def test_removing_demo_data_keeps_exactly_the_imported_rows(demo_engine: Engine, capsys) -> None:
    with demo_engine.connect() as connection:
        assert queries.dataset_facts(connection).is_demo
        demo_members = connection.execute(
            select(Member.name, Member.member_type, Member.state_code, Member.join_year, Member.population)
            .where(Member.leave_year.is_(None))
            .order_by(Member.id)
            .limit(3)
        ).all()
        overwritten, with_figures, with_changed_figure = demo_members
        year, topic, groups = connection.execute(
            select(SelfHelpCount.year, SelfHelpCount.topic, SelfHelpCount.groups)
            .join(Member)
            .where(Member.name == with_changed_figure.name)
            .order_by(SelfHelpCount.year, SelfHelpCount.topic)
            .limit(1)
        ).one()
    name, kind, state, joined, population = overwritten
    _import(
        demo_engine,
        "mitglieder",
        "echte-mitglieder.csv",
        MEMBER_HEADER
        + "Echtstadt;Stadt;SH;2024;;120000;Echtnetz;KIBIS Echtstadt\n"
        + "Echtkreis;Kreis;BY;2025;;210000;;\n"
        + f"{name};{kind};{state};{joined};;{(population or 1000) + 1};;\n",
    )
    _import(
        demo_engine,
        "selbsthilfe",
        "echte-zahlen.csv",
        "kommune;jahr;themenbereich;gruppen;neue_gruppen\n"
        "Echtstadt;2025;Sucht;12;1\n"
        f"{with_figures.name};2025;Echte Zahlen;7;0\n"
        f"{with_changed_figure.name};{year};{topic};{groups + 5};\n",
    )
    with demo_engine.connect() as connection:
        audit_before = connection.execute(
            select(AuditEntry.id, AuditEntry.action, AuditEntry.natural_key).order_by(AuditEntry.id)
        ).all()
        planned = plan_removal(connection)
        total_members = connection.execute(select(func.count()).select_from(Member)).scalar_one()
    assert planned.kept["members"] == 2  # the Kommunen with imported figures
    assert planned.removed["members"] == total_members - 5

    code, message = _cli(capsys, "demo", "--entfernen")

    assert code == 0, message
    assert message.startswith(f"Beispieldaten entfernt: {total_members - 5} Mitglieder, ")
    assert "Veranstaltungen" in message
    assert "Selbsthilfe-Zahlen" in message
    assert "Behalten, weil eigene Daten darauf verweisen: 2 Mitglieder" in message
    with demo_engine.connect() as connection:
        members = dict(connection.execute(select(Member.name, Member.population)).all())
        assert set(members) == {"Echtstadt", "Echtkreis", name, with_figures.name, with_changed_figure.name}
        assert members[name] == (population or 1000) + 1
        figures = set(
            connection.execute(
                select(Member.name, SelfHelpCount.year, SelfHelpCount.topic, SelfHelpCount.groups).join(Member)
            )
        )
        assert figures == {
            ("Echtstadt", 2025, "Sucht", 12),
            (with_figures.name, 2025, "Echte Zahlen", 7),
            (with_changed_figure.name, year, topic, groups + 5),
        }
        for model in (Event, EventAttendance, StandardAssessment, CouncilSeat, ReportSubmission):
            assert connection.execute(select(func.count()).select_from(model)).scalar_one() == 0, model
        networks_in_use = set(
            connection.execute(
                select(RegionalNetwork.name).join(Member, Member.regional_network_id == RegionalNetwork.id)
            ).scalars()
        )
        assert set(connection.execute(select(RegionalNetwork.name)).scalars()) == networks_in_use | {"Echtnetz"}
        assert not has_demo_rows(connection)
        assert not queries.dataset_facts(connection).is_demo  # the "Beispieldaten" badge is gone
        audit_after = connection.execute(
            select(AuditEntry.id, AuditEntry.action, AuditEntry.natural_key).order_by(AuditEntry.id)
        ).all()
        assert audit_after[: len(audit_before)] == audit_before  # history untouched, the imports' included
        assert {"Echtstadt", "Echtkreis", name} <= {row.natural_key for row in audit_after}
        (removal_entry,) = audit_after[len(audit_before) :]
        assert (removal_entry.action, removal_entry.natural_key) == ("delete", "*")
        source, table = connection.execute(
            select(AuditEntry.source, AuditEntry.table_name).where(AuditEntry.id == removal_entry.id)
        ).one()
        assert (source, table) == ("python -m data_access demo --entfernen", "demo")
        summary_groups = connection.execute(select(func.sum(SelfHelpCount.groups))).scalar_one()
    assert summary_groups == 12 + 7 + groups + 5

    code, message = _cli(capsys, "demo", "--entfernen")
    assert code == 1
    assert "enthält keine Beispieldaten; es wurde nichts gelöscht" in message


def test_an_edited_demo_row_loses_its_mark(demo_engine: Engine) -> None:
    """An update through the application (import or editor) makes a demo row a real one."""
    with demo_engine.connect() as connection:
        member = connection.execute(select(Member).order_by(Member.id).limit(1)).one()
    _import(
        demo_engine,
        "mitglieder",
        "korrektur.csv",
        MEMBER_HEADER + f"{member.name};{member.member_type};{member.state_code};{member.join_year};"
        f"{member.leave_year or ''};{(member.population or 1000) + 7};;\n",
    )
    with demo_engine.connect() as connection:
        marks = dict(connection.execute(select(Member.name, Member.demo)).all())
    assert marks[member.name] is False
    assert sum(marks.values()) == len(marks) - 1


def test_a_demo_row_a_file_confirms_unchanged_becomes_a_real_one(demo_engine: Engine) -> None:
    """A real member list that holds a Kommune exactly as the demo has it keeps that Kommune on removal."""
    with demo_engine.connect() as connection:
        exported = export_kind(connection, "mitglieder", "csv").decode("utf-8-sig")
    header, first = exported.splitlines()[:2]
    plan = import_file(demo_engine, "mitglieder", "bestaetigt.csv", f"{header}\n{first}\n".encode(), actor="steward")
    assert plan.accepted, list(plan.problems)
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 0, 1)
    with demo_engine.connect() as connection:
        marks = dict(connection.execute(select(Member.name, Member.demo)).all())
    confirmed = [name for name, is_demo in marks.items() if not is_demo]
    assert len(confirmed) == 1
    assert first.split(";")[0].strip('"') == confirmed[0]


def test_the_badge_goes_once_no_demo_row_is_left_even_without_a_removal(demo_engine: Engine) -> None:
    """Every demo row imported over (here: marked real the way an update marks it): no "Beispieldaten" badge."""
    from sqlalchemy import update

    from data_access.demo_removal import KIND_LABELS
    from data_access.models import Base

    with write_transaction(demo_engine) as connection:
        assert queries.dataset_facts(connection).is_demo
        for table in KIND_LABELS:
            model = Base.metadata.tables[table]
            connection.execute(update(model).where(model.c.demo.is_(True)).values(demo=False))
        assert not queries.dataset_facts(connection).is_demo


def test_removal_refuses_a_database_without_demo_rows(database_url: str, monkeypatch, capsys) -> None:
    prepare_database(database_url, demo_if_new=False).dispose()
    monkeypatch.setenv("DATABASE_URL", database_url)
    code, message = _cli(capsys, "demo", "--entfernen")
    assert code == 1
    assert message.strip() == "Nicht ausgeführt: Die Datenbank enthält keine Beispieldaten; es wurde nichts gelöscht."


@pytest.mark.parametrize("was_demo", [True, False])
def test_migration_0005_marks_the_rows_of_an_old_demo_database(database_url: str, was_demo: bool) -> None:
    """A database filled with demo data before the mark existed becomes removable; a real one stays unmarked."""
    from sqlalchemy import text

    from data_access.migrate import upgrade
    from tests.data_access.test_engine import engine_at_revision

    engine = engine_at_revision(database_url, "0004")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO members (name, member_type, state_code, join_year) "
                "VALUES ('Altstadt', 'Stadt', 'SH', 2001)"
            )
        )
        if was_demo:
            connection.execute(text("INSERT INTO dataset_info (key, value) VALUES ('demo', '1')"))
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(select(Member.demo)).scalar_one() is was_demo
        assert has_demo_rows(connection) is was_demo
    engine.dispose()
