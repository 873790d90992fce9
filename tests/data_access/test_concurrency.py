"""Many writers at once, in separate processes, on SQLite and on PostgreSQL.

No crash, no "database is locked", no lost row, no row stored twice, no audit entry
missing or doubled, and no more password guesses checked than the limit allows.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from data_access import queries
from data_access.accounts import MAX_FAILED_LOGINS, add_account
from data_access.engine import DatabaseReadOnlyError, make_engine, write_transaction
from data_access.importing.plan import import_file
from data_access.migrate import upgrade
from data_access.models import AuditEntry, DatasetInfo, Event, EventSummary, LoginAttempt, Member, SelfHelpCount
from data_access.setup import prepare_database
from domain.filter import DashboardFilter

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8
YEARS = range(2000, 2025)
TOPICS = ("Sucht", "Umwelt")
PASSWORD = "richtig-langes-passwort"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database of the parametrised backend with members Kommune 0 … 7."""
    engine = make_engine(database_url)
    upgrade(engine)
    members = "kommune;art;bundesland;beitritt\n" + "".join(
        f"Kommune {number};Stadt;NI;1995\n" for number in range(PROCESSES)
    )
    assert import_file(engine, "mitglieder", "mitglieder.csv", members.encode(), actor="test").accepted
    yield engine
    engine.dispose()


def run_at_once(url: str, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Start every ``python -m data_access`` command at once, each its own process; exit codes and stderr."""
    environment = {**os.environ, "DATABASE_URL": url}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "data_access", *command],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    return [(run.wait(timeout=180), run.stderr.read()) for run in runs]


def count(engine: Engine, statement) -> int:
    with engine.connect() as connection:
        return connection.execute(statement).scalar_one()


def test_eight_processes_importing_different_files_at_once_lose_nothing(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    """Each process writes its own rows, the "Stand" and the summaries: all finish, nothing is lost."""
    commands = []
    for number in range(PROCESSES):
        rows = "".join(f"Kommune {number};{year};{topic};{year % 50 + 5};1\n" for year in YEARS for topic in TOPICS)
        path = tmp_path / f"selbsthilfe-{number}.csv"
        path.write_text("kommune;jahr;themenbereich;gruppen;neue_gruppen\n" + rows, encoding="utf-8")
        commands.append(["import", "selbsthilfe", str(path), "--user", f"prozess-{number}"])
    for code, message in run_at_once(database_url, commands):
        assert code == 0, message
        assert "Traceback" not in message, message
        assert "locked" not in message, message
    per_file = len(YEARS) * len(TOPICS)
    assert count(engine, select(func.count()).select_from(SelfHelpCount)) == PROCESSES * per_file
    with engine.connect() as connection:
        writers = connection.execute(
            select(AuditEntry.actor, func.count())
            .where(AuditEntry.table_name == "self_help_counts")
            .group_by(AuditEntry.actor)
        ).all()
        groups = queries.self_help_by_year(connection, DashboardFilter())["groups"].sum()
        stand = connection.execute(select(func.count()).select_from(DatasetInfo).where(DatasetInfo.key == "stand"))
        assert stand.scalar_one() == 1
    assert dict(writers) == {f"prozess-{number}": per_file for number in range(PROCESSES)}
    assert groups == PROCESSES * sum(year % 50 + 5 for year in YEARS for _ in TOPICS)  # summary not doubled


def test_four_processes_importing_the_same_new_file_store_each_event_once(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    rows = [
        f"Kommune {number % PROCESSES};Fachtag;Fachtag Nr. {number};0{number % 9 + 1}.03.2024;{number}"
        for number in range(60)
    ]
    rows += [f";Mitgliederversammlung;Versammlung {year};12.06.{year};80" for year in range(2015, 2025)]
    path = tmp_path / "veranstaltungen.csv"
    path.write_text("kommune;art;titel;beginn;teilnehmende\n" + "\n".join(rows) + "\n", encoding="utf-8")
    results = run_at_once(database_url, [["import", "veranstaltungen", str(path)]] * 4)
    for code, message in results:
        assert code == 0, message
        assert "Traceback" not in message, message
    assert sum("70 neu" in message for _, message in results) == 1  # one wins ...
    assert sum("70 unverändert" in message for _, message in results) == 3  # ... the others find its rows
    assert count(engine, select(func.count()).select_from(Event)) == len(rows)
    assert count(engine, select(func.sum(EventSummary.event_count))) == len(rows)
    inserts = select(func.count()).where(AuditEntry.table_name == "events", AuditEntry.action == "insert")
    assert count(engine, inserts) == len(rows)


def test_the_database_refuses_a_second_event_with_the_same_key(engine: Engine) -> None:
    """The import key is enforced by a unique index, also for network-wide events (no member)."""
    event = {"event_type": "Symposium", "title": "Symposium 2024", "start_date": datetime.date(2024, 6, 1)}
    for member_id in (None, 1):
        with write_transaction(engine) as connection:
            connection.execute(insert(Event).values(member_id=member_id, **event))
        with pytest.raises(IntegrityError), write_transaction(engine) as connection:
            connection.execute(insert(Event).values(member_id=member_id, **event))
    assert count(engine, select(func.count()).select_from(Event)) == 2


@pytest.mark.parametrize("name", ["kiel-pflege", "niemand-mit-diesem-namen"])
def test_thirty_wrong_passwords_at_once_check_at_most_the_limit(engine: Engine, database_url: str, name: str) -> None:
    """Thirty attempts from three processes at the same moment: exactly the limit is checked, the rest refused.

    The same for a name that has no account, so the answers do not tell whether it exists.
    """
    add_account(engine, "kiel-pflege", PASSWORD, "editor", None, actor="test")
    start_at = time.time() + 4  # every process has started and connected by then
    environment = {**os.environ, "DATABASE_URL": database_url}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrent_logins", database_url, name, "10", str(start_at)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outcomes = []
    for run in runs:
        output, errors = run.communicate(timeout=120)
        assert run.returncode == 0, errors
        outcomes += output.split()
    assert len(outcomes) == 30
    assert outcomes.count("checked") == MAX_FAILED_LOGINS, outcomes
    assert outcomes.count("locked") == 30 - MAX_FAILED_LOGINS, outcomes
    with engine.connect() as connection:
        failures, locked_until = connection.execute(
            select(LoginAttempt.failures, LoginAttempt.locked_until).where(LoginAttempt.name == name)
        ).one()
    assert failures == MAX_FAILED_LOGINS
    assert locked_until > time.time() + 30  # locked for the first minute


@pytest.mark.postgres
def test_a_read_only_role_can_view_but_not_write(viewer_url: str) -> None:
    viewer = prepare_database(viewer_url)  # the dashboard starts with it: nothing to migrate, no write lock
    with viewer.connect() as connection:
        assert queries.filter_options(connection).members  # reading works
    with pytest.raises(DatabaseReadOnlyError, match="nur lesen"), write_transaction(viewer) as connection:
        connection.execute(insert(Member).values(name="X", member_type="Stadt", state_code="SH", join_year=2020))
    viewer.dispose()
