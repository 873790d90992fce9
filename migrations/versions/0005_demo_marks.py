"""A ``demo`` mark on every data table, so demo data can be removed without touching real rows.

Rows written by the demo loader carry ``demo = true``; imports, edits and every other
insert leave it false, and an update through the application resets it (see
``data_access.models.demo_mark``). A database that holds demo data from before this
revision (its ``dataset_info`` says ``demo = 1``) gets every existing row marked: then
nothing but the demo loader had written to it that could be told apart, and the
dashboard showed the "Beispieldaten" badge for all of it anyway.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "regional_networks",
    "members",
    "events",
    "event_attendance",
    "self_help_counts",
    "standard_assessments",
    "council_seats",
    "report_submissions",
)


def upgrade() -> None:
    connection = op.get_bind()
    was_demo = connection.execute(sa.text("SELECT value FROM dataset_info WHERE key = 'demo'")).scalar() == "1"
    for table in TABLES:
        # A plain ALTER TABLE … ADD COLUMN on both databases (no batch copy of the table on SQLite).
        op.add_column(table, sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False))
        if was_demo:
            connection.execute(sa.text(f"UPDATE {table} SET demo = :mark"), {"mark": True})


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("demo")
