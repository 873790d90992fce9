"""Editor accounts of the built-in login: Argon2 password hashes, roles, a limit on failed logins.

Used when no OpenID Connect provider is configured (see README). Roles: an "editor" bound
to a Kommune (a data steward) may change only that Kommune's rows; an editor without a
Kommune (the Geschäftsstelle) and an "admin" may change all rows; only an admin manages
accounts. Every account change is audited like any other write.

An account may have no password (:data:`NO_PASSWORD`): with OpenID Connect the identity
provider proves who logs in and the e-mail address is looked up by :func:`find_account`,
so such an account needs none, and no password login can ever succeed for it. An
administrator can lock an account (``locked``): it can then neither log in (password or
OpenID Connect) nor keep an open session, but keeps its name, role and audit trail.
Changing role and Kommune and locking live in ``data_access.account_admin``.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, update

from data_access.audit import Change, record
from data_access.engine import DatabaseReadOnlyError, read_connection, write_transaction
from data_access.importing.problems import forbidden_character, shown_text
from data_access.login_limit import MAX_FAILED_LOGINS as MAX_FAILED_LOGINS
from data_access.login_limit import MAX_NAME_LENGTH, claim_guess
from data_access.models import LoginAttempt, Member, UserAccount

ROLES = ("editor", "admin")
MIN_PASSWORD_LENGTH = 10
NO_PASSWORD = ""
"""The stored hash of an account without a password (OpenID Connect only): no password matches it."""
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


def add_account(
    engine: Engine, name: str, password: str | None, role: str, member: str | None, *, actor: str
) -> Account:
    """Create an account (hash only, never the password) and audit it; raise AccountError with a German reason.

    ``password`` None: an account for OpenID Connect only, which no password login opens.
    """
    name = name.strip()
    if not name:
        raise AccountError("Der Name darf nicht leer sein.")
    if len(name) > ACCOUNT_NAME_LENGTH:
        raise AccountError(f"Der Name darf höchstens {ACCOUNT_NAME_LENGTH} Zeichen lang sein.")
    if forbidden_character(name):
        raise AccountError("Der Name darf keine unsichtbaren Steuer- oder Formatzeichen enthalten.")
    check_role(role, member)
    if password is not None:
        _check_password(password)
    password_hash = NO_PASSWORD if password is None else _HASHER.hash(_secret(password))
    with write_transaction(engine) as connection:
        if connection.execute(select(UserAccount.id).where(UserAccount.name == name)).first():
            raise AccountError(f"Ein Konto „{name}“ gibt es schon.")
        member_id = member_id_of(connection, member)
        connection.execute(
            insert(UserAccount).values(name=name, password_hash=password_hash, role=role, member_id=member_id)
        )
        values = {"name": name, "rolle": role, "kommune": member, "passwort": "keins" if password is None else "ja"}
        record(connection, [Change("insert", "user_accounts", name, None, values)], actor=actor, source="Konten")
    return Account(name, role, member)


def check_role(role: str, member: str | None) -> None:
    """Raise AccountError unless ``role`` is known; an admin changes every Kommune, so none is given for one."""
    if role not in ROLES:
        raise AccountError(f"Unbekannte Rolle „{role}“; erlaubt sind: {', '.join(ROLES)}.")
    if role == "admin" and member is not None:
        raise AccountError("Ein Admin-Konto pflegt alle Kommunen; bitte keine Kommune angeben.")


def member_id_of(connection: Connection, member: str | None) -> int | None:
    """The id of the Kommune ``member`` (None: all Kommunen); AccountError when it is no member."""
    if member is None:
        return None
    member_id = connection.execute(select(Member.id).where(Member.name == member)).scalar()
    if member_id is None:
        raise AccountError(f"Die Kommune „{member}“ ist kein Mitglied.")
    return member_id


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")


def set_password(engine: Engine, name: str, password: str, *, actor: str) -> None:
    """Give ``name`` a new password (which also lifts the failed-login lock, not a lock set by an admin); audited."""
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


def remove_account(engine: Engine, name: str, *, actor: str, acting_account: str | None = None) -> None:
    """Delete the account ``name`` (its audit entries stay); audited.

    ``acting_account``: the administrator doing this in the browser (None: the command
    line). See :func:`keep_an_admin` for what is refused.
    """
    with write_transaction(engine) as connection:
        account = _account_row(connection, name)
        if account is None:
            raise AccountError(f"Ein Konto „{name}“ gibt es nicht.")
        keep_an_admin(connection, name, acting_account, "gelöscht")
        connection.execute(delete(UserAccount).where(UserAccount.name == name))
        values = {"name": account.name, "rolle": account.role, "kommune": account.member}
        record(connection, [Change("delete", "user_accounts", name, values, None)], actor=actor, source="Konten")


def _accounts_statement() -> Select:
    return select(UserAccount.name, UserAccount.role, Member.name).outerjoin(Member, Member.id == UserAccount.member_id)


def _account_row(connection: Connection, name: str) -> Account | None:
    row = connection.execute(_accounts_statement().where(UserAccount.name == name)).first()
    return None if row is None else Account(*row)


def keep_an_admin(connection: Connection, name: str, acting_account: str | None, done: str) -> None:
    """Refuse (AccountError) to lock, remove or demote ``name`` when that would leave no way to manage accounts.

    ``done`` says what would happen ("gesperrt", "gelöscht", "herabgestuft"). An administrator
    cannot do it to their own account (``acting_account``), and the last unlocked admin
    account stays. Called inside the write transaction that changes the account, so two
    administrators locking each other at the same moment queue and the second is refused.
    """
    if acting_account is not None and acting_account == name:
        raise AccountError(f"Das eigene Konto kann nicht {done} werden. Das muss ein anderes Admin-Konto tun.")
    row = connection.execute(select(UserAccount.role, UserAccount.locked).where(UserAccount.name == name)).first()
    if row is None or row.role != "admin" or row.locked:
        return
    others = connection.execute(
        select(UserAccount.id).where(UserAccount.role == "admin", ~UserAccount.locked, UserAccount.name != name)
    ).first()
    if others is None:
        raise AccountError(
            f"„{name}“ ist das letzte nicht gesperrte Admin-Konto und kann nicht {done} werden. "
            "Bitte zuerst ein weiteres Admin-Konto anlegen."
        )


WRONG = "Name oder Passwort stimmt nicht."
LOCKED = "Dieses Konto ist gesperrt. Bitte bei der Geschäftsstelle melden."
READ_ONLY_LOGIN = (
    "Anmelden ist hier nicht möglich: Diese Instanz des Dashboards darf die Datenbank nur lesen. "
    "Zur Datenpflege bitte die Adresse der schreibenden Instanz verwenden."
)


def authenticate(engine: Engine, name: str, password: str, now: datetime.datetime | None = None) -> Account:
    """The account of ``name`` if ``password`` is right; else AccountError in German.

    Every attempt first claims a guess for the typed name in one atomic statement
    (:func:`data_access.login_limit.claim_guess`), and only a claimed guess is checked against the hash. After
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
    try:
        seconds_locked = claim_guess(engine, shown_text(name, MAX_NAME_LENGTH), now)
    except DatabaseReadOnlyError:
        raise AccountError(READ_ONLY_LOGIN) from None
    if seconds_locked:
        raise AccountError(f"Zu viele Fehlversuche. Bitte in {seconds_locked} Sekunden erneut versuchen.")
    if not possible:
        _verify(_DUMMY_HASH, password)
        raise AccountError(WRONG)
    with read_connection(engine) as connection:
        account = connection.execute(
            select(
                UserAccount.id,
                UserAccount.name,
                UserAccount.role,
                UserAccount.password_hash,
                Member.name,
                UserAccount.locked,
            )
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .where(UserAccount.name == name)
        ).first()
    if account is None or account.password_hash == NO_PASSWORD:  # the same cost as a wrong password
        _verify(_DUMMY_HASH, password)
        raise AccountError(WRONG)
    if not _verify(account.password_hash, password):
        raise AccountError(WRONG)
    if account.locked:  # told only to someone who knows the password
        raise AccountError(LOCKED)
    final_hash = account.password_hash
    with write_transaction(engine) as connection:
        connection.execute(delete(LoginAttempt).where(LoginAttempt.name == name))
        values: dict[str, object] = {"last_login_at": now}
        if _HASHER.check_needs_rehash(account.password_hash):
            final_hash = values["password_hash"] = _HASHER.hash(_secret(password))
        connection.execute(update(UserAccount).where(UserAccount.id == account.id).values(**values))
    return Account(account.name, account.role, account[4], _stamp(final_hash))


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def confirm_session(engine: Engine, account: Account) -> Account | None:
    """The account of a built-in login as the database has it now, or None when the login is no longer valid.

    Called on every run of a logged-in session, so that removing or locking an account or
    changing its password (``user password``, e.g. after a suspected leak) ends every
    session logged in with it at once, and a new role or Kommune applies at once. A session is only ever
    created by :func:`authenticate`; nothing a browser sends can make one.
    """
    with read_connection(engine) as connection:
        row = connection.execute(
            select(UserAccount.name, UserAccount.role, Member.name, UserAccount.password_hash, UserAccount.locked)
            .outerjoin(Member, Member.id == UserAccount.member_id)
            .where(UserAccount.name == account.name)
        ).first()
    if row is None or row.locked or not account.stamp or _stamp(row.password_hash) != account.stamp:
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
    """The unlocked account called ``name`` (for an OpenID Connect login: the e-mail address), or None.

    Called on every run of an OpenID Connect session, so locking or removing the account
    ends its rights at the next click. Case does not matter when only one account fits:
    providers send "Anna.Schmidt@Kiel.de" for the account "anna.schmidt@kiel.de" (the
    exact spelling wins where two accounts differ only in case).
    """
    with read_connection(engine) as connection:
        rows = connection.execute(
            _accounts_statement().where(func.lower(UserAccount.name) == name.lower(), ~UserAccount.locked)
        ).all()
    exact = [row for row in rows if row[0] == name]
    chosen = exact or (rows if len(rows) == 1 else [])
    return Account(*chosen[0]) if chosen else None
