"""Initial schema, with the nine Mindeststandard criteria seeded as editable working titles.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CRITERIA = {
    1: "Ratsbeschluss zum Beitritt und zur Ottawa-Charta",
    2: "Ressortübergreifende gesundheitsfördernde Strategie",
    3: "Benannte Koordinationsperson",
    4: "Beteiligung von Selbsthilfe und Initiativen",
    5: "Gleichberechtigte Einbindung der Akteure (Plenum/Konferenz)",
    6: "Prüfung von Entscheidungen auf Gesundheitsverträglichkeit",
    7: "Gesundheitsberichterstattung und Daten",
    8: "Teilnahme am jährlichen Erfahrungsaustausch",
    9: "Bericht alle vier Jahre",
}


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("natural_key", sa.Text(), nullable=False),
        sa.Column("old_values", sa.Text(), nullable=True),
        sa.Column("new_values", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_occurred_at", ["occurred_at"], unique=False)

    op.create_table(
        "dataset_info",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "event_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("member_type", sa.String(length=20), nullable=True),
        sa.Column("regional_network_id", sa.Integer(), nullable=True),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_summary", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_summary_covering",
            [
                "year",
                "event_type",
                "state_code",
                "member_type",
                "regional_network_id",
                "event_count",
                "participants",
                "sessions",
                "partners",
            ],
            unique=False,
        )

    op.create_table(
        "regional_networks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("founded_year", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "self_help_topic_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=False),
        sa.Column("member_type", sa.String(length=20), nullable=False),
        sa.Column("regional_network_id", sa.Integer(), nullable=True),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("new_groups", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("self_help_topic_summary", schema=None) as batch_op:
        batch_op.create_index("ix_self_help_topic_summary_year", ["year", "topic"], unique=False)

    op.create_table(
        "self_help_year_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=False),
        sa.Column("member_type", sa.String(length=20), nullable=False),
        sa.Column("regional_network_id", sa.Integer(), nullable=True),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("new_groups", sa.Integer(), nullable=False),
        sa.Column("reporting_members", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("groups_with_population", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("self_help_year_summary", schema=None) as batch_op:
        batch_op.create_index("ix_self_help_year_summary_year", ["year"], unique=False)

    op.create_table(
        "standard_criteria",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("number"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("member_type", sa.String(length=20), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=False),
        sa.Column("join_year", sa.Integer(), nullable=False),
        sa.Column("leave_year", sa.Integer(), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("regional_network_id", sa.Integer(), nullable=True),
        sa.Column("contact_point", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["regional_network_id"],
            ["regional_networks.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_regional_network_id"), ["regional_network_id"], unique=False)

    op.create_table(
        "council_seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "side", "term_start", name="uq_council_seat"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=True),
        sa.Column("partners", sa.Integer(), nullable=True),
        sa.Column("event_format", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_member_start",
            ["member_id", "start_date", "event_type", "participants", "sessions", "partners"],
            unique=False,
        )
        batch_op.create_index("ix_events_start_date", ["start_date"], unique=False)

    op.create_table(
        "report_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "year", name="uq_report_member_year"),
    )
    op.create_table(
        "self_help_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("new_groups", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "year", "topic", name="uq_self_help_member_year_topic"),
    )
    with op.batch_alter_table("self_help_counts", schema=None) as batch_op:
        batch_op.create_index("ix_self_help_year_member", ["year", "member_id", "groups", "new_groups"], unique=False)

    op.create_table(
        "standard_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("criterion_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_number"],
            ["standard_criteria.number"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "year", "criterion_number", name="uq_assessment_member_year_criterion"),
    )
    op.create_table(
        "standard_member_summary",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("met", sa.Integer(), nullable=False),
        sa.Column("partial", sa.Integer(), nullable=False),
        sa.Column("not_met", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
        ),
        sa.PrimaryKeyConstraint("member_id", "year"),
    )
    # The nine criteria are data (DESIGN.md): seeded once here with working titles,
    # edited afterwards by data stewards. The titles are copied, not imported, so this
    # migration stays the same when the defaults in the code change later.
    criteria = sa.table(
        "standard_criteria",
        sa.column("number", sa.Integer),
        sa.column("title", sa.String),
    )
    op.bulk_insert(
        criteria,
        [{"number": number, "title": title} for number, title in CRITERIA.items()],
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("standard_member_summary")
    op.drop_table("standard_assessments")
    with op.batch_alter_table("self_help_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_self_help_year_member")

    op.drop_table("self_help_counts")
    op.drop_table("report_submissions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_start_date")
        batch_op.drop_index("ix_events_member_start")

    op.drop_table("events")
    op.drop_table("council_seats")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_regional_network_id"))

    op.drop_table("members")
    op.drop_table("standard_criteria")
    with op.batch_alter_table("self_help_year_summary", schema=None) as batch_op:
        batch_op.drop_index("ix_self_help_year_summary_year")

    op.drop_table("self_help_year_summary")
    with op.batch_alter_table("self_help_topic_summary", schema=None) as batch_op:
        batch_op.drop_index("ix_self_help_topic_summary_year")

    op.drop_table("self_help_topic_summary")
    op.drop_table("regional_networks")
    with op.batch_alter_table("event_summary", schema=None) as batch_op:
        batch_op.drop_index("ix_event_summary_covering")

    op.drop_table("event_summary")
    op.drop_table("dataset_info")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_occurred_at")

    op.drop_table("audit_log")
