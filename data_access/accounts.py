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
from sqlalchemy import Connection, Engine, Select, case, delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from data_access.audit import Change, record
from data_access.engine import DatabaseReadOnlyError, read_connection, write_transaction
from data_access.importing.problems import forbidden_character, shown_text
from data_access.models import LoginAttempt, Member, UserAccount

ROLES = ("editor", "admin")
MAX_FAILED_LOGINS = 5
"""Failed logins in a row before an account is locked for a while."""
LOCK_SECONDS = 60
"""The first lock; it doubles with every further failure, up to ``MAX_LOCK_SECONDS``."""
MAX_LOCK_SECONDS = 15 * 60
MIN_PASSWORD_LENGTH = 10
ACCOUNT_NAME_LENGTH = UserAccount.__table__.c.name.type.length

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
    if len(name) > ACCOUNT_NAME_LENGTH:
        raise AccountError(f"Der Name darf höchstens {ACCOUNT_NAME_LENGTH} Zeichen lang sein.")
    if forbidden_character(name):
        raise AccountError("Der Name darf keine unsichtbaren Steuer- oder Formatzeichen enthalten.")
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
                name=name, password_hash=_HASHER.hash(_secret(password)), role=role, member_id=member_id
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
            update(UserAccount).where(UserAccount.name == name).values(password_hash=_HASHER.hash(_secret(password)))
        )
        if not changed.rowcount:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        connection.execute(delete(LoginAttempt).where(LoginAttempt.name == name))  # lifts a lock
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


LOCK_SECONDS_AFTER = {
    failures: min(LOCK_SECONDS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_SECONDS)
    for failures in range(MAX_FAILED_LOGINS, MAX_FAILED_LOGINS + 5)
}
"""Seconds a name is locked after this many failures in a row (more failures: ``MAX_LOCK_SECONDS``)."""
FORGET_AFTER_SECONDS = 24 * 60 * 60
"""A name without a failed login for a day starts counting afresh (and its row is deleted)."""
MAX_NAME_LENGTH = LoginAttempt.__table__.c.name.type.length
"""Characters of a typed name that the failed-login counter keeps (longer names share a counter)."""
WRONG = "Name oder Passwort stimmt nicht."
READ_ONLY_LOGIN = (
    "Anmelden ist hier nicht möglich: Diese Instanz des Dashboards darf die Datenbank nur lesen. "
    "Zur Datenpflege bitte die Adresse der schreibenden Instanz verwenden."
)


def authenticate(engine: Engine, name: str, password: str, now: datetime.datetime | None = None) -> Account:
    """The account of ``name`` if ``password`` is right; else AccountError in German.

    Every attempt first claims a guess for the typed name in one atomic statement
    (:func:`_claim_guess`), and only a claimed guess is checked against the hash. After
    ``MAX_FAILED_LOGINS`` failures in a row the name is locked, first for a minute, then
    twice as long with every further failure (at most 15 minutes); during a lock even the
    right password is refused, unchecked, so guessing gains nothing, also with many
    attempts at once from many processes. Names are counted whether an account has them or
    not, and an unknown name costs the same hash check: no answer and no timing tells
    whether an account exists. On a read-only database the claim is refused before any
    lookup, with the same German message for every name.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    name = name.strip()
    # A name no account can have (too long, control characters, lone surrogates, which
    # PostgreSQL refuses to store) is counted under a storable form and never looked up.
    possible = len(name) <= ACCOUNT_NAME_LENGTH and forbidden_character(name) is None
    seconds_locked = _claim_guess(engine, shown_text(name, MAX_NAME_LENGTH), now)
    if seconds_locked:
        raise AccountError(f"Zu viele Fehlversuche. Bitte in {seconds_locked} Sekunden erneut versuchen.")
    if not possible:
        _verify(_DUMMY_HASH, password)
        raise AccountError(WRONG)
    with read_connection(engine) as connection:
        account = connection.execute(
            select(UserAccount.id, UserAccount.name, UserAccount.role, UserAccount.password_hash, Member.name)
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .where(UserAccount.name == name)
        ).first()
    if account is None:
        _verify(_DUMMY_HASH, password)
        raise AccountError(WRONG)
    if not _verify(account.password_hash, password):
        raise AccountError(WRONG)
    final_hash = account.password_hash
    with write_transaction(engine) as connection:
        connection.execute(delete(LoginAttempt).where(LoginAttempt.name == name))
        if _HASHER.check_needs_rehash(account.password_hash):
            final_hash = _HASHER.hash(_secret(password))
            connection.execute(update(UserAccount).where(UserAccount.id == account.id).values(password_hash=final_hash))
    return Account(account.name, account.role, account[4], _stamp(final_hash))


def _claim_guess(engine: Engine, name: str, now: datetime.datetime) -> int:
    """Count one failed login for ``name`` before its password is checked; return the seconds it is locked (0: go on).

    One atomic statement, so concurrent attempts (threads, processes, browser sessions) can
    never check more guesses than the limit: an insert of the first failure, or an update
    of the row that adds one and sets the lock once the limit is reached, but only while
    the name is not locked (``WHERE``); a row that comes back means the guess may be
    checked. PostgreSQL evaluates that condition on the newest row version after waiting
    for a concurrent update of the same name; SQLite runs one writer at a time. A right
    password deletes the row again (the counter is "failures in a row").
    """
    moment = now.timestamp()
    dialect_insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
    failures = LoginAttempt.failures + 1
    lock = case(
        (failures < MAX_FAILED_LOGINS, None),
        else_=moment + case(LOCK_SECONDS_AFTER, value=failures, else_=MAX_LOCK_SECONDS),
    )
    claim = (
        dialect_insert(LoginAttempt)
        .values(name=name, failures=1, locked_until=None, last_failure=moment)  # the limit is above one
        .on_conflict_do_update(
            index_elements=[LoginAttempt.name],
            set_={"failures": failures, "locked_until": lock, "last_failure": moment},
            where=or_(LoginAttempt.locked_until.is_(None), LoginAttempt.locked_until <= moment),
        )
        .returning(LoginAttempt.failures)
    )
    try:
        with write_transaction(engine, serialised=False) as connection:
            connection.execute(
                delete(LoginAttempt).where(
                    LoginAttempt.last_failure < moment - FORGET_AFTER_SECONDS,
                    or_(LoginAttempt.locked_until.is_(None), LoginAttempt.locked_until < moment),
                )
            )
            if connection.execute(claim).first() is not None:
                return 0
            locked_until = connection.execute(
                select(LoginAttempt.locked_until).where(LoginAttempt.name == name)
            ).scalar_one()
    except DatabaseReadOnlyError:
        raise AccountError(READ_ONLY_LOGIN) from None
    return max(1, math.ceil(locked_until - moment))


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


def _secret(password: str) -> bytes:
    """The password as bytes for Argon2; a lone surrogate (only a program can send one) is kept, not an error."""
    return password.encode("utf-8", "surrogatepass")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, _secret(password))
    except (VerificationError, InvalidHashError):
        return False


def find_account(engine: Engine, name: str) -> Account | None:
    """The account called ``name`` (for an OpenID Connect login: the e-mail address), or None."""
    with read_connection(engine) as connection:
        return _account_row(connection, name)
