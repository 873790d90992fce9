"""Alembic environment: runs migrations on the connection the application hands in.

``data_access.migrate.upgrade`` passes its connection in ``config.attributes``; run by
hand (``alembic upgrade head``) the URL comes from the same configuration as the app.
"""

from alembic import context
from sqlalchemy import Connection

from data_access.engine import database_url, make_engine
from data_access.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    """Run the pending migrations on ``connection`` (batch mode so SQLite can alter tables)."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(database_url())
    with engine.connect() as own_connection:
        run_migrations(own_connection)
        own_connection.commit()
    engine.dispose()
