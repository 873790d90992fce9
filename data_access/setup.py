"""Bringing a database to life: migrate on every start, demo data on the very first one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from data_access import demo
from data_access.audit import default_actor
from data_access.engine import DatabaseUnavailableError, make_engine, sqlite_path, write_transaction
from data_access.migrate import upgrade


class DatabaseMissingError(FileNotFoundError):
    """The SQLite file does not exist and this command may not create it; the message is German."""


@dataclass(frozen=True)
class NewDatabase:
    """A SQLite file this call created: where, and the demo rows loaded into it (None: left empty)."""

    path: Path
    demo_counts: dict[str, int] | None


def _create(url: str, path: Path, demo_if_new: bool) -> NewDatabase:
    """Create the SQLite file of ``url`` with the newest schema, with demo data if asked."""
    counts = None
    creating = make_engine(url, create=True)
    try:
        upgrade(creating)
        if demo_if_new:
            with write_transaction(creating) as connection:
                if not demo.has_members(connection):
                    counts = demo.load(connection, demo.generate(), actor=default_actor())
    finally:
        creating.dispose()
    return NewDatabase(path, counts)


def init_database(url: str, *, demo_if_new: bool = True) -> NewDatabase | None:
    """``python -m data_access init``: create a new SQLite file or bring the database up to date.

    Returns what was created (so the command can say so), or None when the database
    existed and was only migrated. Same rules as :func:`prepare_database`.
    """
    path = sqlite_path(url)
    created = _create(url, path, demo_if_new) if path is not None and not path.exists() else None
    prepare_database(url, demo_if_new=False, create=False).dispose()
    return created


def prepare_database(url: str, *, demo_if_new: bool = True, create: bool = True) -> Engine:
    """Return an engine for ``url`` with the newest schema, filled with demo data if brand new.

    "Brand new" means an embedded SQLite file that did not exist before this call: the
    first ``make run`` on a fresh clone shows a populated dashboard, while a shared
    PostgreSQL database or an existing file is never filled with demo data unasked.
    With ``create=False`` a missing SQLite file raises :class:`DatabaseMissingError`
    instead (only ``init`` and the dashboard's first start create one). The engine
    returned never creates a file later: see ``make_engine(create=False)``.
    """
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise DatabaseMissingError(
                f"Die Datenbankdatei {path} gibt es nicht. Anlegen mit: python -m data_access init"
            )
        _create(url, path, demo_if_new)
    engine = make_engine(url, create=False)
    try:
        upgrade(engine)
    except DatabaseUnavailableError:
        engine.dispose()
        raise
    return engine
