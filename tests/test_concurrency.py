"""Many writers at once on SQLite: no "database is locked", no lost rows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import ProgrammingError

from data_access import queries
from data_access.engine import make_engine, write_transaction
from data_access.migrate import upgrade
from data_access.models import AuditEntry, Member, SelfHelpCount
from data_access.setup import prepare_database
from tests.conftest import build_small_network, new_database_url
from tests.importing_helpers import Workspace

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = 8
YEARS = range(2000, 2025)
TOPICS = ("Sucht", "Umwelt")


def test_eight_processes_importing_at_once_lose_nothing(tmp_path: Path, workspace: Workspace) -> None:
    members = "kommune;art;bundesland;beitritt\n" + "".join(
        f"Kommune {number};Stadt;NI;1995\n" for number in range(PROCESSES)
    )
    code, message = workspace.cli("import", "mitglieder", str(workspace.write("mitglieder.csv", members)))
    assert code == 0, message
    files = []
    for number in range(PROCESSES):
        rows = "".join(f"Kommune {number};{year};{topic};{year % 50 + 5};1\n" for year in YEARS for topic in TOPICS)
        files.append(
            workspace.write(f"selbsthilfe-{number}.csv", "kommune;jahr;themenbereich;gruppen;neue_gruppen\n" + rows)
        )
    environment = {**os.environ, "DATABASE_URL": workspace.url}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "data_access", "import", "selbsthilfe", str(path), "--user", f"prozess-{number}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number, path in enumerate(files)
    ]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for code, message in results:
        assert code == 0, message
        assert "locked" not in message
    per_file = len(YEARS) * len(TOPICS)
    engine = make_engine(workspace.url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(SelfHelpCount)).scalar_one() == PROCESSES * per_file
        writers = connection.execute(
            select(AuditEntry.actor, func.count())
            .where(AuditEntry.table_name == "self_help_counts")
            .group_by(AuditEntry.actor)
        ).all()
    engine.dispose()
    assert dict(writers) == {f"prozess-{number}": per_file for number in range(PROCESSES)}


@pytest.fixture
def postgres_network(tmp_path: Path) -> Iterator[Engine]:
    """The small network on a new PostgreSQL database (roles exist only there)."""
    urls = new_database_url("postgresql", tmp_path)
    engine = make_engine(next(urls))
    upgrade(engine)
    build_small_network(engine)
    yield engine
    engine.dispose()
    next(urls, None)  # drops the database


@pytest.mark.postgres
def test_a_read_only_role_can_view_but_not_write(postgres_network: Engine) -> None:
    small_network = postgres_network
    role = "gsn_viewer_" + small_network.url.database.removeprefix("gsn_test_")
    with small_network.begin() as connection:  # the statements the README gives for a viewer role
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{small_network.url.database}" TO "{role}"'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
    viewer_url = small_network.url.set(username=role).render_as_string(hide_password=False)
    try:
        viewer = prepare_database(viewer_url)  # the dashboard starts with it: nothing to migrate
        with viewer.connect() as connection:
            assert queries.filter_options(connection).members  # reading works
        with pytest.raises(ProgrammingError, match="permission denied"), write_transaction(viewer) as connection:
            connection.execute(insert(Member).values(name="X", member_type="Stadt", state_code="SH", join_year=2020))
        viewer.dispose()
    finally:
        with small_network.begin() as connection:
            connection.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
            connection.execute(text(f'REVOKE ALL ON SCHEMA public FROM "{role}"'))
            connection.execute(text(f'REVOKE ALL ON DATABASE "{small_network.url.database}" FROM "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
