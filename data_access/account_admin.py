"""What an administrator does with accounts besides creating and removing them: role, Kommune, lock.

The Konten page in the browser and ``python -m data_access user role|lock|unlock`` both
call these functions. Every change is one write transaction with its audit entry (source
"Konten"), and every refusal is an :class:`~data_access.accounts.AccountError` with a
German sentence; nothing is changed then. ``acting_account`` names the administrator
working in the browser, so that nobody can lock or demote themselves; the command line
passes None (whoever has shell access can always add another admin first).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update

from data_access.accounts import (
    NO_PASSWORD,
    Account,
    AccountError,
    check_role,
    keep_an_admin,
    member_id_of,
)
from data_access.audit import Change, record
from data_access.engine import read_connection, write_transaction
from data_access.models import Member, UserAccount

AUDIT_SOURCE = "Konten"


@dataclass(frozen=True)
class AccountOverview:
    """One account as an administrator sees it (never a hash)."""

    name: str
    role: str
    member: str | None
    """The Kommune a data steward is bound to (None: all Kommunen)."""
    locked: bool
    has_password: bool
    """False for an account that only logs in through OpenID Connect."""
    last_login_at: datetime.datetime | None
    """The last successful password login, in UTC (None: none recorded)."""


def account_overview(engine: Engine) -> list[AccountOverview]:
    """Every account, by name, with role, Kommune, lock, whether it has a password and its last login."""
    with read_connection(engine) as connection:
        rows = connection.execute(
            select(
                UserAccount.name,
                UserAccount.role,
                Member.name,
                UserAccount.locked,
                UserAccount.password_hash,
                UserAccount.last_login_at,
            )
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .order_by(UserAccount.name)
        ).all()
    return [
        AccountOverview(name, role, member, bool(locked), password_hash != NO_PASSWORD, _utc(last_login))
        for name, role, member, locked, password_hash, last_login in rows
    ]


def _utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    """SQLite hands back the stored UTC time without its zone; PostgreSQL with it."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=datetime.UTC)


def change_role(
    engine: Engine,
    name: str,
    role: str,
    member: str | None,
    *,
    actor: str,
    acting_account: str | None = None,
) -> Account:
    """Give ``name`` the role ``role`` and the Kommune ``member`` (None: all); audited with old and new values.

    Demoting an admin is refused for one's own account and for the last unlocked admin
    (:func:`~data_access.accounts.keep_an_admin`). An open session of the account gets the
    new rights at its next click (the session re-reads the account on every run).
    """
    check_role(role, member)
    with write_transaction(engine) as connection:
        row = connection.execute(
            select(UserAccount.id, UserAccount.role, Member.name)
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .where(UserAccount.name == name)
        ).first()
        if row is None:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        if row.role == role and row[2] == member:
            raise AccountError(f"„{name}“ hat diese Rolle und Kommune schon; nichts geändert.")
        if row.role == "admin" and role != "admin":
            keep_an_admin(connection, name, acting_account, "herabgestuft")
        member_id = member_id_of(connection, member)
        connection.execute(update(UserAccount).where(UserAccount.id == row.id).values(role=role, member_id=member_id))
        change = Change(
            "update",
            "user_accounts",
            name,
            {"rolle": row.role, "kommune": row[2]},
            {"rolle": role, "kommune": member},
        )
        record(connection, [change], actor=actor, source=AUDIT_SOURCE)
    return Account(name, role, member)


def lock_account(engine: Engine, name: str, *, actor: str, acting_account: str | None = None) -> None:
    """Lock ``name``: no login by password or OpenID Connect, and an open session loses its rights at its next click.

    Refused for one's own account and for the last unlocked admin; audited.
    """
    _set_locked(engine, name, True, actor=actor, acting_account=acting_account)


def unlock_account(engine: Engine, name: str, *, actor: str) -> None:
    """Lift the lock of ``name`` (the password stays as it was); audited."""
    _set_locked(engine, name, False, actor=actor, acting_account=None)


def _set_locked(engine: Engine, name: str, locked: bool, *, actor: str, acting_account: str | None) -> None:
    with write_transaction(engine) as connection:
        current = connection.execute(select(UserAccount.locked).where(UserAccount.name == name)).first()
        if current is None:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        if bool(current.locked) == locked:
            state = "ist schon gesperrt" if locked else "ist nicht gesperrt"
            raise AccountError(f"Das Konto „{name}“ {state}; nichts geändert.")
        if locked:
            keep_an_admin(connection, name, acting_account, "gesperrt")
        connection.execute(update(UserAccount).where(UserAccount.name == name).values(locked=locked))
        change = Change("update", "user_accounts", name, {"gesperrt": not locked}, {"gesperrt": locked})
        record(connection, [change], actor=actor, source=AUDIT_SOURCE)


def account_is_locked(engine: Engine, name: str) -> bool:
    """True when the account ``name`` (case as :func:`accounts.find_account` ignores it) exists and is locked.

    For the message an OpenID Connect login without rights gets: "gesperrt" rather than "no account".
    """
    with read_connection(engine) as connection:
        locked = connection.execute(
            select(UserAccount.locked).where(func.lower(UserAccount.name) == name.lower())
        ).scalars()
        return any(locked)
