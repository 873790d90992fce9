"""Shared fixtures: throwaway databases on SQLite and PostgreSQL, the hand-made small network.

Tests own their data: every database here is created for the test (a temporary SQLite
file, or a new PostgreSQL database named ``gsn_test_…`` that is dropped afterwards) and
``data/gsn.sqlite`` is never touched.
"""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine, write_transaction
from data_access.migrate import upgrade
from data_access.models import (
    Event,
    Member,
    RegionalNetwork,
    SelfHelpCount,
    StandardAssessment,
)
from data_access.setup import prepare_database
from data_access.summary import (
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
)
from tests.importing_helpers import BASE_MEMBERS, Workspace

ROOT = Path(__file__).resolve().parent.parent

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may reach the developer's database: DATABASE_URL points into tmp by default."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'isolated.sqlite'}")


def new_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a brand-new empty database of ``backend``; drop it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'gsn-{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL-Tests brauchen TEST_DATABASE_URL (setzt .ci/run)")
    name = f"gsn_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def allow_connections(admin: Engine, database: str, allowed: bool) -> None:
    """Let a PostgreSQL database accept connections again, or refuse them and end the open ones (an outage)."""
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}'))
        if not allowed:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": database},
            )


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Parametrises a test over SQLite and PostgreSQL."""
    return request.param


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A new empty database (not yet migrated) on the parametrised backend."""
    yield from new_database_url(backend, tmp_path)


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a new database with the full schema."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def build_small_network(engine: Engine) -> None:
    """Insert the hand-made network whose figures the query tests state by hand.

    Members (population, network): Kiel (Stadt, SH, 2002–, 250,000, Nord),
    Kreis Segeberg (Landkreis, SH, 2002–, 280,000, Nord), München (Stadt, BY, 1989–,
    1,500,000, Bayern), Rosenheim (Stadt, BY, 2007–2019, 64,000, Bayern),
    Herne (Stadt, NW, 1990–, 157,000), Saerbeck (Gemeinde, NW, 2020–, no population).
    """
    with write_transaction(engine) as connection:
        connection.execute(insert(RegionalNetwork), [{"id": 1, "name": "Nord"}, {"id": 2, "name": "Bayern"}])
        members = [
            (1, "Kiel", "Stadt", "SH", 2002, None, 250_000, 1),
            (2, "Kreis Segeberg", "Landkreis", "SH", 2002, None, 280_000, 1),
            (3, "München", "Stadt", "BY", 1989, None, 1_500_000, 2),
            (4, "Rosenheim", "Stadt", "BY", 2007, 2019, 64_000, 2),
            (5, "Herne", "Stadt", "NW", 1990, None, 157_000, None),
            (6, "Saerbeck", "Gemeinde", "NW", 2020, None, None, None),
        ]
        connection.execute(
            insert(Member),
            [
                dict(
                    zip(
                        ("id", "name", "member_type", "state_code", "join_year", "leave_year", "population"),
                        row[:7],
                        strict=True,
                    ),
                    regional_network_id=row[7],
                    latitude=None,
                    longitude=None,
                    contact_point=None,
                )
                for row in members
            ],
        )
        day = datetime.date
        events = [
            (1, "Gesundheitswoche", "GW 2020", day(2020, 3, 2), 1000, 100, 20),
            (1, "Gesundheitswoche", "GW 2021", day(2021, 3, 1), 1200, 120, 25),
            (5, "Gesundheitskonferenz", "Konferenz 2020", day(2020, 11, 5), 80, 5, 30),
            (None, "Mitgliederversammlung", "MV 2020", day(2020, 6, 12), 100, None, None),
            (3, "Fachtag", "Fachtag 2021", day(2021, 5, 5), 50, None, None),
            (2, "Selbsthilfetag", "SHT 2021", day(2021, 9, 9), 500, None, 40),
        ]
        connection.execute(
            insert(Event),
            [
                dict(
                    zip(
                        ("member_id", "event_type", "title", "start_date", "participants", "sessions", "partners"),
                        row,
                        strict=True,
                    ),
                    end_date=None,
                    event_format="Präsenz",
                )
                for row in events
            ],
        )
        connection.execute(
            insert(SelfHelpCount),
            [
                {"member_id": 1, "year": 2020, "topic": "Sucht", "groups": 10, "new_groups": 1},
                {"member_id": 1, "year": 2020, "topic": "Eltern und Kind", "groups": 5, "new_groups": 0},
                {"member_id": 1, "year": 2021, "topic": "Sucht", "groups": 12, "new_groups": 2},
                {"member_id": 5, "year": 2020, "topic": "Sucht", "groups": 20, "new_groups": None},
                {"member_id": 6, "year": 2020, "topic": "Sucht", "groups": 3, "new_groups": 1},
            ],
        )
        kiel_2019 = ["erfüllt"] * 5 + ["teilweise"] * 2 + ["nicht erfüllt"] * 2
        assessments = [
            {"member_id": 1, "year": 2019, "criterion_number": number, "status": status}
            for number, status in enumerate(kiel_2019, start=1)
        ]
        assessments += [
            {"member_id": 1, "year": 2021, "criterion_number": number, "status": "erfüllt"} for number in range(1, 10)
        ]
        assessments += [
            {"member_id": 5, "year": 2019, "criterion_number": number, "status": "erfüllt"} for number in (1, 2, 3)
        ]
        connection.execute(insert(StandardAssessment), assessments)
        refresh_event_summary(connection)
        refresh_self_help_summaries(connection)
        refresh_standard_summary(connection)
        mark_changed(connection, datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC))
        if connection.dialect.name == "postgresql":
            # Explicit ids above: move the sequences past them for later inserts.
            for table in ("regional_networks", "members"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )


