"""Daten → Protokoll: the newest audit entries for a choice of filters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from data_access.queries import AUDIT_LIST_LIMIT
from data_access.queries.bound import BoundQueries
from metrics.audit import audit_table


@dataclass(frozen=True)
class AuditView:
    """The entries of one choice of filters, with the values the filters offer."""

    tables: tuple[str, ...]
    actors: tuple[str, ...]
    total: int
    table: pd.DataFrame
    list_limit: int = AUDIT_LIST_LIMIT
    """At most this many entries are listed (the newest)."""


def build(query: BoundQueries, table_name: str | None, actor: str | None, since: datetime.date | None) -> AuditView:
    """The newest audit entries for the filters (None: no restriction)."""
    tables, actors, total = query.audit_facets()
    entries = query.audit_entries(table_name, actor, since)
    return AuditView(tables, actors, total, audit_table(entries))
