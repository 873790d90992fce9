"""``python -m data_access backup|restore``: consistent backups of the live database and restoring them.

The rules, the same on both databases (backend details in :mod:`data_access.backup_sqlite`
and :mod:`data_access.backup_postgres`):

- A backup is one consistent snapshot taken while the dashboard and imports keep running
  (SQLite's online backup API, ``pg_dump``'s single snapshot); it never migrates or writes
  the source. It is written under a temporary name and renamed when complete, so a crash
  never leaves a file that looks like a finished backup.
- Default place: the folder ``backups`` beside the SQLite file (``data/backups`` for the
  embedded database); for PostgreSQL ``data/backups`` in the project folder. The name
  carries date and time in UTC (``gsn-backup-2026-11-30T19-05-12.sqlite`` or ``.dump``),
  so name order is age order also across daylight-saving changes.
- ``--behalten N`` then keeps the newest N files of exactly that name pattern and that
  extension in that folder and deletes the older ones; no other file is touched.
- A restore goes into an empty database only (see :func:`data_tables`) unless
  ``--ueberschreiben`` is given, refuses a backup of the other database kind and any file
  that is damaged or truncated before the target is touched, and ends at the newest schema.
  The check "empty" and the restore are two steps; a write between them is replaced too
  (restoring is rare work for an administrator, not a race with the data stewards).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from data_access import backup_postgres, backup_sqlite
from data_access.backup_common import BackupError, file_kind, prune, publish, sync_folder
from data_access.engine import (
    DEFAULT_DATABASE_PATH,
    DatabaseUnavailableError,
    make_engine,
    read_connection,
    sqlite_path,
)
from data_access.migrate import alembic_config, upgrade
from data_access.models import Base
from data_access.output_files import OutputError, check_target, reason
from domain.formatting import enumeration, format_number

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2  # the same as data_access.cli
NOT_DATA_TABLES = frozenset(
    {
        "alembic_version",
        "standard_criteria",
        "dataset_info",
        "login_attempts",
        "event_summary",
        "self_help_topic_summary",
        "self_help_year_summary",
        "standard_member_summary",
    }
)
"""Tables whose rows do not make a database "not empty": the schema revision, the nine criteria the
first migration seeds (an edited criterion leaves an entry in the audit log, which counts), the
"Stand" and demo flag, failed-login counters (anyone can cause those on a new installation) and
the summary tables (derived from the data tables, never data of their own)."""
AREA_NAMES = {
    "audit_log": "Änderungsprotokoll",
    "council_seats": "Sprecher*innenrat",
    "event_attendance": "Teilnahmen an Mitgliederversammlungen",
    "events": "Veranstaltungen",
    "members": "Mitglieder",
    "regional_networks": "Regionalnetzwerke",
    "report_submissions": "Berichte",
    "self_help_counts": "Selbsthilfe",
    "standard_assessments": "Mindeststandards",
    "user_accounts": "Konten",
}


def default_folder(url: str) -> Path:
    """Where backups go without ``-o``: ``backups`` beside the SQLite file, else ``data/backups``."""
    path = sqlite_path(url)
    return (path.parent if path is not None else DEFAULT_DATABASE_PATH.parent) / "backups"


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size < 1_000_000:
        return f"{format_number(max(size / 1000, 0.1), 1)} kB"
    return f"{format_number(size / 1_000_000, 1)} MB"


def _output_place(url: str, output: Path | None) -> tuple[Path, Path | None]:
    """(folder, explicit file or None) for ``-o``: an existing folder, or a file in an existing folder."""
    if output is None:
        folder = default_folder(url)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BackupError(f"Der Ordner {folder} lässt sich nicht anlegen: {_reason(error)}.") from None
        return folder, None
    if output.is_dir():
        return output, None
    try:
        check_target(output, url)  # never onto the database, a -wal file or a device
    except OutputError as problem:
        raise BackupError(str(problem)) from None
    if not output.parent.is_dir():
        raise BackupError(
            f"Die Datei {output} kann nicht geschrieben werden: den Ordner {output.parent} gibt es nicht."
        )
    return output.parent, output


def _reason(error: OSError) -> str:
    """Why a file could not be written, in German."""
    return reason(error)


def backup(url: str, output: Path | None = None, keep: int | None = None) -> tuple[Path, list[Path], list[Path]]:
    """Write a consistent backup of the database at ``url``; return (file, kept, deleted).

    Nothing but the finished file (and, with ``keep``, the deletions) is left behind on
    any failure: the temporary file is removed.
    """
    make_engine(url, create=False).dispose()  # a URL of another database kind: a German usage error
    source = sqlite_path(url)
    if source is None:
        backup_postgres.check_tools(("pg_dump",), "sichern")
    elif not source.is_file():
        raise BackupError(f"Die Datenbankdatei {source} gibt es nicht; es gibt nichts zu sichern.")
    extension = "dump" if source is None else "sqlite"
    folder, target = _output_place(url, output)
    temporary = folder / f".gsn-backup-{os.getpid()}-{datetime.datetime.now(datetime.UTC):%H%M%S%f}.part"
    try:
        if source is None:
            backup_postgres.write_backup(url, temporary)
        else:
            backup_sqlite.write_backup(source, temporary)
        written = publish(temporary, folder, target, extension)
    except OSError as error:
        raise BackupError(f"Die Sicherung kann in {folder} nicht geschrieben werden: {_reason(error)}.") from None
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(folder)
    try:
        kept, deleted = prune(folder, extension, keep) if keep is not None else ([], [])
    except OSError as error:
        raise PruneError(
            f"Sicherung geschrieben: {written}. Ältere Sicherungen ließen sich nicht alle löschen "
            f"({Path(error.filename or folder).name}: {reason(error)}); bitte im Ordner {folder} aufräumen."
        ) from None
    return written, kept, deleted


class PruneError(BackupError):
    """The backup was written, but ``--behalten`` could not delete every older one (the message says so)."""


def data_tables(engine: Engine) -> list[str]:
    """The tables of ``engine``'s database that hold rows which make it "not empty" (sorted).

    Empty means: no tables at all, or only rows in :data:`NOT_DATA_TABLES` (a database that
    ``init --leer`` or a first start migrated and nobody filled). Every other table counts,
    also one a later migration adds and tables of some other application.
    """
    with read_connection(engine) as connection:
        quote = connection.dialect.identifier_preparer.quote
        names = sorted(set(inspect(connection).get_table_names()) - NOT_DATA_TABLES)
        return [
            name for name in names if connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {quote(name)})")).scalar()
        ]


def checked_revision(revision: str | None, file: Path) -> str:
    """``revision`` if this version of the dashboard knows it; else a German BackupError naming ``file``."""
    if revision is None:
        raise BackupError(
            f"Die Datei {file} ist keine Sicherung einer Datenbank des GSN-Dashboards (ohne Schemastand); "
            "es wurde nichts verändert."
        )
    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise BackupError(
            f"Die Sicherung {file} hat den Schemastand {revision}, den diese Version des Dashboards nicht kennt "
            "(stammt sie von einer neueren Version?); es wurde nichts verändert."
        )
    return revision


def restore(url: str, file: Path, overwrite: bool = False) -> tuple[str, str]:
    """Restore ``file`` into the database at ``url`` and migrate it; return (backup revision, current revision)."""
    make_engine(url, create=False).dispose()  # a URL of another database kind: a German usage error
    kind = file_kind(file)
    target = sqlite_path(url)
    if target is None:
        if kind == "sqlite":
            raise BackupError(
                f"Die Datei {file} ist eine SQLite-Sicherung; die Zieldatenbank ist aber PostgreSQL. "
                "Eine Sicherung lässt sich nur in dieselbe Datenbankart einspielen; es wurde nichts verändert."
            )
        return _restore_postgres(url, file, overwrite)
    if kind == "postgresql":
        raise BackupError(
            f"Die Datei {file} ist eine PostgreSQL-Sicherung (pg_dump); die Zieldatenbank ist aber die SQLite-Datei "
            f"{target}. Eine Sicherung lässt sich nur in dieselbe Datenbankart einspielen; es wurde nichts verändert."
        )
    revision = checked_revision(backup_sqlite.check_backup(file), file)
    if target.exists():
        engine = make_engine(url, create=False)
        try:
            _check_empty(engine, overwrite)
        except DatabaseUnavailableError as problem:
            if "keine (intakte) SQLite-Datenbank" not in str(problem):
                raise
            raise BackupError(
                f"Die Datenbankdatei {target} ist selbst keine intakte SQLite-Datenbank. Bitte sie beiseitelegen "
                "(umbenennen, ebenso -wal und -shm daneben, falls vorhanden) und die Sicherung dann einspielen; "
                "es wurde nichts verändert."
            ) from None
        finally:
            engine.dispose()
    backup_sqlite.restore(file, target, _migrated)
    return revision, _current_revision(url)


def _restore_postgres(url: str, file: Path, overwrite: bool) -> tuple[str, str]:
    """Check the archive completely, then the target, then load it in one transaction and migrate."""
    script, revision = backup_postgres.prepare_script(file)
    try:
        revision = checked_revision(revision, file)
        engine = make_engine(url, create=False)
        try:
            _check_empty(engine, overwrite)
        finally:
            engine.dispose()
        backup_postgres.load_script(url, script, file)
    finally:
        script.unlink(missing_ok=True)
    try:
        _migrated(url)
    except (RuntimeError, SQLAlchemyError) as error:
        raise BackupError(
            f"Die Sicherung {file} wurde eingespielt (Schemastand {revision}), ließ sich aber nicht auf den "
            f"neuesten Stand bringen. Meldung: {error}"
        ) from None
    return revision, _current_revision(url)


def foreign_tables(engine: Engine) -> list[str]:
    """Tables in the target's schema that are not the dashboard's (another application's), sorted."""
    with read_connection(engine) as connection:
        names = set(inspect(connection).get_table_names())
    return sorted(names - set(Base.metadata.tables) - {"alembic_version"})


def _check_empty(engine: Engine, overwrite: bool) -> None:
    foreign = foreign_tables(engine)
    if foreign:
        # A restore replaces the whole schema: another application's tables would go with it,
        # also with --ueberschreiben, and also when they are empty.
        raise BackupError(
            f"Die Zieldatenbank enthält Tabellen, die nicht zum GSN-Dashboard gehören ({', '.join(foreign[:10])}); "
            "es wurde nichts verändert. Bitte in eine eigene, leere Datenbank einspielen."
        )
    tables = data_tables(engine)
    if tables and not overwrite:
        areas = enumeration(sorted(AREA_NAMES.get(name, name) for name in tables))
        raise BackupError(
            f"Die Zieldatenbank enthält bereits Daten ({areas}); es wurde nichts verändert. "
            "Mit --ueberschreiben wird sie durch die Sicherung ersetzt."
        )


def _migrated(url: str) -> None:
    """Bring the restored database at ``url`` to the newest schema (a backup of an older version)."""
    engine = make_engine(url, create=False)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _current_revision(url: str) -> str:
    engine = make_engine(url, create=False)
    try:
        with read_connection(engine) as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        engine.dispose()


def run_command(url: str, options: argparse.Namespace) -> int:
    """Run ``backup`` or ``restore`` for the command line; German messages on stderr; the exit status."""
    try:
        if options.command == "backup":
            if options.behalten is not None and options.behalten < 1:
                print("Fehler beim Aufruf: --behalten braucht eine Zahl ab 1.", file=sys.stderr)
                return EXIT_USAGE
            written, kept, deleted = backup(url, options.output, options.behalten)
            print(f"Sicherung geschrieben: {written} ({_size(written)}).", file=sys.stderr)
            if options.behalten is not None:
                print(f"Behalten ({len(kept)}): {', '.join(path.name for path in kept)}.", file=sys.stderr)
                names = ", ".join(path.name for path in deleted) if deleted else "keine"
                print(f"Gelöscht ({len(deleted)}): {names}.", file=sys.stderr)
            return EXIT_OK
        if not options.file.is_file():
            print(f"Fehler beim Aufruf: Die Datei {options.file} gibt es nicht.", file=sys.stderr)
            return EXIT_USAGE
        old, new = restore(url, options.file, options.ueberschreiben)
    except PruneError as problem:  # written, but not tidied up: a monitor should still notice
        print(str(problem), file=sys.stderr)
        return EXIT_REJECTED
    except BackupError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    except OSError as error:  # a folder that cannot be made, an old backup that cannot be deleted
        print(f"Nicht ausgeführt: {error.filename or ''}: {_reason(error)}.", file=sys.stderr)
        return EXIT_REJECTED
    schema = f"Schemastand {new}" if old == new else f"Schemastand {old} der Sicherung auf {new} gebracht"
    print(f"Sicherung {options.file} eingespielt ({schema}).", file=sys.stderr)
    return EXIT_OK
