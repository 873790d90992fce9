"""Removing the demo data (Beispieldaten) while keeping every row a person imported or edited.

Demo rows carry ``demo = true`` (written only by ``data_access/demo``; an import or edit
that updates such a row resets the mark, see ``models.demo_mark``). Removal deletes
exactly the marked rows, with one exception that keeps real data whole: a demo member,
event or Regionalnetzwerk that a kept row still refers to (figures imported for a demo
Kommune, attendance at a demo Mitgliederversammlung, an account bound to a demo Kommune)
is kept and loses its mark, since deleting it would delete or orphan real data.
The summaries are rebuilt, the "Beispieldaten" flag is cleared and one audit entry
names the counts; all in the caller's write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, delete, false, func, select, true, union, update

from data_access.audit import Change, record
from data_access.models import (
    CouncilSeat,
    Event,
    EventAttendance,
    Member,
    RegionalNetwork,
    ReportSubmission,
    SelfHelpCount,
    StandardAssessment,
    UserAccount,
)
from data_access.summary import (
    DEMO_KEY,
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
    set_dataset_value,
)
from domain.formatting import format_number

KIND_LABELS: dict[str, tuple[str, str]] = {
    "members": ("Mitglied", "Mitglieder"),
    "regional_networks": ("Regionalnetzwerk", "Regionalnetzwerke"),
    "events": ("Veranstaltung", "Veranstaltungen"),
    "event_attendance": ("Teilnahme an Mitgliederversammlungen", "Teilnahmen an Mitgliederversammlungen"),
    "self_help_counts": ("Selbsthilfe-Zahl", "Selbsthilfe-Zahlen"),
    "standard_assessments": ("Mindeststandards-Bewertung", "Mindeststandards-Bewertungen"),
    "council_seats": ("Sitz im Sprecher*innenrat", "Sitze im Sprecher*innenrat"),
    "report_submissions": ("Vierjahresbericht", "Vierjahresberichte"),
}
"""German names (singular, plural) of the tables with demo rows, in the order a summary lists them."""

_LEAF_TABLES = (EventAttendance, SelfHelpCount, StandardAssessment, CouncilSeat, ReportSubmission)
"""Tables no other table refers to: their demo rows always go."""


@dataclass(frozen=True)
class DemoRemoval:
    """What removing the demo data deletes (``removed``) and keeps as real rows (``kept``), per table name."""

    removed: dict[str, int]
    kept: dict[str, int]

    @property
    def total(self) -> int:
        """Number of rows deleted."""
        return sum(self.removed.values())

    def sentence(self) -> str:
        """The counts in German, e.g. "105 Mitglieder, 2.310 Veranstaltungen, …" (only kinds with rows)."""
        return _counts_sentence(self.removed)

    def kept_sentence(self) -> str:
        """Demo rows kept because real data refers to them, in German ("" when none)."""
        return _counts_sentence(self.kept)


def _counts_sentence(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{format_number(counts[table])} {one if counts[table] == 1 else many}"
        for table, (one, many) in KIND_LABELS.items()
        if counts.get(table)
    )


def _kept_events() -> Select:
    """Ids of demo events that real attendance rows refer to."""
    return select(EventAttendance.event_id).where(EventAttendance.demo == false())


def _referenced_members() -> Select:
    """Ids of members that a row staying in the database refers to."""
    staying = [
        select(model.member_id).where(model.demo == false(), model.member_id.is_not(None))
        for model in (Event, EventAttendance, SelfHelpCount, StandardAssessment, CouncilSeat, ReportSubmission)
    ]
    staying.append(select(Event.member_id).where(Event.id.in_(_kept_events()), Event.member_id.is_not(None)))
    staying.append(select(UserAccount.member_id).where(UserAccount.member_id.is_not(None)))
    return union(*staying)


def _count(connection: Connection, model: type, *conditions) -> int:
    return int(connection.execute(select(func.count()).select_from(model).where(*conditions)).scalar_one())


def plan_removal(connection: Connection) -> DemoRemoval:
    """Count what :func:`remove_demo_data` would delete and keep now (for the confirmation)."""
    removed = {model.__tablename__: _count(connection, model, model.demo == true()) for model in _LEAF_TABLES}
    kept_event = Event.id.in_(_kept_events())
    removed["events"] = _count(connection, Event, Event.demo == true(), ~kept_event)
    kept = {"events": _count(connection, Event, Event.demo == true(), kept_event)}
    referenced = Member.id.in_(_referenced_members())
    removed["members"] = _count(connection, Member, Member.demo == true(), ~referenced)
    kept["members"] = _count(connection, Member, Member.demo == true(), referenced)
    staying_members = select(Member.regional_network_id).where(
        Member.regional_network_id.is_not(None), (Member.demo == false()) | referenced
    )
    network_kept = RegionalNetwork.id.in_(staying_members)
    removed["regional_networks"] = _count(connection, RegionalNetwork, RegionalNetwork.demo == true(), ~network_kept)
    kept["regional_networks"] = _count(connection, RegionalNetwork, RegionalNetwork.demo == true(), network_kept)
    return DemoRemoval(removed, kept)


def has_demo_rows(connection: Connection) -> bool:
    """True while any row of the data tables is a demo row."""
    models = (*_LEAF_TABLES, Event, Member, RegionalNetwork)
    return any(connection.execute(select(model.id).where(model.demo == true()).limit(1)).first() for model in models)


def remove_demo_data(connection: Connection, *, actor: str, source: str) -> DemoRemoval:
    """Delete every demo row in the caller's write transaction and return what was deleted and kept.

    Rows kept because real data refers to them lose their mark (they are real from now
    on). Clears the "Beispieldaten" flag, rebuilds the summaries, moves the "Stand" and
    records one audit entry ("delete", table "demo") with the counts; the audit history of
    real rows is not touched.
    """
    removal = plan_removal(connection)
    for model in _LEAF_TABLES:
        connection.execute(delete(model).where(model.demo == true()))
    kept_event = Event.id.in_(_kept_events())
    connection.execute(update(Event).where(Event.demo == true(), kept_event).values(demo=False))
    connection.execute(delete(Event).where(Event.demo == true()))
    refresh_standard_summary(connection)  # its rows refer to members by foreign key
    referenced = Member.id.in_(_referenced_members())
    connection.execute(update(Member).where(Member.demo == true(), referenced).values(demo=False))
    connection.execute(delete(Member).where(Member.demo == true()))
    used = RegionalNetwork.id.in_(select(Member.regional_network_id).where(Member.regional_network_id.is_not(None)))
    connection.execute(update(RegionalNetwork).where(RegionalNetwork.demo == true(), used).values(demo=False))
    connection.execute(delete(RegionalNetwork).where(RegionalNetwork.demo == true()))
    refresh_event_summary(connection)
    refresh_self_help_summaries(connection)
    set_dataset_value(connection, DEMO_KEY, "0")
    mark_changed(connection)
    record(
        connection,
        [Change("delete", "demo", "*", {"Beispieldaten": removal.removed, "behalten": removal.kept}, None)],
        actor=actor,
        source=source,
    )
    return removal
