"""Where the database is, and how connections to it behave.

One SQLAlchemy URL decides the database (DESIGN.md "Data"): ``DATABASE_URL`` from the
environment, else ``[database] url`` in ``.streamlit/secrets.toml``, else the embedded
SQLite file ``data/gsn.sqlite``.

SQLite gets WAL (readers never wait for a writer), foreign keys, a 10 s busy timeout,
and writes that start with ``BEGIN IMMEDIATE``; PostgreSQL writes queue on an advisory
lock (see :func:`write_transaction`). Why the last one: a deferred
transaction that reads first and writes later must upgrade its lock, and when two
processes do that at once SQLite cannot wait, it fails with "database is locked" at
once. With deferred transactions most concurrent writes from several processes failed
that way, with ``BEGIN IMMEDIATE`` none (measured once, not re-measured by a bench;
``tests/data_access/test_concurrency.py`` checks that no writer sees "database is locked").
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, InterfaceError, OperationalError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "gsn.sqlite"
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
SQLITE_BUSY_TIMEOUT_MILLISECONDS = 10_000
WRITE_OPTION = "gsn_write"
WRITE_WAIT_SECONDS = 10.0
"""How long a writer waits for another one before giving up with a German message (both databases)."""
WRITE_LOCK_KEY = 4_711_1990
"""PostgreSQL advisory lock id that queues writers (any constant shared by all processes)."""


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
    parsed = _parsed(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`) with this project's settings.

    ``create=False`` opens an existing SQLite file only (SQLite's ``mode=rw``): a file that
    was moved away or deleted makes connections fail (the page says the database is not
    reachable and recovers when the file is back) instead of silently starting an empty
    database beside the real one. Only ``init`` and the very first start create a file.
    """
    url = url or database_url()
    path = _checked_location(url)
    if path is not None:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            url = make_url(url).set(database=f"{path.resolve().as_uri()}?mode=rw", query={"uri": "true"})
    try:
        engine = create_engine(url, pool_pre_ping=path is None)
    except (ArgumentError, ValueError, ImportError) as error:  # NoSuchModuleError is an ArgumentError
        raise DatabaseConfigurationError(f"{CONFIGURATION_HINT} ({type(error).__name__}: {error})") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Let SQLAlchemy emit BEGIN itself (so that writes can say BEGIN IMMEDIATE), and notice a replaced file."""
    path = engine_file(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # the driver must not issue its own BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MILLISECONDS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
        connection_record.info["file"] = _file_identity(path)
        connection_record.info["busy_timeout"] = SQLITE_BUSY_TIMEOUT_MILLISECONDS

    @event.listens_for(engine, "checkout")
    def _on_checkout(_dbapi_connection, connection_record, _proxy) -> None:  # noqa: ANN001
        # An open connection keeps reading and writing the file it opened, even after that
        # file was deleted or replaced (a restored backup moved into place): writes were
        # reported as done and went into a deleted file. A pooled connection whose file is
        # no longer the one at the path is dropped; the pool opens the path anew (and fails,
        # with the German outage message, when nothing is there).
        if path is not None and _file_identity(path) != connection_record.info.get("file"):
            raise DisconnectionError("Die Datenbankdatei wurde entfernt oder ersetzt.")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        wait = connection.get_execution_options().get(WRITE_OPTION)
        timeout = int(wait * 1000) if wait else SQLITE_BUSY_TIMEOUT_MILLISECONDS
        if connection.info.get("busy_timeout") != timeout:  # only when a writer waits otherwise (or did)
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {timeout}")
            connection.info["busy_timeout"] = timeout
        connection.exec_driver_sql(f"BEGIN {'IMMEDIATE' if wait else 'DEFERRED'}")


def _file_identity(path: Path | None) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, None when there is none: the same path, another file, differs."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached (server down, network gone, file unreadable or missing).

    Raised instead of the driver's error so that the UI can say so in German without
    importing SQLAlchemy, and try again on the next rerun. The message is the driver's
    (host, port, path): for logs, never for a page.
    """


class DatabaseConfigurationError(DatabaseUnavailableError):
    """The configured database URL cannot work (unknown kind, no file, bad port); the message is German.

    A kind of unavailability: the pages show their outage message (a viewer cannot fix a
    configuration), the command line says what is wrong.
    """


CONFIGURATION_HINT = (
    "DATABASE_URL (bzw. [database] url in secrets.toml) ist ungültig. Unterstützt werden SQLite "
    "(sqlite:///pfad/zur/datei.sqlite) und PostgreSQL (postgresql://benutzer@rechner/datenbank)"
)


