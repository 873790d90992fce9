"""Files the command line writes (exports, backups): whole or not at all, and never onto the database.

A mistyped ``-o`` must not destroy what it was meant to save: the target may not be the
SQLite database or one of its companion files (``-wal``, ``-shm``, ``-journal``), and an
existing target must be a regular file (``-o /dev/null`` run as root would otherwise
replace the device). A file is written under a temporary name in the target's folder and
renamed when complete, so a full disk keeps the previous file and leaves no broken one.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from data_access.engine import sqlite_path

SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""The database file and the files SQLite keeps beside it."""


class OutputError(OSError):
    """The file cannot (or must not) be written; the message is German and names it."""


def reason(error: OSError) -> str:
    """Why a file could not be written, in German (the system's words for the rare rest)."""
    reasons = {
        errno.EISDIR: "das ist ein Ordner",
        errno.ENOENT: "den Ordner gibt es nicht",
        errno.EACCES: "keine Schreibrechte",
        errno.EPERM: "keine Rechte dafür",
        errno.EROFS: "das Laufwerk ist schreibgeschützt",
        errno.ENOSPC: "der Speicher ist voll",
        errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def check_target(target: Path, database_url: str) -> None:
    """Refuse (OutputError) a target that is the database, one of its companions, or no regular file."""
    database = sqlite_path(database_url)
    if database is not None:
        for suffix in SQLITE_COMPANIONS:
            companion = database.with_name(database.name + suffix)
            if target.resolve() == companion.resolve() or _same_file(target, companion):
                raise OutputError(
                    f"{target} ist die Datenbank selbst (oder eine ihrer Begleitdateien); es wurde nichts "
                    "geschrieben. Bitte einen anderen Dateinamen wählen."
                )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"Die Datei {target} kann nicht geschrieben werden: {reason(error)}.") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"Die Datei {target} kann nicht geschrieben werden: das ist ein Ordner.")
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"{target} ist keine gewöhnliche Datei (etwa ein Gerät); es wurde nichts geschrieben. "
            "Bitte einen Dateinamen wählen."
        )


def write_whole(target: Path, content: bytes, database_url: str) -> None:
    """Write ``content`` to ``target`` under a temporary name, then rename; refuse unsafe targets first."""
    check_target(target, database_url)
    if not target.parent.is_dir():
        raise OutputError(f"Die Datei {target} kann nicht geschrieben werden: den Ordner gibt es nicht.")
    temporary = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputError(f"Die Datei {target} kann nicht geschrieben werden: {reason(error)}.") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask (read by setting it and back: there is no other way)."""
    current = os.umask(0)
    os.umask(current)
    return current
