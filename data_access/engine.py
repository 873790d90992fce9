"""Where the database is, and how connections to it behave.

One SQLAlchemy URL decides the database (DESIGN.md "Data"): ``DATABASE_URL`` from the
environment, else ``[database] url`` in ``.streamlit/secrets.toml``, else the embedded
SQLite file ``data/gsn.sqlite``.

SQLite gets WAL (readers never wait for a writer), foreign keys, a 10 s busy timeout,
and writes that start with ``BEGIN IMMEDIATE``. Why the last one: a deferred
transaction that reads first and writes later must upgrade its lock, and when two
processes do that at once SQLite cannot wait, it fails with "database is locked" at
once. Measured elsewhere on this machine: 350 of 400 concurrent write transactions from
8 processes failed that way with deferred transactions, none with ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "gsn.sqlite"
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
SQLITE_BUSY_TIMEOUT_MILLISECONDS = 10_000
WRITE_OPTION = "gsn_write"


def database_url(environment: dict[str, str] | None = None, secrets_path: Path = SECRETS_PATH) -> str:
    """Return the configured SQLAlchemy URL (environment, then secrets file, then default).

    A plain ``postgresql://`` URL is rewritten to the psycopg 3 driver, the only
    PostgreSQL driver this project installs.
    """
    environment = os.environ if environment is None else environment
    url = environment.get("DATABASE_URL", "").strip()
    if not url and secrets_path.is_file():
        with secrets_path.open("rb") as secrets_file:
            url = str(tomllib.load(secrets_file).get("database", {}).get("url", "")).strip()
    if not url:
        url = f"sqlite:///{DEFAULT_DATABASE_PATH}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`) with this project's settings."""
    url = url or database_url()
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=path is None)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Let SQLAlchemy emit BEGIN itself, so that writes can say BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _connection_record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # the driver must not issue its own BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MILLISECONDS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """Yield a connection inside one write transaction; commit on success, roll back on error.

    Every write of the application goes through here, so on SQLite every write holds
    the write lock from its first statement (``BEGIN IMMEDIATE``) and concurrent writers
    queue on the busy timeout instead of failing.
    """
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection, connection.begin():
        yield connection


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached (server down, network gone, file unreadable).

    Raised instead of the driver's error so that the UI can say so in German without
    importing SQLAlchemy, and try again on the next rerun.
    """


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """Yield a connection for reading (one deferred transaction, rolled back at the end).

    Connection failures, also in the middle of a query, become :class:`DatabaseUnavailableError`.
    """
    try:
        with engine.connect() as connection:
            yield connection
    except (OperationalError, InterfaceError) as error:
        raise DatabaseUnavailableError(str(error.orig or error)) from error
