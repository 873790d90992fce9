"""Accounts an administrator can lock, and the time of each account's last password login.

- ``user_accounts.locked``: a locked account keeps its name, role and audit trail but can
  neither log in (password or OpenID Connect) nor keep an open session (the session is
  re-read on every click). Existing accounts stay unlocked.
- ``user_accounts.last_login_at``: set by a successful password login, shown to
  administrators on the Konten page; NULL for accounts that never logged in with a
  password since this revision.

Plain ``ALTER TABLE … ADD COLUMN`` on both databases; the downgrade drops both columns
again (SQLite through a batch copy of the table).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("user_accounts", sa.Column("locked", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("user_accounts", sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_accounts") as batch:
        batch.drop_column("last_login_at")
        batch.drop_column("locked")
