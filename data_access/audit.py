"""The audit trail: every write records who, when, what and the old and new values.

Writers call :func:`record` inside their own transaction, so a row and its audit entry
are committed together or not at all.
"""

from __future__ import annotations

import datetime
import getpass
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert

from data_access.importing.problems import shown_text
from data_access.models import AuditEntry

ACTOR_LENGTH = AuditEntry.__table__.c.actor.type.length
SOURCE_LENGTH = AuditEntry.__table__.c.source.type.length


@dataclass(frozen=True)
class Change:
    """One row change: action is "insert", "update" or "delete"; values are JSON-able mappings."""

    action: str
    table_name: str
    natural_key: str
    old_values: Mapping[str, Any] | None
    new_values: Mapping[str, Any] | None


def default_actor() -> str:
    """The name recorded for command-line writes: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unbekannt"


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def record(
    connection: Connection,
    changes: list[Change],
    *,
    actor: str,
    source: str,
    moment: datetime.datetime | None = None,
) -> None:
    """Append ``changes`` to the audit log in the caller's transaction (one timestamp for all).

    A writer that records in several chunks passes one ``moment``, so that one import
    stays one point in time in the Protokoll.
    """
    if not changes:
        return
    moment = moment or datetime.datetime.now(datetime.UTC)
    # Who and where come from outside (a --user option, an uploaded file's name): bounded to
    # their columns and free of control characters, so PostgreSQL stores what SQLite stores.
    actor = shown_text(actor, ACTOR_LENGTH)
    source = shown_text(source, SOURCE_LENGTH)
    connection.execute(
        insert(AuditEntry),
        [
            {
                "occurred_at": moment,
                "actor": actor,
                "source": source,
                "action": change.action,
                "table_name": change.table_name,
                "natural_key": change.natural_key,
                "old_values": _json(change.old_values),
                "new_values": _json(change.new_values),
            }
            for change in changes
        ],
    )
