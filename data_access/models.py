"""The schema as SQLAlchemy 2 typed models. Alembic migrations in ``migrations/`` create it.

Names are English; the German words of the import templates map onto these columns in
``data_access/importing/templates.py``. Controlled vocabularies (types, Länder, statuses)
are checked by the import validation rather than by database enums, so a new event type
is a code change, not a schema migration.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table of the dashboard."""


def demo_mark() -> Mapped[bool]:
    """The ``demo`` column of a data table: True only on rows written by the demo loader.

    ``data_access/demo`` sets it; every other insert gets False, and every UPDATE through
    SQLAlchemy that does not set it explicitly resets it to False (``onupdate``): a demo row
    that a person imports over or edits becomes their row and survives
    ``python -m data_access demo --entfernen`` (see ``data_access/demo_removal.py``).
    """
    return mapped_column(Boolean, default=False, onupdate=false(), server_default=false())


class RegionalNetwork(Base):
    """A Regionalnetzwerk: members of one region that meet 1–4 times a year."""

    __tablename__ = "regional_networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    founded_year: Mapped[int | None] = mapped_column(Integer)
    demo: Mapped[bool] = demo_mark()


class Member(Base):
    """A member municipality (Mitgliedskommune); ``leave_year`` is its last member year."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    member_type: Mapped[str] = mapped_column(String(20))
    state_code: Mapped[str] = mapped_column(String(2))
    join_year: Mapped[int] = mapped_column(Integer)
    leave_year: Mapped[int | None] = mapped_column(Integer)
    population: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    regional_network_id: Mapped[int | None] = mapped_column(ForeignKey("regional_networks.id"), index=True)
    contact_point: Mapped[str | None] = mapped_column(String(200))
    demo: Mapped[bool] = demo_mark()


class Event(Base):
    """An event of one member, or of the whole network when ``member_id`` is NULL."""

    __tablename__ = "events"
    __table_args__ = (
        # Covers the per-member queries (the "kommune" filter) without touching the table.
        Index(
            "ix_events_member_start",
            "member_id",
            "start_date",
            "event_type",
            "participants",
            "sessions",
            "partners",
        ),
        Index("ix_events_start_date", "start_date"),
        # The newest events of one type (the "veranstaltung" filter): without it, listing a
        # rare type such as Symposium walked the whole date index (measured once at a million
        # events; no bench lists one type, ``python bench/bench_queries.py`` builds such a database).
        Index("ix_events_type_start", "event_type", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    event_type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[datetime.date] = mapped_column(Date)
    end_date: Mapped[datetime.date | None] = mapped_column(Date)
    participants: Mapped[int | None] = mapped_column(Integer)
    sessions: Mapped[int | None] = mapped_column(Integer)
    partners: Mapped[int | None] = mapped_column(Integer)
    event_format: Mapped[str | None] = mapped_column(String(10))
    demo: Mapped[bool] = demo_mark()


EVENT_KEY_INDEX = Index(
    "uq_events_natural_key",
    func.coalesce(Event.member_id, 0),
    Event.event_type,
    Event.start_date,
    Event.title,
    unique=True,
)
"""The import key of an event (kommune + art + beginn + titel), enforced by the database.

