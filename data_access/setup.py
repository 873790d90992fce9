"""Bringing a database to life: migrate on every start, demo data on the very first one."""

from __future__ import annotations

from sqlalchemy import Engine

from data_access import demo
from data_access.audit import default_actor
from data_access.engine import DatabaseUnavailableError, make_engine, sqlite_path, write_transaction
from data_access.migrate import upgrade


class DatabaseMissingError(FileNotFoundError):
    """The SQLite file does not exist and this command may not create it; the message is German."""


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
        creating = make_engine(url, create=True)
        try:
            upgrade(creating)
            if demo_if_new:
                with write_transaction(creating) as connection:
                    if not demo.has_members(connection):
                        demo.load(connection, demo.generate(), actor=default_actor())
        finally:
            creating.dispose()
    engine = make_engine(url, create=False)
    try:
        upgrade(engine)
    except DatabaseUnavailableError:
        engine.dispose()
        raise
    return engine