@pytest.fixture
def small_network(migrated_engine: Engine) -> Engine:
    """An engine on a new database holding the hand-made small network."""
    build_small_network(migrated_engine)
    return migrated_engine


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


@pytest.fixture
def viewer_url(postgres_network: Engine) -> Iterator[str]:
    """The URL of a role made with the README's statements for a read-only dashboard."""
    role = "gsn_viewer_" + postgres_network.url.database.removeprefix("gsn_test_")
    database = postgres_network.url.database
    with postgres_network.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
    yield postgres_network.url.set(username=role).render_as_string(hide_password=False)
    with postgres_network.begin() as connection:
        connection.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
        connection.execute(text(f'REVOKE ALL ON SCHEMA public FROM "{role}"'))
        connection.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM "{role}"'))
        connection.execute(text(f'DROP ROLE "{role}"'))


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Workspace:
    """A command-line workspace whose database holds three members (Kiel, Herne, Gießen)."""
    space = Workspace(tmp_path, monkeypatch, capsys)
    code, message = space.cli("init", "--leer")  # only init creates a database file
    assert code == 0, message
    path = space.write("basis.csv", BASE_MEMBERS)
    code, message = space.cli("import", "mitglieder", str(path))
    assert code == 0, message
    return space


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """A page test starts with empty Streamlit caches (engine, data and views) and leaves none behind."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One demo database for the read-only page tests of this module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'demo.sqlite'}"
    prepare_database(url).dispose()  # a new file: migrated and filled with demo data
    return url


@pytest.fixture
def demo_url(demo_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", demo_database)
    return demo_database


def open_lazy_parts(app, suffixes: tuple[str, ...] = ("_panel",)) -> None:
    """Open every part of an AppTest page that builds its content only when opened, and rerun.

    "Daten zum Diagramm" panels (keys ending ``_panel``) and "Als Bild" menus (``_menu``).
    """
    lazy = [key for key in app.session_state if str(key).endswith(suffixes)]
    for key in lazy:
        app.session_state[key] = True
    if lazy:
        app.run()
        assert not app.exception, app.exception


def run_query(url: str, function, *arguments):
    engine = make_engine(url)
    with engine.connect() as connection:
        result = function(connection, *arguments)
    engine.dispose()
    return result


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test module (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from tests.served import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    assert dialogs == [], f"the page opened a dialog: {dialogs}"
    assert page.locator("[data-testid='stException']").count() == 0
    context.close()


def first_run(**params: str | list[str]) -> AppTest:
    """The first run of a link to the dashboard with ``params`` (its start page), without an exception."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.query_params.update(params)
    app.run()
    assert not app.exception, app.exception
    return app


def warnings_of(app: AppTest) -> list[str]:
    """The texts of the page's warnings (notices such as an ignored URL value)."""
    return [warning.value for warning in app.warning]


def page_app(name: str, timeout: float = 30, **params: str | list[str]) -> AppTest:
    """Open ``app_pages/<name>.py`` as a browser would: through ``dashboard.py``, ``params`` in the URL.

    Pages get their Scope from the entry script, so every page test runs the entry
    script first (the default page), then switches, as a click in the navigation does.
    """
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    app.switch_page(f"app_pages/{name}.py").run()
    return app
