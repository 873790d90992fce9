"""The audit trail as people read it: who changed what, when, from what to what."""

from __future__ import annotations

import datetime

import pandas as pd
from sqlalchemy import Connection, func, select

from data_access.models import AuditEntry

AUDIT_LIST_LIMIT = 1_000


def audit_entries(
    connection: Connection,
    table_name: str | None = None,
    actor: str | None = None,
    since: datetime.date | None = None,
    limit: int = AUDIT_LIST_LIMIT,
) -> pd.DataFrame:
    """The newest ``limit`` audit entries matching the optional table, actor and first day, newest first.

    Columns: occurred_at, actor, source, action, table_name, natural_key, old_values,
    new_values (JSON text).
    """
    statement = select(
        AuditEntry.occurred_at,
        AuditEntry.actor,
        AuditEntry.source,
        AuditEntry.action,
        AuditEntry.table_name,
        AuditEntry.natural_key,
        AuditEntry.old_values,
        AuditEntry.new_values,
    )
    if table_name:
        statement = statement.where(AuditEntry.table_name == table_name)
    if actor:
        statement = statement.where(AuditEntry.actor == actor)
    if since is not None:
        start = datetime.datetime.combine(since, datetime.time(), tzinfo=datetime.UTC)
        statement = statement.where(AuditEntry.occurred_at >= start)
    statement = statement.order_by(AuditEntry.occurred_at.desc(), AuditEntry.id.desc()).limit(limit)
    return pd.DataFrame(connection.execute(statement).all(), columns=list(statement.selected_columns.keys()))


def audit_facets(connection: Connection) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """The tables and actors that occur in the audit log (sorted), and the number of entries."""
    tables = connection.execute(select(AuditEntry.table_name).distinct().order_by(AuditEntry.table_name))
    actors = connection.execute(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor))
    count = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return tuple(tables.scalars()), tuple(actors.scalars()), count
