"""Every import key enforced by the database; failed logins counted per typed name.

- ``events``: a unique index on the import key (kommune + art + beginn + titel). Before
  it, concurrent imports on PostgreSQL could store an event twice; exact duplicates left
  by that (every column equal) are merged here, keeping the oldest row, with attendance
  moved to it and the removal in the audit log. Duplicates that differ in any value are
  not guessed at: the migration stops and names them.
- Sums in the summary tables become 64-bit: capped rows can still add up past PostgreSQL's
  32-bit integer (21,475 events of 100,000 participants in one year, type and Land).
- ``login_attempts`` replaces the counter columns of ``user_accounts``: failures are
  counted by the name typed, so unknown names are locked like known ones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import datetime
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "coalesce(member_id, 0), event_type, start_date, title"
VALUE_COLUMNS = ("end_date", "participants", "sessions", "partners", "event_format")


def _merge_exact_duplicate_events(connection: sa.Connection) -> None:
    """Delete events whose every column equals an older event's; stop on any other duplicate."""
    rows = connection.execute(
        sa.text(
            f"SELECT id, member_id, event_type, start_date, title, {', '.join(VALUE_COLUMNS)} FROM events "
            f"WHERE ({KEY}) IN (SELECT {KEY} FROM events GROUP BY {KEY} HAVING count(*) > 1) ORDER BY id"
        )
    ).mappings()
    kept: dict[tuple, dict] = {}
    removed: list[tuple[dict, int]] = []
    conflicting: list[str] = []
    for row in rows:
        key = (row["member_id"] or 0, row["event_type"], str(row["start_date"]), row["title"])
        if key not in kept:
            kept[key] = dict(row)
            continue
        first = kept[key]
        if all(first[column] == row[column] for column in VALUE_COLUMNS):
            removed.append((dict(row), first["id"]))
        else:
            conflicting.append(f"{row['title']} ({row['start_date']})")
    if conflicting:
        raise RuntimeError(
            "Migration 0004 angehalten: Diese Veranstaltungen stehen mehrfach mit verschiedenen Werten in der "
            f"Datenbank ({len(conflicting)}): {'; '.join(conflicting[:10])}. Bitte die überzähligen Zeilen "
            "unter Daten → Bearbeiten löschen und die Migration erneut starten."
        )
    moment = datetime.datetime.now(datetime.UTC)
    for row, keeper in removed:
        # Attendance moves to the kept event unless it is recorded there already.
        connection.execute(
            sa.text(
                "DELETE FROM event_attendance WHERE event_id = :duplicate AND EXISTS (SELECT 1 FROM event_attendance "
                "AS kept WHERE kept.event_id = :keeper AND kept.member_id = event_attendance.member_id "
                "AND kept.side = event_attendance.side)"
            ),
            {"duplicate": row["id"], "keeper": keeper},
        )
        connection.execute(
            sa.text("UPDATE event_attendance SET event_id = :keeper WHERE event_id = :duplicate"),
            {"duplicate": row["id"], "keeper": keeper},
        )
        connection.execute(sa.text("DELETE FROM events WHERE id = :id"), {"id": row["id"]})
        connection.execute(
            sa.text(
                "INSERT INTO audit_log (occurred_at, actor, source, action, table_name, natural_key, old_values, "
                "new_values) VALUES (:moment, 'Migration', 'Migration 0004: doppelte Veranstaltung', 'delete', "
                "'events', :key, :old, NULL)"
            ),
            {
                "moment": moment,
                "key": f"{row['title']} / {row['start_date']}",
                "old": json.dumps(row, default=str, ensure_ascii=False, sort_keys=True),
            },
        )
    if removed:
        _rebuild_event_summary(connection)


def _rebuild_event_summary(connection: sa.Connection) -> None:
    """The summary counted every duplicate: rebuild it from the events that remain.

    Plain SQL of this revision's tables, not the application's refresh function, so that
    this migration keeps working when the application's models move on.
    """
    year = (
        "CAST(EXTRACT(YEAR FROM e.start_date) AS INTEGER)"
        if connection.dialect.name == "postgresql"
        else "CAST(strftime('%Y', e.start_date) AS INTEGER)"
    )
    connection.execute(sa.text("DELETE FROM event_summary"))
    connection.execute(
        sa.text(
            "INSERT INTO event_summary (year, event_type, state_code, member_type, regional_network_id, event_count, "
            f"participants, sessions, partners) SELECT {year}, e.event_type, m.state_code, m.member_type, "
            "m.regional_network_id, count(*), coalesce(sum(e.participants), 0), coalesce(sum(e.sessions), 0), "
            "coalesce(sum(e.partners), 0) FROM events AS e LEFT OUTER JOIN members AS m ON m.id = e.member_id "
            f"GROUP BY {year}, e.event_type, m.state_code, m.member_type, m.regional_network_id"
        )
    )


SUMS = {
    "event_summary": ("event_count", "participants", "sessions", "partners"),
    "self_help_topic_summary": ("groups", "new_groups"),
    "self_help_year_summary": ("groups", "new_groups", "reporting_members", "population", "groups_with_population"),
}


def upgrade() -> None:
    for table, columns in SUMS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
    connection = op.get_bind()
    _merge_exact_duplicate_events(connection)
    op.create_index(
        "uq_events_natural_key",
        "events",
        [sa.text("coalesce(member_id, 0)"), "event_type", "start_date", "title"],
        unique=True,
    )
    op.create_table(
        "login_attempts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=True),
        sa.Column("last_failure", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_index("ix_login_attempts_last_failure", "login_attempts", ["last_failure"])
    with op.batch_alter_table("user_accounts") as batch:
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")


def downgrade() -> None:
    with op.batch_alter_table("user_accounts") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.drop_index("ix_login_attempts_last_failure", table_name="login_attempts")
    op.drop_table("login_attempts")
    op.drop_index("uq_events_natural_key", table_name="events")
    for table, columns in SUMS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
