"""Indexes for the analysis screens: events by type and date, assessments by year.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_events_type_start", "events", ["event_type", "start_date"])
    op.create_index(
        "ix_assessments_year_member", "standard_assessments", ["year", "member_id", "criterion_number", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_assessments_year_member", table_name="standard_assessments")
    op.drop_index("ix_events_type_start", table_name="events")
