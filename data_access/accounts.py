"""Editor accounts of the built-in login: Argon2 password hashes, roles, a limit on failed logins.

Used when no OpenID Connect provider is configured (see README). Roles: an "editor" bound
to a Kommune (a data steward) may change only that Kommune's rows; an editor without a
Kommune (the Geschäftsstelle) and an "admin" may change all rows; only an admin manages
accounts. Every account change is audited like any other write.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Select, delete, insert, select, update

from data_access.audit import Change, record
from data_access.engine import read_connection, write_transaction
from data_access.models import Member, UserAccount

ROLES = ("editor", "admin")
MAX_FAILED_LOGINS = 5
"""Failed logins in a row before an account is locked for a while."""
LOCK_SECONDS = 60
"""The first lock; it doubles with every further failure, up to ``MAX_LOCK_SECONDS``."""
MAX_LOCK_SECONDS = 15 * 60
MIN_PASSWORD_LENGTH = 10

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("kein Konto mit diesem Namen")


class AccountError(ValueError):
    """A German sentence saying why an account could not be created or used."""


@dataclass(frozen=True)
class Account:
    """Who is logged in: name, role and the Kommune a data steward is bound to (None: all)."""

    name: str
    role: str
    member: str | None = None
    stamp: str = field(default="", compare=False, repr=False)
    """For a built-in login: a digest of the password hash at login. A session whose stamp no
    longer matches (the password was changed or the account removed) is over."""

    @property
    def is_admin(self) -> bool:
        """True for an admin (all rows, and the accounts)."""
        return self.role == "admin"

    def may_change(self, member: str | None) -> bool:
        """True when this account may write rows of ``member`` (None: network-wide rows)."""
        return self.is_admin or self.member is None or self.member == member


def add_account(engine: Engine, name: str, password: str, role: str, member: str | None, *, actor: str) -> Account:
    """Create an account (hash only, never the password) and audit it; raise AccountError with a German reason."""
    name = name.strip()
    if not name:
        raise AccountError("Der Name darf nicht leer sein.")
    if role not in ROLES:
        raise AccountError(f"Unbekannte Rolle „{role}“; erlaubt sind: {', '.join(ROLES)}.")
    _check_password(password)
    with write_transaction(engine) as connection:
        if connection.execute(select(UserAccount.id).where(UserAccount.name == name)).first():
            raise AccountError(f"Ein Konto „{name}“ gibt es schon.")
        member_id = None
        if member is not None:
            member_id = connection.execute(select(Member.id).where(Member.name == member)).scalar()
            if member_id is None:
                raise AccountError(f"Die Kommune „{member}“ ist kein Mitglied.")
        connection.execute(
            insert(UserAccount).values(
                name=name, password_hash=_HASHER.hash(password), role=role, member_id=member_id, failed_logins=0
            )
        )
        values = {"name": name, "rolle": role, "kommune": member}
        record(connection, [Change("insert", "user_accounts", name, None, values)], actor=actor, source="Konten")
    return Account(name, role, member)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")


def set_password(engine: Engine, name: str, password: str, *, actor: str) -> None:
    """Give ``name`` a new password (which also lifts a lock); audited without the password."""
    _check_password(password)
    with write_transaction(engine) as connection:
        changed = connection.execute(
            update(UserAccount)
            .where(UserAccount.name == name)
            .values(password_hash=_HASHER.hash(password), failed_logins=0, locked_until=None)
        )
        if not changed.rowcount:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        change = Change("update", "user_accounts", name, {"passwort": "alt"}, {"passwort": "neu"})
        record(connection, [change], actor=actor, source="Konten")


def remove_account(engine: Engine, name: str, *, actor: str) -> None:
    """Delete the account ``name`` (its audit entries stay); audited."""
    with write_transaction(engine) as connection:
        account = _account_row(connection, name)
        if account is None:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        connection.execute(delete(UserAccount).where(UserAccount.name == name))
        values = {"name": account.name, "rolle": account.role, "kommune": account.member}
        record(connection, [Change("delete", "user_accounts", name, values, None)], actor=actor, source="Konten")


def list_accounts(engine: Engine) -> list[Account]:
    """Every account, by name."""
    with read_connection(engine) as connection:
        rows = connection.execute(_accounts_statement().order_by(UserAccount.name)).all()
    return [Account(*row) for row in rows]


def _accounts_statement() -> Select:
    return select(UserAccount.name, UserAccount.role, Member.name).outerjoin(Member, Member.id == UserAccount.member_id)


def _account_row(connection: Connection, name: str) -> Account | None:
    row = connection.execute(_accounts_statement().where(UserAccount.name == name)).first()
    return None if row is None else Account(*row)


def _lock_seconds(failures: int) -> int:
    return min(LOCK_SECONDS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_SECONDS)


def authenticate(engine: Engine, name: str, password: str, now: datetime.datetime | None = None) -> Account:
    """The account of ``name`` if ``password`` is right; else AccountError in German.

    After ``MAX_FAILED_LOGINS`` failures in a row the account is locked, first for a
    minute, then twice as long with every further failure (at most 15 minutes); a right
    password during a lock is refused too, so guessing gains nothing. An unknown name costs
    the same hash check as a known one and gets the same message.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    with write_transaction(engine) as connection:
        # The outcome is decided inside the transaction but raised after it: a failed
        # login must be counted (committed), not rolled back with the exception.
        outcome = _check_login(connection, name.strip(), password, now)
    if isinstance(outcome, AccountError):
        raise outcome
    return outcome


