"""Writing an accepted import plan: rows, audit entries and summaries in the caller's write transaction.

Split from ``plan.py`` (which reads, checks and compares) because writing is the only part
that runs while the write lock is held: everything here must be quick and bounded.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from data_access.audit import Change, record
from data_access.importing.rows import MODELS, identity
from data_access.importing.templates import MEETING_TYPE, Template
from data_access.importing.validation import Problems, Record, key_text
from data_access.models import Event, Member, RegionalNetwork
from data_access.summary import (
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
)

MEMBER_FILTER_FIELDS = ("member_type", "state_code", "network")
"""Member fields the event summary is grouped by: changing one moves that member's events."""
CHUNK_ROWS = 500
"""Rows per statement when looking up or writing: bounded memory and bind parameters (4 per key row)."""


@dataclass(frozen=True)
class ExistingRow:
    """A row already in the database: its id and its values in template field terms."""

    id: int
    values: dict[str, Any]


@dataclass
class ImportPlan:
    """What importing a file would do (or did): new rows, changed rows, unchanged count, problems."""

    template: Template
    file_name: str
    inserts: list[Record] = field(default_factory=list)
    updates: list[tuple[ExistingRow, Record]] = field(default_factory=list)
    unchanged: int = 0
    problems: Problems = field(default_factory=Problems)
    """At most ``MAX_PROBLEMS`` kept; ``problems.total`` counts all of them."""
    deletes: list[ExistingRow] = field(default_factory=list)
    """Rows to delete; only the editor plans deletions (an import never deletes)."""
    hints: Problems = field(default_factory=Problems)
    """Plausibility hints (``hints.py``): valid but unlikely values; they never block writing."""
    confirmed: list[ExistingRow] = field(default_factory=list)
    """Stored rows the file holds unchanged: a person's file confirms them, so a demo row among them
    becomes theirs (its demo mark is cleared) and survives removing the demo data."""

    @property
    def accepted(self) -> bool:
        """True when the file has no problem and may be written."""
        return not self.problems


def same(old: Any, new: Any) -> bool:
    """Equal as stored: floats to six places (coordinates), everything else exactly."""
    if isinstance(old, float) or isinstance(new, float):
        return old is not None and new is not None and round(float(old), 6) == round(float(new), 6)
    return old == new


