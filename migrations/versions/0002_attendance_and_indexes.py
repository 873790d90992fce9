"""The analysis screens: attendance at network-wide events; indexes for events by type, assessments by year.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "member_id", "side", name="uq_attendance_event_member_side"),
    )
    op.create_index("ix_event_attendance_member_id", "event_attendance", ["member_id"])
    op.create_index("ix_events_type_start", "events", ["event_type", "start_date"])
    op.create_index(
        "ix_assessments_year_member", "standard_assessments", ["year", "member_id", "criterion_number", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_event_attendance_member_id", table_name="event_attendance")
    op.drop_table("event_attendance")
    op.drop_index("ix_assessments_year_member", table_name="standard_assessments")
    op.drop_index("ix_events_type_start", table_name="events")
