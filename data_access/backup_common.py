"""What backup and restore share on both databases: the error, backup file names, kinds and keeping the newest."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
"""The first bytes of a ``pg_dump --format=custom`` archive."""
BACKUP_NAME = re.compile(r"gsn-backup-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(\d+))?\.(sqlite|dump)")
"""A backup named by this command: UTC time, a counter when two start in the same second, the kind."""


class BackupError(RuntimeError):
    """A backup or restore that was not done; the message is German and names the file or database."""


def file_kind(file: Path) -> str:
    """``"sqlite"`` or ``"postgresql"`` by the file's first bytes; a German BackupError for anything else."""
    try:
        with file.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(f"Die Datei {file} lässt sich nicht lesen ({error.strerror}).") from None
    if head == SQLITE_HEADER:
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise BackupError(
        f"Die Datei {file} ist keine Sicherung des GSN-Dashboards (weder SQLite-Datenbank noch "
        "pg_dump-Archiv) oder sie ist beschädigt; es wurde nichts verändert."
    )


def backup_name(extension: str, moment: datetime.datetime, counter: int = 1) -> str:
    """``gsn-backup-<UTC time>[-counter].<extension>``; the counter only from the second file of a second."""
    stamp = moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H-%M-%S")
    return f"gsn-backup-{stamp}{'' if counter == 1 else f'-{counter}'}.{extension}"


def publish(temporary: Path, folder: Path | None, target: Path | None, extension: str) -> Path:
    """Give the complete file at ``temporary`` its final name; return it.

    An explicit ``-o`` file is replaced in one rename. A generated name is linked, never
    replaced: a backup started in the same second by another process keeps its file and
    this one takes the next counter. The file is readable by its owner only: a backup holds
    the password hashes and all data, whatever the umask of the shell that made it.
    """
    os.chmod(temporary, 0o600)
    if target is not None:
        os.replace(temporary, target)
        return target
    assert folder is not None
    moment = datetime.datetime.now(datetime.UTC)
    for counter in range(1, 1000):
        candidate = folder / backup_name(extension, moment, counter)
        try:
            os.link(temporary, candidate)
        except FileExistsError:
            continue
        temporary.unlink()
        return candidate
    raise BackupError(f"Im Ordner {folder} gibt es schon zu viele Sicherungen dieser Sekunde.")


def sync_folder(folder: Path) -> None:
    """Make the rename durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _age(path: Path) -> tuple[str, int]:
    match = BACKUP_NAME.fullmatch(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def prune(folder: Path, extension: str, keep: int) -> tuple[list[Path], list[Path]]:
    """Delete all but the newest ``keep`` backups named by this command with ``extension`` in ``folder``.

    Returns (kept, deleted), newest first. Other files, including backups of the other
    database kind, are never touched.
    """
    backups = [
        path
        for path in folder.iterdir()
        if path.is_file() and (match := BACKUP_NAME.fullmatch(path.name)) and match.group(3) == extension
    ]
    backups.sort(key=_age, reverse=True)
    for path in backups[keep:]:
        path.unlink()
    return backups[:keep], backups[keep:]