def _parsed(url: str) -> URL:
    """``url`` parsed; DatabaseConfigurationError when it is no URL at all (or has a port like "abc")."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseConfigurationError(f"{CONFIGURATION_HINT}.") from None


def _checked_location(url: str) -> Path | None:
    """The SQLite file of ``url`` (None for PostgreSQL); DatabaseConfigurationError for any other URL."""
    backend = _parsed(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseConfigurationError(f"{CONFIGURATION_HINT}; angegeben ist „{backend}“.")
    path = sqlite_path(url)
    if backend == "sqlite" and path is None:
        raise DatabaseConfigurationError(f"{CONFIGURATION_HINT}; die SQLite-Adresse nennt keine Datei.")
    return path


class DatabaseBusyError(DatabaseUnavailableError):
    """Another writer held the write lock longer than a writer waits; the message is German.

    Nothing was written. Shown as it is (command line, pages): "database is locked" never
    reaches a person raw. A kind of unavailability, so every place that waits for the
    database to come back (the pages' retry) handles it too.
    """


class DatabaseReadOnlyError(RuntimeError):
    """This connection may only read (a viewer role on PostgreSQL, a read-only SQLite file); German message."""


READ_ONLY_MESSAGE = "Diese Instanz des Dashboards darf die Datenbank nur lesen; Änderungen sind hier nicht möglich."
BUSY_MESSAGE = (
    "Die Datenbank ist gerade durch einen anderen Schreibvorgang belegt (z. B. einen großen Import). "
    "Es wurde nichts geschrieben; bitte in einer Minute erneut versuchen."
)
_POSTGRES_BUSY_STATES = {"55P03", "40001", "40P01"}  # lock timeout, serialization failure, deadlock


def _translated(error: DBAPIError) -> Exception | None:
    """The project's error for a driver error (read-only, broken file, busy, unavailable); None to re-raise it.

    Errors of a statement itself (a unique key, a bad value) are not the database's state
    and stay what they are.
    """
    original = error.orig
    state = getattr(original, "sqlstate", None)
    text = str(original or error).lower()
    if state == "42501" or "readonly database" in text:  # insufficient privilege
        return DatabaseReadOnlyError(READ_ONLY_MESSAGE)
    if "file is not a database" in text or "database disk image is malformed" in text:
        return DatabaseUnavailableError(
            "Die Datei ist keine (intakte) SQLite-Datenbank; bitte DATABASE_URL prüfen oder eine Sicherung einspielen."
        )
    if not isinstance(error, (OperationalError, InterfaceError)):
        return None
    if state in _POSTGRES_BUSY_STATES or "database is locked" in text or "database is busy" in text:
        return DatabaseBusyError(BUSY_MESSAGE)
    return DatabaseUnavailableError(str(original or error))


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Raise the project's error (see :func:`_translated`) for a driver error inside the block."""
    try:
        yield
    except DBAPIError as error:
        translated = _translated(error)
        if translated is None:
            raise
        raise translated from error


@contextmanager
def write_transaction(
    engine: Engine, *, serialised: bool = True, wait_seconds: float | None = None
) -> Iterator[Connection]:
    """Yield a connection inside one write transaction; commit on success, roll back on error.

    Every write of the application goes through here, and on both databases writers
    queue, one at a time, waiting at most ``wait_seconds`` (default ``WRITE_WAIT_SECONDS``;
    then :class:`DatabaseBusyError`):
    - SQLite: ``BEGIN IMMEDIATE`` takes the write lock at the first statement;
    - PostgreSQL: the first statement takes one transaction-level advisory lock
      (``WRITE_LOCK_KEY``). Why: every import is "read what is there, then insert or
      update by key", refreshes summary tables by delete-and-insert and creates networks
      by name; under READ COMMITTED two such writers interleave, and did (duplicate
      events, a crashed "Stand" write, summaries counted twice). Writes are few and short
      (the file is read and checked before, outside the lock), so queueing costs nothing a
      person notices; the unique constraints on every import key are the backstop.
    ``serialised=False`` skips the advisory lock for a single atomic statement that needs
    no queue (the failed-login counter), so a login never waits for an import on PostgreSQL.
    Driver errors become :class:`DatabaseBusyError` or :class:`DatabaseUnavailableError`.
    """
    wait_seconds = wait_seconds or WRITE_WAIT_SECONDS
    with (
        _translated_errors(),
        engine.connect().execution_options(**{WRITE_OPTION: wait_seconds}) as connection,
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(wait_seconds * 1000)}ms'")
            if serialised:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        yield connection


def is_writable(engine: Engine) -> bool:
    """True when this connection's role may write (always on SQLite unless the file is read-only).

    A dashboard on PostgreSQL's viewer role (README) offers no login: nobody could write
    through it, and a login attempt would have to be counted, which is a write.
    """
    if engine.dialect.name == "postgresql":
        with read_connection(engine) as connection:
            return bool(connection.execute(text("SELECT has_table_privilege('login_attempts', 'INSERT')")).scalar())
    path = engine_file(engine)
    return path is None or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def engine_file(engine: Engine) -> Path | None:
    """The SQLite file behind ``engine`` (also for the ``file:…?mode=rw`` form), else None."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return None
    if database.startswith("file:"):
        return Path(url2pathname(urlparse(database).path))
    return Path(database)


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """Yield a connection for reading (one deferred transaction, rolled back at the end).

    Readers never wait for writers (WAL on SQLite, MVCC on PostgreSQL). Connection
    failures, also in the middle of a query, become :class:`DatabaseUnavailableError`.
    """
    with _translated_errors(), engine.connect() as connection:
        yield connection
