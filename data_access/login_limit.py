"""The limit on failed logins: a counter per typed name, kept in the database, and the lock it sets.

Kept apart from the accounts (``data_access.accounts``) because it counts names, not
accounts: an unknown name is counted and locked exactly like a known one.
"""

from __future__ import annotations

import datetime
import math

from sqlalchemy import Engine, case, delete, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from data_access.engine import write_transaction
from data_access.models import LoginAttempt

MAX_FAILED_LOGINS = 5
"""Failed logins in a row before an account is locked for a while."""
LOCK_SECONDS = 60
"""The first lock; it doubles with every further failure, up to ``MAX_LOCK_SECONDS``."""
MAX_LOCK_SECONDS = 15 * 60
LOCK_SECONDS_AFTER = {
    failures: min(LOCK_SECONDS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_SECONDS)
    for failures in range(MAX_FAILED_LOGINS, MAX_FAILED_LOGINS + 5)
}
"""Seconds a name is locked after this many failures in a row (more failures: ``MAX_LOCK_SECONDS``)."""
FORGET_AFTER_SECONDS = 24 * 60 * 60
"""A name without a failed login for a day starts counting afresh (and its row is deleted)."""
MAX_NAME_LENGTH = LoginAttempt.__table__.c.name.type.length
"""Characters of a typed name that the failed-login counter keeps (longer names share a counter)."""


def claim_guess(engine: Engine, name: str, now: datetime.datetime) -> int:
    """Count one failed login for ``name`` before its password is checked; return the seconds it is locked (0: go on).

    One atomic statement, so concurrent attempts (threads, processes, browser sessions) can
    never check more guesses than the limit: an insert of the first failure, or an update
    of the row that adds one and sets the lock once the limit is reached, but only while
    the name is not locked (``WHERE``); a row that comes back means the guess may be
    checked. PostgreSQL evaluates that condition on the newest row version after waiting
    for a concurrent update of the same name; SQLite runs one writer at a time. A right
    password deletes the row again (the counter is "failures in a row"). On a read-only
    database the claim raises ``DatabaseReadOnlyError`` (the caller says so in German).
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
    return max(1, math.ceil(locked_until - moment))
