"""Backup and restore of a PostgreSQL database with the client tools ``pg_dump``, ``pg_restore`` and ``psql``.

The password goes to the tools in ``PGPASSWORD`` (never on the command line, where
``ps`` shows it), and ``--no-password`` keeps them from asking on a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from data_access.backup_common import BackupError
from data_access.engine import WRITE_LOCK_KEY

MESSAGE_CHARACTERS = 600
"""At most this much of a tool's own error output is repeated (it may be long)."""
LOCK_WAIT = "60s"
"""How long the restore waits for running imports and queries before it gives up (nothing changed then)."""
_INSTALL_HINT = (
    "Installieren mit: sudo apt-get install postgresql-client (Debian/Ubuntu; dieselbe Hauptversion wie der "
    "Datenbankserver oder eine neuere, z. B. postgresql-client-16 für einen Server der Version 16)."
)
_DROP_EVERYTHING = """
DO $gsn$
DECLARE relation record;
BEGIN
  FOR relation IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  LOOP
    EXECUTE format(
      'DROP %s IF EXISTS %I CASCADE',
      CASE relation.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      relation.relname);
  END LOOP;
END
$gsn$;
"""
"""Empties the target's schema inside the restore's transaction (see :func:`load_script`)."""


def check_tools(names: Sequence[str], purpose: str) -> dict[str, str]:
    """The paths of the client tools ``names``; a German BackupError saying how to install them if one is missing."""
    paths = {name: shutil.which(name) for name in names}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        raise BackupError(
            f"Das Programm {' und '.join(missing)} fehlt auf diesem Rechner; ohne es lässt sich eine "
            f"PostgreSQL-Datenbank nicht {purpose}. Es wurde nichts geschrieben. {_INSTALL_HINT}"
        )
    return {name: str(path) for name, path in paths.items()}


def connection_target(url: str) -> tuple[str, dict[str, str]]:
    """The libpq URI for the tools (``postgresql://user@host:port/db?…``, no password) and their environment.

    SQLAlchemy's ``postgresql+psycopg://`` is no libpq URI; its query (``sslmode``, a
    socket ``host``) are libpq parameters and stay. The password, from the URL or its
    query, moves to ``PGPASSWORD``.
    """
    parsed = make_url(url)
    query = {key: value for key, value in parsed.query.items() if key != "password"}
    password = parsed.password or parsed.query.get("password")
    uri = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=query,
    ).render_as_string(hide_password=False)
    environment = dict(os.environ)
    if password:
        environment["PGPASSWORD"] = str(password)
    environment.setdefault("PGCONNECT_TIMEOUT", "10")
    return uri, environment


def _run(command: list[str], environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=environment, stdin=subprocess.DEVNULL, capture_output=True, text=True)


def _tool_message(result: subprocess.CompletedProcess[str]) -> str:
    text = " ".join(result.stderr.split()) or f"Status {result.returncode}"
    return text if len(text) <= MESSAGE_CHARACTERS else text[:MESSAGE_CHARACTERS] + " …"


def write_backup(url: str, temporary: Path) -> None:
    """``pg_dump --format=custom`` of the database at ``url`` into ``temporary``.

    pg_dump reads everything in one transaction with one snapshot, so the dump is the
    database as of one moment while imports go on; it takes no lock that blocks writers
    of rows (only schema changes wait).
    """
    tools = check_tools(("pg_dump",), "sichern")
    uri, environment = connection_target(url)
    command = [tools["pg_dump"], "--format=custom", "--no-password", f"--file={temporary}", f"--dbname={uri}"]
    result = _run(command, environment)
    if result.returncode != 0:
        hint = f" {_INSTALL_HINT}" if "version mismatch" in result.stderr else ""
        raise BackupError(
            f"pg_dump konnte die Datenbank nicht sichern; es wurde nichts geschrieben. Meldung: "
            f"{_tool_message(result)}{hint}"
        )


def _revision_in(script: Path) -> str | None:
    """The schema revision in the ``alembic_version`` data of a restore script (None: there is none)."""
    copy_line = re.compile(r"COPY \S*alembic_version \(version_num\) FROM stdin;")
    with script.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if copy_line.match(line):
                first = next(lines, "\\.").rstrip("\n")
                return None if first == "\\." else first
    return None


def prepare_script(file: Path) -> tuple[Path, str | None]:
    """Check the archive ``file`` completely, without any database; return (SQL script, schema revision).

    ``pg_restore --list`` reads the table of contents (a file that is no archive, or a
    damaged head); writing the whole archive out as SQL then reads every data block (a
    truncated or garbled archive fails here). The caller deletes the script; it holds
    all data, so it is readable by this user only.
    """
    tools = check_tools(("pg_restore", "psql"), "wiederherstellen")
    listing = _run([tools["pg_restore"], "--list", str(file)])
    if listing.returncode != 0:
        raise BackupError(
            f"Die Sicherung {file} ist beschädigt oder unvollständig ({_tool_message(listing)}); "
            "es wurde nichts verändert."
        )
    descriptor, name = tempfile.mkstemp(prefix="gsn-wiederherstellung-", suffix=".sql")
    os.close(descriptor)
    script = Path(name)
    written = _run([tools["pg_restore"], "--no-owner", "--exit-on-error", f"--file={script}", str(file)])
    if written.returncode != 0:
        script.unlink(missing_ok=True)
        raise BackupError(
            f"Die Sicherung {file} ist beschädigt oder unvollständig ({_tool_message(written)}); "
            "es wurde nichts verändert."
        )
    return script, _revision_in(script)


def load_script(url: str, script: Path, file: Path) -> None:
    """Replace everything in the target's schema by the script of ``file``, in one transaction.

    ``psql --single-transaction`` with ``ON_ERROR_STOP`` runs: wait for the writers'
    advisory lock (running imports finish, new ones wait), drop every table, view and
    sequence of the schema, then the backup's statements and data. Why not ``pg_restore
    --clean`` into the database: it drops only the objects the backup has, so tables a
    newer migration added on the target stay, and the migration after the restore fails
    on them (or a foreign key of theirs stops the drop). Any error rolls everything back:
    the target is as it was.
    """
    tools = check_tools(("psql",), "wiederherstellen")
    uri, environment = connection_target(url)
    command = [
        tools["psql"],
        "--no-psqlrc",
        "--quiet",
        "--no-password",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
        f"--dbname={uri}",
        f"--command=SET LOCAL lock_timeout = '{LOCK_WAIT}'; SET LOCAL client_min_messages = warning",
        f"--command=SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})",
        f"--command={_DROP_EVERYTHING}",
        f"--file={script}",
    ]
    result = _run(command, environment)
    if result.returncode != 0:
        hint = ""
        if re.search(r"role .* does not exist", result.stderr):
            hint = (
                " – Hinweis: Rollen, denen die Sicherung Rechte gibt (etwa gsn_viewer), müssen auf dem Zielserver "
                "vorher angelegt werden (README: Die Rolle nur zum Lesen)."
            )
        elif "lock timeout" in result.stderr:
            hint = (
                " – Hinweis: Die Datenbank ist noch in Benutzung (offene Verbindungen, etwa der Dashboard-Prozesse). "
                "Bitte die Dashboard-Prozesse anhalten und dann noch einmal einspielen."
            )
        raise BackupError(
            f"Die Sicherung {file} ließ sich nicht einspielen; die Datenbank ist unverändert. "
            f"Meldung: {_tool_message(result)}{hint}"
        )
