"""From a checked file to the database: what would change, and writing exactly that.

An import is an upsert on the natural key: rows that are new are inserted, rows whose
values differ are updated, identical rows are left alone (so importing the same file
twice changes nothing) and rows missing from the file are kept. A file with any problem
is rejected whole. :func:`import_file` plans and writes in one write transaction, so
what is written is exactly what was checked against.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, insert, or_, select, update

from data_access.audit import Change, record
from data_access.engine import read_connection, write_transaction
from data_access.importing.readers import UnreadableFileError, read_sheet
from data_access.importing.rows import MODELS, identity, template_rows
from data_access.importing.templates import TEMPLATES, Template
from data_access.importing.validation import Context, Problem, Record, check, key_text
from data_access.models import Event, Member, RegionalNetwork, StandardCriterion
from data_access.summary import (
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
)

MEMBER_FILTER_FIELDS = ("member_type", "state_code", "network")
"""Member fields the event summary is grouped by: changing one moves that member's events."""


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
    problems: list[Problem] = field(default_factory=list)
    deletes: list[ExistingRow] = field(default_factory=list)
    """Rows to delete; only the editor plans deletions (an import never deletes)."""

    @property
    def accepted(self) -> bool:
        """True when the file has no problem and may be written."""
        return not self.problems


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is not None and new is not None and round(float(old), 6) == round(float(new), 6)
    return old == new


def _existing_statement(template: Template, member_ids: set[int], records: list[Record]) -> Select:
    """Select the rows that could match ``records`` (same members and date span), by field name."""
    statement = template_rows(template)
    model = MODELS[template.kind]
    if template.kind == "mitglieder":
        return statement.where(Member.name.in_([record.values["name"] for record in records]))
    if template.kind == "veranstaltungen":
        starts = [record.values["start_date"] for record in records]
        return statement.where(
            or_(Event.member_id.in_(member_ids), Event.member_id.is_(None)),
            Event.start_date.between(min(starts), max(starts)),
        )
    if not template.per_member:
        return statement
    if "year" not in {column.field for column in template.columns}:
        return statement.where(model.member_id.in_(member_ids))
    years = [record.values["year"] for record in records]
    return statement.where(model.member_id.in_(member_ids), model.year.between(min(years), max(years)))


def existing_rows(
    connection: Connection, template: Template, records: list[Record], member_ids: dict[str, int]
) -> dict[tuple[Any, ...], ExistingRow]:
    """The database rows with the natural keys of ``records`` (and a few neighbours), by natural key."""
    if not records:
        return {}
    used_ids = {member_ids[record.values["member"]] for record in records if record.values.get("member") in member_ids}
    existing: dict[tuple[Any, ...], ExistingRow] = {}
    for row in connection.execute(_existing_statement(template, used_ids, records)).mappings():
        values = {key: value for key, value in row.items() if key != "id"}
        existing[template.key_of(values)] = ExistingRow(row["id"], values)
    return existing


def plan_import(connection: Connection, template: Template, file_name: str, data: bytes) -> ImportPlan:
    """Read, check and compare a file with the database; nothing is written."""
    plan = ImportPlan(template, file_name)
    try:
        sheet = read_sheet(file_name, data)
    except UnreadableFileError as problem:
        plan.problems.append(Problem(file_name, str(problem)))
        return plan
    member_ids = dict(connection.execute(select(Member.name, Member.id)).all())
    criteria = frozenset(connection.execute(select(StandardCriterion.number)).scalars().all())
    checked = check(template, file_name, sheet, Context(member_ids, criteria))
    plan.problems = checked.problems
    if plan.problems or not checked.records:
        if not plan.problems:
            plan.problems.append(Problem(file_name, "Die Datei enthält keine Datenzeilen."))
        return plan
    existing = existing_rows(connection, template, checked.records, member_ids)
    for new in checked.records:
        old = existing.get(new.key)
        if old is None:
            plan.inserts.append(new)
            continue
        # A column the file does not have leaves that field alone: a member file without
        # "kontaktstelle" must not empty every contact point.
        merged = {**old.values, **{name: new.values[name] for name in checked.present_fields}}
        if all(_same(old.values.get(name), value) for name, value in merged.items()):
            plan.unchanged += 1
        else:
            plan.updates.append((old, Record(new.line, merged, new.key)))
    return plan


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


def _database_row(values: dict[str, Any], ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Template field values → table columns (member and network names become ids)."""
    row = {key: value for key, value in values.items() if key not in ("member", "network")}
    if "member" in values:
        row["member_id"] = ids["member"].get(values["member"]) if values["member"] else None
    if "network" in values:
        row["regional_network_id"] = ids["network"].get(values["network"]) if values["network"] else None
    return row


def apply_plan(connection: Connection, plan: ImportPlan, *, actor: str, source: str) -> None:
    """Write an accepted plan in the caller's write transaction, with audit entries and summary refresh."""
    if not plan.accepted:
        raise ValueError("A plan with problems must not be written.")
    template = plan.template
    model = MODELS[template.kind]
    changes: list[Change] = []
    ids: dict[str, dict[str, int]] = {"member": dict(connection.execute(select(Member.name, Member.id)).all())}
    if template.kind == "mitglieder":
        records = plan.inserts + [new for _, new in plan.updates]
        ids["network"] = _network_ids(
            connection, (r.values["network"] for r in records if r.values["network"]), changes
        )
    for old in plan.deletes:
        connection.execute(delete(model).where(identity(model) == old.id))
        changes.append(
            Change(
                "delete",
                model.__tablename__,
                key_text(template.key_of(old.values)),
                _audit_values(template, old.values),
                None,
            )
        )
    if plan.inserts:
        connection.execute(insert(model), [_database_row(new.values, ids) for new in plan.inserts])
    for new in plan.inserts:
        changes.append(
            Change("insert", model.__tablename__, key_text(new.key), None, _audit_values(template, new.values))
        )
    for old, new in plan.updates:
        connection.execute(update(model).where(identity(model) == old.id).values(**_database_row(new.values, ids)))
        changes.append(
            Change(
                "update",
                model.__tablename__,
                key_text(new.key),
                _audit_values(template, old.values),
                _audit_values(template, new.values),
            )
        )
    _refresh_summary(connection, plan)
    if changes:
        mark_changed(connection)
    record(connection, changes, actor=actor, source=source)


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
            return any(not _same(old.values[name], new.values[name]) for old, new in plan.updates for name in fields)

        if changed(MEMBER_FILTER_FIELDS):
            refresh_event_summary(connection)
        if changed((*MEMBER_FILTER_FIELDS, "population")):
            refresh_self_help_summaries(connection)


def import_file(
    engine: Engine, kind: str, file_name: str, data: bytes, *, actor: str, dry_run: bool = False
) -> ImportPlan:
    """Check ``data`` as a file of ``kind`` and, unless rejected or a dry run, write it atomically."""
    template = TEMPLATES[kind]
    if dry_run:
        with read_connection(engine) as connection:
            return plan_import(connection, template, file_name, data)
    with write_transaction(engine) as connection:
        plan = plan_import(connection, template, file_name, data)
        if plan.accepted:
            apply_plan(connection, plan, actor=actor, source=f"Import {kind}: {file_name}")
        return plan