def chunks(items: list[Any], size: int = CHUNK_ROWS) -> Iterator[list[Any]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _audit_values(template: Template, values: dict[str, Any]) -> dict[str, Any]:
    """Values keyed by the German column names, as data stewards know them."""
    return {column.name: values.get(column.field) for column in template.columns}


def _network_ids(connection: Connection, names: Iterable[str], changes: list[Change]) -> dict[str, int]:
    """Ids of the named networks, creating (and auditing) the ones that do not exist yet."""
    ids = dict(connection.execute(select(RegionalNetwork.name, RegionalNetwork.id)).all())
    for name in sorted(set(names) - set(ids)):
        ids[name] = connection.execute(insert(RegionalNetwork).values(name=name)).inserted_primary_key[0]
        changes.append(Change("insert", "regional_networks", name, None, {"name": name}))
    return ids


def meeting_ids(connection: Connection) -> dict[datetime.date, int]:
    """Event ids of the network-wide Mitgliederversammlungen by start date (the first one of a day)."""
    statement = (
        select(Event.start_date, func.min(Event.id))
        .where(Event.member_id.is_(None), Event.event_type == MEETING_TYPE)
        .group_by(Event.start_date)
    )
    return dict(connection.execute(statement).all())


def _database_row(values: dict[str, Any], ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Template field values → table columns (member and network names become ids)."""
    row = {key: value for key, value in values.items() if key not in ("member", "network")}
    if "member" in values:
        row["member_id"] = ids["member"].get(values["member"]) if values["member"] else None
    if "network" in values:
        row["regional_network_id"] = ids["network"].get(values["network"]) if values["network"] else None
    if "meeting_date" in values:  # an attendance: its meeting by date
        row["event_id"] = ids["meeting"][row.pop("meeting_date")]
    return row


def _claim_demo_rows(connection: Connection, model: type, rows: list[ExistingRow]) -> None:
    """Clear the demo mark of stored rows a file confirmed unchanged (see ``ImportPlan.confirmed``).

    A real member list that holds a Kommune exactly as the demo data has it makes that row
    the steward's; without this it would be deleted with the demo data. Nothing else changes
    (no audit entry: no value changed).
    """
    if not rows or not hasattr(model, "demo"):
        return
    for chunk in chunks(rows):
        connection.execute(
            update(model).where(identity(model).in_([row.id for row in chunk]), model.demo.is_(True)).values(demo=False)
        )


def apply_plan(connection: Connection, plan: ImportPlan, *, actor: str, source: str) -> None:
    """Write an accepted plan in the caller's write transaction, with audit entries and summary refresh.

    Rows and their audit entries go in chunks of ``CHUNK_ROWS``: memory stays flat however
    many rows a file has (within the reader's row limit).
    """
    if not plan.accepted:
        raise ValueError("A plan with problems must not be written.")
    template = plan.template
    model = MODELS[template.kind]
    table = model.__tablename__
    changes: list[Change] = []
    audit = {"actor": actor, "source": source, "moment": datetime.datetime.now(datetime.UTC)}
    ids: dict[str, dict[str, int]] = {"member": dict(connection.execute(select(Member.name, Member.id)).all())}
    if template.kind == "teilnahme":
        ids["meeting"] = meeting_ids(connection)
    if template.kind == "mitglieder":
        records = plan.inserts + [new for _, new in plan.updates]
        ids["network"] = _network_ids(
            connection, (r.values["network"] for r in records if r.values["network"]), changes
        )
    record(connection, changes, **audit)
    for old in plan.deletes:
        connection.execute(delete(model).where(identity(model) == old.id))
    record(
        connection,
        [
            Change("delete", table, key_text(template.key_of(old.values)), _audit_values(template, old.values), None)
            for old in plan.deletes
        ],
        **audit,
    )
    for chunk in chunks(plan.inserts):
        connection.execute(insert(model), [_database_row(new.values, ids) for new in chunk])
        record(
            connection,
            [Change("insert", table, key_text(new.key), None, _audit_values(template, new.values)) for new in chunk],
            **audit,
        )
    for chunk in chunks(plan.updates):
        connection.execute(
            update(model).where(identity(model) == bindparam("old_identity")),
            [{"old_identity": old.id, **_database_row(new.values, ids)} for old, new in chunk],
        )
        record(
            connection,
            [
                Change(
                    "update",
                    table,
                    key_text(new.key),
                    _audit_values(template, old.values),
                    _audit_values(template, new.values),
                )
                for old, new in chunk
            ],
            **audit,
        )
    record(connection, _hint_changes(plan), **audit)
    _claim_demo_rows(connection, model, plan.confirmed)
    _refresh_summary(connection, plan)
    if plan.inserts or plan.updates or plan.deletes:  # new networks come only with member rows
        mark_changed(connection)


HINT_ACTION = "hinweis"
"""The audit action of a plausibility hint the steward wrote anyway (one entry per hint, with the rows)."""


def _hint_changes(plan: ImportPlan) -> list[Change]:
    """One audit entry per hint: the row's key, and line, column, value and message as new values.

    Written in the same transaction and with the same moment as the rows, so the Protokoll
    shows which unlikely values were written knowingly.
    """
    keys = {new.line: new.key for new in [*plan.inserts, *(new for _, new in plan.updates)]}
    return [
        Change(
            HINT_ACTION,
            MODELS[plan.template.kind].__tablename__,
            key_text(keys[hint.line]) if hint.line in keys else "",
            None,
            {"Zeile": hint.line, "Spalte": hint.column, "Wert": hint.value, "Hinweis": hint.message},
        )
        for hint in plan.hints
    ]


def _refresh_summary(connection: Connection, plan: ImportPlan) -> None:
    """Keep the summary tables in step with what this plan wrote (same transaction)."""
    kind = plan.template.kind
    written = bool(plan.inserts or plan.updates or plan.deletes)
    if kind == "veranstaltungen":
        dates: list[datetime.date] = [new.values["start_date"] for new in plan.inserts]
        dates.extend(old.values["start_date"] for old in plan.deletes)
        for old, new in plan.updates:
            dates.extend((old.values["start_date"], new.values["start_date"]))
        refresh_event_summary(connection, {day.year for day in dates})
    elif kind == "selbsthilfe" and written:
        refresh_self_help_summaries(connection)
    elif kind == "mindeststandards" and written:
        refresh_standard_summary(connection)
    elif kind == "mitglieder":
        # New members have no events or counts yet; changed ones may move theirs.
        def changed(fields: tuple[str, ...]) -> bool:
            return any(not same(old.values[name], new.values[name]) for old, new in plan.updates for name in fields)

        if changed(MEMBER_FILTER_FIELDS):
            refresh_event_summary(connection)
        if changed((*MEMBER_FILTER_FIELDS, "population")):
            refresh_self_help_summaries(connection)
