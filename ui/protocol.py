"""The audit log view of Daten → Protokoll (cached briefly; cleared with every write)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from metrics.audit import audit_table
from ui import data


@dataclass(frozen=True)
class AuditView:
    """The entries of one choice of filters, with the values the filters offer."""

    tables: tuple[str, ...]
    actors: tuple[str, ...]
    total: int
    table: pd.DataFrame


@data.view_cache
def audit_view(table_name: str | None, actor: str | None, since: datetime.date | None) -> AuditView:
    """The newest audit entries for the filters (None: no restriction)."""
    with data.one_connection() as query:
        tables, actors, total = query.audit_facets()
        entries = query.audit_entries(table_name, actor, since)
    return AuditView(tables, actors, total, audit_table(entries))
