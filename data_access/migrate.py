"""Schema migrations run by the application itself (``upgrade head`` on every start)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from data_access.engine import PROJECT_ROOT, read_connection, write_transaction

MIGRATION_WAIT_SECONDS = 120.0
"""A starting process waits this long for another one that migrates (a migration may take a while)."""


def alembic_config() -> Config:
    """Return the Alembic configuration of this project, independent of the working directory."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def is_current(engine: Engine, config: Config | None = None) -> bool:
    """True when the database already has the newest schema (a read; takes no write lock)."""
    config = config or alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with read_connection(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def upgrade(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest schema, in one write transaction.

    Looks first with a read: a database that is current (every start but the first after
    an update) takes no write lock, so a command that only reads (``export``) or a
    dashboard on a read-only role never waits for, or blocks, a writer. Safe from several
    processes at once: the write transaction queues them (BEGIN IMMEDIATE on SQLite, the
    writers' advisory lock on PostgreSQL), and the second finds nothing left to do.
    """
    config = alembic_config()
    if is_current(engine, config):
        return
    with write_transaction(engine, wait_seconds=MIGRATION_WAIT_SECONDS) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