def _check_login(connection: Connection, name: str, password: str, now: datetime.datetime) -> Account | AccountError:
    wrong = AccountError("Name oder Passwort stimmt nicht.")
    account = connection.execute(
        select(
            UserAccount.id,
            UserAccount.name,
            UserAccount.role,
            UserAccount.password_hash,
            UserAccount.failed_logins,
            UserAccount.locked_until,
            Member.name.label("member_name"),
        )
        .outerjoin(Member, Member.id == UserAccount.member_id)
        .where(UserAccount.name == name)
    ).first()
    if account is None:
        _verify(_DUMMY_HASH, password)
        return wrong
    locked_until = account.locked_until
    if locked_until is not None and locked_until.tzinfo is None:  # SQLite returns naive UTC
        locked_until = locked_until.replace(tzinfo=datetime.UTC)
    if locked_until is not None and locked_until > now:
        seconds = math.ceil((locked_until - now).total_seconds())
        return AccountError(f"Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.")
    if not _verify(account.password_hash, password):
        failures = account.failed_logins + 1
        lock = now + datetime.timedelta(seconds=_lock_seconds(failures)) if failures >= MAX_FAILED_LOGINS else None
        connection.execute(
            update(UserAccount).where(UserAccount.id == account.id).values(failed_logins=failures, locked_until=lock)
        )
        return wrong
    changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if _HASHER.check_needs_rehash(account.password_hash):
        changes["password_hash"] = _HASHER.hash(password)
    connection.execute(update(UserAccount).where(UserAccount.id == account.id).values(**changes))
    final_hash = str(changes.get("password_hash", account.password_hash))
    return Account(account.name, account.role, account.member_name, _stamp(final_hash))


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def confirm_session(engine: Engine, account: Account) -> Account | None:
    """The account of a built-in login as the database has it now, or None when the login is no longer valid.

    Called on every run of a logged-in session, so that removing an account or changing its
    password (``user password``, e.g. after a suspected leak) ends every session logged in
    with it at once, and a new role or Kommune applies at once. A session is only ever
    created by :func:`authenticate`; nothing a browser sends can make one.
    """
    with read_connection(engine) as connection:
        row = connection.execute(
            select(UserAccount.name, UserAccount.role, Member.name, UserAccount.password_hash)
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .where(UserAccount.name == account.name)
        ).first()
    if row is None or not account.stamp or _stamp(row.password_hash) != account.stamp:
        return None
    return Account(row[0], row[1], row[2], account.stamp)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def find_account(engine: Engine, name: str) -> Account | None:
    """The account called ``name`` (for an OpenID Connect login: the e-mail address), or None."""
    with read_connection(engine) as connection:
        return _account_row(connection, name)
