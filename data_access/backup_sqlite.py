"""Backup and restore of the SQLite file, through SQLite's online backup API only.

Why never a file copy: the live database runs in WAL mode, so committed data lives
partly in ``gsn.sqlite-wal`` until a checkpoint; a copy of the main file alone misses it,
and a copy taken while a writer checkpoints is torn. ``sqlite3.Connection.backup`` reads
through SQLite's own locking instead.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from data_access.backup_common import SQLITE_HEADER, BackupError
from data_access.engine import SQLITE_BUSY_TIMEOUT_MILLISECONDS
from data_access.output_files import reason

HEADER_BYTES = 100
BUSY_SECONDS = SQLITE_BUSY_TIMEOUT_MILLISECONDS / 1000


def _read_only(file: Path) -> sqlite3.Connection:
    """A connection that can only read ``file`` and leaves no journal or ``-shm`` file beside it."""
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)


def write_backup(source: Path, temporary: Path) -> None:
    """Copy the live database ``source`` into the new file ``temporary``: one consistent snapshot.

    One backup step for all pages (``pages=-1``): the copy runs inside one read
    transaction on the source, so it is the database as of one moment, however many
    imports commit meanwhile (WAL: readers do not block writers, writers do not block
    the copy). Copying in several steps would restart whenever another process writes,
    possibly forever under steady imports. The copy gets a rollback journal instead of
    WAL, so the backup is one self-contained file, and is checked with ``quick_check``.
    """
    try:
        # The target first: a folder without write rights or a full disk is the target's fault,
        # and the message must say so rather than blame the database.
        probe = temporary.open("xb")
        probe.close()
    except OSError as error:
        raise BackupError(
            f"Die Sicherung kann in {temporary.parent} nicht geschrieben werden: {reason(error)}."
        ) from None
    try:
        live = sqlite3.connect(
            f"{source.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=BUSY_SECONDS
        )
        with closing(live), closing(sqlite3.connect(temporary, isolation_level=None)) as copy:
            live.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode = DELETE")
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        full = "full" in str(error)  # SQLITE_FULL: the target's disk, not the database
        raise BackupError(
            f"Die Sicherung kann in {temporary.parent} nicht geschrieben werden: der Speicher ist voll."
            if full
            else f"Die Datenbankdatei {source} lässt sich nicht sichern (Meldung von SQLite: {error})."
        ) from None
    finally:
        temporary.with_name(temporary.name + "-journal").unlink(missing_ok=True)
    if result != "ok":
        raise BackupError(f"Die Datenbankdatei {source} ist beschädigt (Prüfung: {result}); es wurde nichts gesichert.")


def _damaged(file: Path, reason: str) -> BackupError:
    return BackupError(f"Die Sicherung {file} ist beschädigt oder unvollständig ({reason}); es wurde nichts verändert.")


def _check_size(file: Path) -> None:
    """Refuse a file whose length does not fit its header: the typical cut-off download or copy."""
    size = file.stat().st_size
    with file.open("rb") as stream:
        header = stream.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(SQLITE_HEADER):
        raise _damaged(file, "Dateikopf unvollständig")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _damaged(file, "ungültige Seitengröße im Dateikopf")
    if size % page_size:
        raise _damaged(file, "die Länge passt nicht zur Seitengröße; die Datei ist abgeschnitten")
    pages = int.from_bytes(header[28:32], "big")
    counter_matches = header[24:28] == header[92:96]
    if counter_matches and pages and size < pages * page_size:
        raise _damaged(file, f"{pages} Seiten angekündigt, {size // page_size} vorhanden; die Datei ist abgeschnitten")


CORE_TABLES = frozenset({"members", "events", "self_help_counts", "standard_criteria", "audit_log"})
"""Tables every revision of the schema has: a file without them is no backup of this dashboard."""


def check_backup(file: Path) -> str | None:
    """Check a SQLite backup without changing it; return its schema revision (None: no GSN database).

    Header and length first (a truncated file), then ``PRAGMA integrity_check`` (every
    page, index and constraint). Any failure is a German BackupError naming the file.
    """
    _check_size(file)
    journal = file.with_name(file.name + "-wal")
    if journal.is_file() and journal.stat().st_size > 0:
        # Read as a backup (immutable), the changes waiting in the -wal file would be lost.
        raise BackupError(
            f"Neben {file} liegt {journal.name}: Das ist eine Datenbank in Betrieb, keine Sicherung; es wurde "
            "nichts verändert. Bitte mit „python -m data_access backup“ sichern und diese Sicherung einspielen."
        )
    try:
        with closing(_read_only(file)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise _damaged(file, "; ".join(problems))
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                return None
            missing = sorted(CORE_TABLES - tables)
            if missing:
                raise _damaged(file, f"keine Sicherung des GSN-Dashboards, es fehlen Tabellen ({', '.join(missing)})")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise _damaged(file, f"Meldung von SQLite: {error}") from None
    return None if row is None else str(row[0])


def restore(file: Path, target: Path, migrate: Callable[[str], None]) -> None:
    """Replace the content of the database ``target`` by the checked backup ``file``, at the newest schema.

    Why the backup API into the target and not a new file moved into place: dashboards
    and imports may have the target open. Writing through SQLite's own locking (one write
    transaction, WAL kept) lets their connections see the old or the restored database,
    never a mix; a file renamed over an open WAL database could meet an old ``-wal``
    file beside it that does not belong to it. The backup is first copied into a working
    file beside the target and migrated there, so the target changes exactly once, to a
    database at the newest schema, and stays untouched when the migration fails. A
    missing target file is created.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    working = target.parent / f".{target.name}.wiederherstellung-{os.getpid()}.sqlite"
    try:
        with closing(_read_only(file)) as source, closing(sqlite3.connect(working, isolation_level=None)) as copy:
            source.backup(copy, pages=-1)
        try:
            migrate(f"sqlite:///{working}")
        except (RuntimeError, SQLAlchemyError) as error:
            raise BackupError(
                f"Die Sicherung {file} ließ sich nicht auf den neuesten Schemastand bringen; die Datenbank "
                f"wurde nicht verändert. Meldung: {error}"
            ) from None
        with (
            closing(sqlite3.connect(working, isolation_level=None)) as source,
            closing(sqlite3.connect(target, isolation_level=None, timeout=BUSY_SECONDS)) as live,
        ):
            source.backup(live, pages=-1)
            live.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"Die Sicherung {file} ließ sich nicht in {target} einspielen (Meldung von SQLite: {error})."
        ) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{working}{suffix}").unlink(missing_ok=True)