A network-wide event has no member; NULLs never collide in a unique index (SQLite has no
NULLS NOT DISTINCT), so the index is on ``coalesce(member_id, 0)`` (ids start at 1).
Without it, four processes importing the same new file at once on PostgreSQL stored
every event twice."""


class EventAttendance(Base):
    """A member represented at a network-wide event (a Mitgliederversammlung), by one side.

    Each member has two equal voices in the network, its administration ("Kommune") and
    its self-help side ("Selbsthilfe"); a member is represented when either side attended.
    """

    __tablename__ = "event_attendance"
    __table_args__ = (UniqueConstraint("event_id", "member_id", "side", name="uq_attendance_event_member_side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    side: Mapped[str] = mapped_column(String(20))
    demo: Mapped[bool] = demo_mark()


class EventSummary(Base):
    """Events per year and type, grouped by the member attributes the filters use.

    Kept current by ``data_access.summary.refresh_event_summary`` in the same
    transaction as every write to ``events`` or to a member's filter attributes. It
    turns the dashboard's event queries from a scan of every event into a scan of a few
    thousand rows (``python bench/bench_queries.py``, the event_counts rows). Network-wide events
    have NULL member attributes.
    """

    __tablename__ = "event_summary"
    # Covering: the event queries read only this index, in (year, type) order, which beat
    # both an index on (year, type) alone and no index (measured once by swapping the index;
    # ``python bench/bench_queries.py`` times the event_counts queries and prints their plans).
    __table_args__ = (
        Index(
            "ix_event_summary_covering",
            "year",
            "event_type",
            "state_code",
            "member_type",
            "regional_network_id",
            "event_count",
            "participants",
            "sessions",
            "partners",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(40))
    state_code: Mapped[str | None] = mapped_column(String(2))
    member_type: Mapped[str | None] = mapped_column(String(20))
    regional_network_id: Mapped[int | None] = mapped_column(Integer)
    # Sums: 64 bit, since many capped rows could exceed PostgreSQL's 32-bit integer.
    event_count: Mapped[int] = mapped_column(BigInteger)
    participants: Mapped[int] = mapped_column(BigInteger)
    sessions: Mapped[int] = mapped_column(BigInteger)
    partners: Mapped[int] = mapped_column(BigInteger)


class SelfHelpCount(Base):
    """Self-help groups of one member in one year and topic area."""

    __tablename__ = "self_help_counts"
    __table_args__ = (
        UniqueConstraint("member_id", "year", "topic", name="uq_self_help_member_year_topic"),
        Index("ix_self_help_year_member", "year", "member_id", "groups", "new_groups"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    year: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(200))
    groups: Mapped[int] = mapped_column(Integer)
    new_groups: Mapped[int | None] = mapped_column(Integer)
    demo: Mapped[bool] = demo_mark()


class SelfHelpTopicSummary(Base):
    """Self-help groups per year and topic, grouped by the member attributes the filters use.

    Like ``event_summary``: rebuilt by ``data_access.summary.refresh_self_help_summaries``
    in the same transaction as every write to self-help counts or to a member. At 1,000
    members the base table holds about 100,000 rows; this one a few thousand.
    """

    __tablename__ = "self_help_topic_summary"
    __table_args__ = (Index("ix_self_help_topic_summary_year", "year", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(200))
    state_code: Mapped[str] = mapped_column(String(2))
    member_type: Mapped[str] = mapped_column(String(20))
    regional_network_id: Mapped[int | None] = mapped_column(Integer)
    groups: Mapped[int] = mapped_column(BigInteger)
    new_groups: Mapped[int] = mapped_column(BigInteger)


class SelfHelpYearSummary(Base):
    """Self-help per year with the reporting members and their population, grouped like the topics.

    ``population`` and ``groups_with_population`` cover only members with a population
    figure, so a rate per 100,000 inhabitants stays honest when one is missing.
    """

    __tablename__ = "self_help_year_summary"
    __table_args__ = (Index("ix_self_help_year_summary_year", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    state_code: Mapped[str] = mapped_column(String(2))
    member_type: Mapped[str] = mapped_column(String(20))
    regional_network_id: Mapped[int | None] = mapped_column(Integer)
    groups: Mapped[int] = mapped_column(BigInteger)
    new_groups: Mapped[int] = mapped_column(BigInteger)
    reporting_members: Mapped[int] = mapped_column(BigInteger)
    population: Mapped[int] = mapped_column(BigInteger)
    groups_with_population: Mapped[int] = mapped_column(BigInteger)


class StandardCriterion(Base):
    """One of the nine points of the 9-Punkte-Programm; the title is editable data."""

    __tablename__ = "standard_criteria"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(300))


class StandardAssessment(Base):
    """A member's self-assessment of one Mindeststandard in one year."""

    __tablename__ = "standard_assessments"
    __table_args__ = (
        UniqueConstraint("member_id", "year", "criterion_number", name="uq_assessment_member_year_criterion"),
        # Covering for the matrix of one year (probed per member) and the counts per year,
        # criterion and status (the Mindeststandards page).
        Index("ix_assessments_year_member", "year", "member_id", "criterion_number", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    year: Mapped[int] = mapped_column(Integer)
    criterion_number: Mapped[int] = mapped_column(ForeignKey("standard_criteria.number"))
    status: Mapped[str] = mapped_column(String(20))
    demo: Mapped[bool] = demo_mark()


class StandardMemberSummary(Base):
    """Criteria met, partly met and not met per member and assessment year.

    Rebuilt by ``data_access.summary.refresh_standard_summary`` in the transaction of
    every write to assessments, so "Mindeststandards erfüllt" reads one row per member
    instead of nine (``python bench/bench_queries.py``, the standards_met_by_member row).
    """

    __tablename__ = "standard_member_summary"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    met: Mapped[int] = mapped_column(Integer)
    partial: Mapped[int] = mapped_column(Integer)
    not_met: Mapped[int] = mapped_column(Integer)


class CouncilSeat(Base):
    """A seat in the Sprecher*innenrat, held by a member for one side and one term."""

    __tablename__ = "council_seats"
    __table_args__ = (UniqueConstraint("member_id", "side", "term_start", name="uq_council_seat"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    side: Mapped[str] = mapped_column(String(20))
    term_start: Mapped[datetime.date] = mapped_column(Date)
    term_end: Mapped[datetime.date | None] = mapped_column(Date)
    demo: Mapped[bool] = demo_mark()


class ReportSubmission(Base):
    """A four-year report a member submitted for ``year``."""

    __tablename__ = "report_submissions"
    __table_args__ = (UniqueConstraint("member_id", "year", name="uq_report_member_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    year: Mapped[int] = mapped_column(Integer)
    submitted_on: Mapped[datetime.date | None] = mapped_column(Date)
    demo: Mapped[bool] = demo_mark()


class UserAccount(Base):
    """A person who may write: an editor (bound to one Kommune or to all) or an admin.

    The password is stored only as an Argon2 hash (with its own salt). Failed logins are
    counted in ``login_attempts`` by the name typed, whether an account has it or not.
    """

    __tablename__ = "user_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Locked by an administrator: no login (password or OpenID Connect), no open session."""
    last_login_at: Mapped[datetime.datetime | None] = mapped_column(DateTime(timezone=True))
    """The last successful password login (None: none recorded)."""


class LoginAttempt(Base):
    """Failed logins in a row for one typed name, and until when that name is locked.

    Kept in the database, not in the web process, so the limit holds across processes and
    restarts; kept by name, not by account, so an unknown name is counted and locked
    exactly like a known one and no answer tells whether an account exists. Times are
    seconds since the epoch (UTC): the lock is computed inside one atomic SQL statement,
    and plain numbers do that arithmetic the same way on SQLite and PostgreSQL.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_last_failure", "last_failure"),)

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[float | None] = mapped_column(Float)
    last_failure: Mapped[float] = mapped_column(Float)


class AuditEntry(Base):
    """One row written, changed or deleted: who, when, what, old and new values (JSON)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_occurred_at", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(50))
    natural_key: Mapped[str] = mapped_column(Text)
    old_values: Mapped[str | None] = mapped_column(Text)
    new_values: Mapped[str | None] = mapped_column(Text)


class DatasetInfo(Base):
    """Facts about the data set as a whole: ``stand`` (last write), ``demo`` (Beispieldaten)."""

    __tablename__ = "dataset_info"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
