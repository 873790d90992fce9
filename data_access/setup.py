"""Bringing a database to life: migrate on every start, demo data on the very first one."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from data_access import demo
from data_access.audit import default_actor
from data_access.engine import DatabaseUnavailableError, make_engine, sqlite_path, write_transaction
from data_access.migrate import upgrade


def prepare_database(url: str, *, demo_if_new: bool = True) -> Engine:
    """Return an engine for ``url`` with the newest schema, filled with demo data if brand new.

    "Brand new" means an embedded SQLite file that did not exist before this call: the
    first ``make run`` on a fresh clone shows a populated dashboard, while a shared
    PostgreSQL database or an existing file is never filled with demo data unasked.
    """
    path = sqlite_path(url)
    is_new = path is not None and not path.exists()
    engine = make_engine(url)
    try:
        upgrade(engine)
        if demo_if_new and is_new:
            with write_transaction(engine) as connection:
                if not demo.has_members(connection):
                    demo.load(connection, demo.generate(), actor=default_actor())
    except (OperationalError, InterfaceError) as error:
        engine.dispose()
        raise DatabaseUnavailableError(str(error.orig or error)) from error
    return engine
