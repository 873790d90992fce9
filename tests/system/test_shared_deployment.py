"""The shared deployment in trouble: a held write lock, a missing file, an outage, a read-only role.

- Reading and checking a file, exporting and migrating a current database take no write
  lock; a write that cannot get it says so in German, never "database is locked".
- Only ``init`` creates a SQLite file; a file moved away and back is never replaced by an
  empty one.
- An editor meets the same German message as a viewer when the database is gone, without
  host or port, keeps the login, and the page recovers by itself.
- On a read-only role every login gets the same German answer, and no login is offered.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from data_access.accounts import READ_ONLY_LOGIN, AccountError, add_account, authenticate
from data_access.engine import DatabaseUnavailableError, make_engine, read_connection
from data_access.setup import prepare_database
from tests.conftest import POSTGRES_URL, allow_connections, new_database_url
from tests.importing_helpers import Workspace
from tests.pages.test_data_pages import PASSWORD, signed_in
from ui import data
from ui.auth import ACCOUNT_KEY

ROOT = Path(__file__).resolve().parents[2]
NEW_EVENT = "kommune;art;titel;beginn\nKiel;Fachtag;Fachtag im Lock;05.05.2024\n"


@pytest.fixture
def held_write_lock(workspace: Workspace) -> Iterator[sqlite3.Connection]:
    """Another process's writer holding SQLite's write lock (as a long import used to, for its whole parse)."""
    path = workspace.directory / "workspace.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_export_dry_run_and_a_rejected_file_need_no_write_lock(
    workspace: Workspace, held_write_lock: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("data_access.engine.WRITE_WAIT_SECONDS", 0.5)
    code, message = workspace.cli("export", "mitglieder")
    assert code == 0, message
    assert "Kiel;Stadt" in workspace.output
    code, message = workspace.cli("import", "veranstaltungen", str(workspace.write("neu.csv", NEW_EVENT)), "--dry-run")
    assert code == 0, message
    assert "Beim Import: 1 neu" in message
    bad = workspace.write("schlecht.csv", "kommune;art;titel;beginn\nAtlantis;Fachtag;X;05.05.2024\n")
    code, message = workspace.cli("import", "veranstaltungen", str(bad))
    assert code == 1
    assert "Zeile 2, Spalte „kommune“, Wert „Atlantis“" in message  # checked in full while the lock was held


def test_a_write_that_cannot_get_the_lock_says_so_in_german(
    workspace: Workspace, held_write_lock: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("data_access.engine.SQLITE_BUSY_TIMEOUT_MILLISECONDS", 500)
    monkeypatch.setattr("data_access.engine.WRITE_WAIT_SECONDS", 0.5)
    before = workspace.export("veranstaltungen")
    code, message = workspace.cli("import", "veranstaltungen", str(workspace.write("neu.csv", NEW_EVENT)))
    assert code == 1
    assert "durch einen anderen Schreibvorgang belegt" in message
    assert "locked" not in message
    assert "Traceback" not in message
    held_write_lock.execute("ROLLBACK")
    held_write_lock.execute("BEGIN IMMEDIATE")  # the fixture's teardown rolls back again
    assert workspace.export("veranstaltungen") == before


def test_only_init_creates_a_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    space = Workspace(tmp_path, monkeypatch, capsys)
    path = tmp_path / "workspace.sqlite"
    for command in (
        ["export", "mitglieder"],
        ["user", "list"],
        ["import", "mitglieder", str(space.write("m.csv", ""))],
    ):
        code, message = space.cli(*command)
        assert code == 1
        assert f"Die Datenbankdatei {path} gibt es nicht. Anlegen mit: python -m data_access init" in message
        assert not path.exists()
    assert space.cli("init", "--leer")[0] == 0
    assert path.exists()
    assert space.cli("export", "mitglieder")[0] == 0
    assert space.output.startswith("\ufeffkommune;art;bundesland")


def test_a_file_moved_away_replaced_or_back_is_followed_and_never_recreated(tmp_path: Path) -> None:
    """Pooled connections keep the file they opened: they must notice when the path holds another file or none."""
    path = tmp_path / "gsn.sqlite"
    engine = prepare_database(f"sqlite:///{path}")  # a new file: created with demo data

    def members() -> int:
        with read_connection(engine) as connection:
            return connection.execute(text("SELECT count(*) FROM members")).scalar_one()

    demo_members = members()  # a pooled connection now holds the file open
    empty = tmp_path / "leer.sqlite"
    prepare_database(f"sqlite:///{empty}", demo_if_new=False).dispose()
    moved = tmp_path / "weg.sqlite"
    shutil.move(path, moved)
    with pytest.raises(DatabaseUnavailableError):
        members()
    assert not path.exists()  # nothing created in its place
    shutil.copy(empty, path)  # e.g. a restored backup moved into place
    assert members() == 0
    path.unlink()
    shutil.move(moved, path)
    assert members() == demo_members
    engine.dispose()


@pytest.fixture
def outage(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, object]]:
    """A dashboard database and a switch that takes it away (PostgreSQL: refuse connections; SQLite: move the file)."""
    urls = new_database_url(backend, tmp_path)
    url = next(urls)
    prepare_database(url).dispose()  # SQLite: demo data; PostgreSQL: empty but migrated
    monkeypatch.setenv("DATABASE_URL", url)
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT") if backend == "postgresql" else None
    path = make_url(url).database

    def available(allowed: bool) -> None:
        if admin is None:
            data.engine().dispose()  # a pooled connection would keep reading the moved file
            shutil.move(path, path + ".weg") if not allowed else shutil.move(path + ".weg", path)
            return
        allow_connections(admin, path, allowed)

    try:
        yield url, available
    finally:
        if admin is not None:
            available(True)
            admin.dispose()
        st.cache_resource.clear()
        next(urls, None)


@pytest.mark.usefixtures("fresh_caches")
def test_an_editor_meets_an_outage_with_a_german_message_and_keeps_the_login(outage: tuple[str, object]) -> None:
    url, available = outage
    account = signed_in(url, "geschaeftsstelle")
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.session_state[ACCOUNT_KEY] = account
    app.run()
    app.switch_page("app_pages/daten.py").run()
    assert app.get("file_uploader")
    available(False)
    data.clear_caches()  # as after the ttl
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Datenbank nicht erreichbar"
    shown = " ".join(str(element.value) for element in [*app.title, *app.error, *app.markdown, *app.caption])
    for secret in ("127.0.0.1", "5432", "gsn_test_", "sqlite", "psycopg", "Traceback"):
        assert secret not in shown
    assert app.session_state[ACCOUNT_KEY] == account  # the login is kept for when the database is back
    available(True)
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Daten: Import"
    assert app.get("file_uploader")  # still logged in, no new login needed


@pytest.mark.postgres
def test_every_login_on_a_read_only_role_gets_the_same_german_answer(postgres_network: Engine, viewer_url: str) -> None:
    add_account(postgres_network, "geschaeftsstelle", PASSWORD, "admin", None, actor="test")
    viewer = make_engine(viewer_url)
    answers = set()
    for name, password in (("geschaeftsstelle", PASSWORD), ("geschaeftsstelle", "falsch"), ("niemand", "x")):
        with pytest.raises(AccountError) as refused:
            authenticate(viewer, name, password)
        answers.add(str(refused.value))
    viewer.dispose()
    assert answers == {READ_ONLY_LOGIN}


@pytest.mark.postgres
@pytest.mark.usefixtures("fresh_caches")
def test_a_read_only_dashboard_offers_no_login(
    postgres_network: Engine, viewer_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", viewer_url)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Überblick"
    assert not app.sidebar.get("page_link")  # no "Anmelden (Datenpflege)"
    app.switch_page("app_pages/daten.py").run()
    assert not app.exception, app.exception
    assert READ_ONLY_LOGIN in [element.value for element in app.info]
    assert not app.text_input  # no form that could only fail
    st.cache_resource.clear()


def test_sums_beyond_32_bits_are_stored_and_read_on_both_databases(migrated_engine: Engine) -> None:
    """Every event within the per-row maximum, their sum beyond PostgreSQL's integer (2,147,483,647)."""
    from data_access import queries
    from data_access.importing.plan import import_file
    from domain.filter import DashboardFilter

    members = "kommune;art;bundesland;beitritt\nKiel;Stadt;SH;2002\n"
    assert import_file(migrated_engine, "mitglieder", "m.csv", members.encode(), actor="test").accepted
    count = 21_475
    rows = "".join(f"Kiel;Fachtag;Fachtag {number};05.05.2024;100000\n" for number in range(count))
    content = ("kommune;art;titel;beginn;teilnehmende\n" + rows).encode()
    plan = import_file(migrated_engine, "veranstaltungen", "viele.csv", content, actor="test")
    assert plan.accepted, plan.problems
    with read_connection(migrated_engine) as connection:
        totals = queries.event_counts_by_year_and_type(connection, DashboardFilter())
    assert int(totals["participants"].sum()) == count * 100_000 > 2**31


@pytest.mark.parametrize(
    "url",
    ["foo://bar", "mysql://x@localhost/y", "postgresql://u@h:abc/x", "sqlite:///", "kein url"],
)
def test_a_database_url_that_cannot_work_is_a_german_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, url: str
) -> None:
    space = Workspace(tmp_path, monkeypatch, capsys)
    monkeypatch.setenv("DATABASE_URL", url)
    code, message = space.cli("export", "mitglieder")
    assert code == 2
    assert message.startswith("Fehler beim Aufruf: DATABASE_URL (bzw. [database] url in secrets.toml) ist ungültig.")


def test_files_that_are_no_database_or_no_target_get_german_messages(workspace: Workspace, monkeypatch) -> None:
    code, message = workspace.cli("export", "mitglieder", "-o", str(workspace.directory))
    assert (code, message.strip()) == (
        1,
        f"Nicht ausgeführt: Die Datei {workspace.directory} kann nicht geschrieben werden: das ist ein Ordner.",
    )
    not_a_database = workspace.write("tabelle.csv", "kommune;art\n" * 1000)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{not_a_database}")
    code, message = workspace.cli("export", "mitglieder")
    assert code == 1
    assert "Die Datei ist keine (intakte) SQLite-Datenbank" in message
