"""Schema migrations run by the application itself (``upgrade head`` on every start)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from data_access.engine import PROJECT_ROOT, write_transaction

MIGRATION_LOCK_KEY = 4_711_1989
"""PostgreSQL advisory lock id held while migrating (any constant shared by all processes)."""


def alembic_config() -> Config:
    """Return the Alembic configuration of this project, independent of the working directory."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest schema, in one write transaction.

    Safe to call on every start and from several processes at once: on SQLite the
    write transaction serialises them, and a second caller finds nothing left to do.
    """
    config = alembic_config()
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Two app processes starting at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
