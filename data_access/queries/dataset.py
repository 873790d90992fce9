"""What the filter widgets offer and what every page says about its data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    func,
    select,
)

from data_access.demo_removal import has_demo_rows
from data_access.models import (
    DatasetInfo,
    Event,
    EventSummary,
    Member,
    RegionalNetwork,
    SelfHelpCount,
    StandardAssessment,
)
from data_access.summary import DEMO_KEY, STAND_KEY
from domain.vocabulary import FOUNDING_YEAR, german_sort_key


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter widgets offer: only what exists in the data, in German order."""

    states: tuple[str, ...]
    member_types: tuple[str, ...]
    networks: tuple[str, ...]
    members: tuple[str, ...]
    event_types: tuple[str, ...]
    first_year: int
    last_year: int


def filter_options(connection: Connection, today: datetime.date | None = None) -> FilterOptions:
    """Return the options for the filter widgets and the year span the data covers.

    The span ends with the newest year of any row, and with the current year while a
    member has not left (membership is known up to ``today``, default: the current date).
    """
    states = connection.execute(select(Member.state_code).distinct()).scalars().all()
    types = connection.execute(select(Member.member_type).distinct()).scalars().all()
    networks = connection.execute(select(RegionalNetwork.name)).scalars().all()
    members = connection.execute(select(Member.name)).scalars().all()
    event_types = connection.execute(select(EventSummary.event_type).distinct()).scalars().all()
    first_join, last_join, last_leave, active = connection.execute(
        select(
            func.min(Member.join_year),
            func.max(Member.join_year),
            func.max(Member.leave_year),
            func.count().filter(Member.leave_year.is_(None)),
        )
    ).one()
    last_event = connection.execute(select(func.max(Event.start_date))).scalar()
    last_count = connection.execute(select(func.max(SelfHelpCount.year))).scalar()
    candidates = [year for year in (last_join, last_leave, last_count) if year is not None]
    if active:
        # A member without leave year is a member today: a freshly imported member list
        # (joined 2018–2021, nothing else yet) shows "Ende 2026", not "Ende 2021".
        candidates.append((today or datetime.date.today()).year)
    if last_event is not None:
        candidates.append(last_event.year)
    return FilterOptions(
        states=tuple(sorted(states)),
        member_types=tuple(sorted(types, key=german_sort_key)),
        networks=tuple(sorted(networks, key=german_sort_key)),
        members=tuple(sorted(members, key=german_sort_key)),
        event_types=tuple(sorted(event_types, key=german_sort_key)),
        first_year=first_join or FOUNDING_YEAR,
        last_year=max(candidates) if candidates else datetime.date.today().year,
    )


@dataclass(frozen=True)
class DatasetFacts:
    """What every page says about its data: the "Stand" (last change) and whether it is demo data."""

    stand: datetime.datetime | None
    is_demo: bool
    newest_event: datetime.date | None
    reported_self_help_year: int | None
    """The newest year of self-help figures that is reported enough to compare (see ``reported_year``)."""
    reported_assessment_year: int | None
    """The same for Mindeststandards self-assessments."""


REPORTED_SHARE = 0.5
"""A year counts as reported once at least this share of the best-reported year's members sent figures."""


def reported_year(members_per_year: dict[int, int]) -> int | None:
    """The newest year whose reporting members reach ``REPORTED_SHARE`` of the best-reported year.

    Figures arrive over months: when the first two Kommunen send next year's figures, the
    network's totals must not drop to two Kommunen's worth. Such a year is shown on the
    Selbsthilfe page (with who is still missing), but the KPIs stay with the last full year.
    """
    if not members_per_year:
        return None
    best = max(members_per_year.values())
    return max(year for year, members in members_per_year.items() if members >= REPORTED_SHARE * best)


def _members_per_year(connection: Connection, year, member_id) -> dict[int, int]:  # noqa: ANN001 - columns
    statement = select(year, func.count(func.distinct(member_id))).group_by(year)
    return {int(row_year): int(members) for row_year, members in connection.execute(statement)}


def dataset_facts(connection: Connection) -> DatasetFacts:
    """Return the data set's "Stand", demo flag, newest event and the reported years of figures."""
    values = dict(connection.execute(select(DatasetInfo.key, DatasetInfo.value)).all())
    stand = values.get(STAND_KEY)
    return DatasetFacts(
        stand=datetime.datetime.fromisoformat(stand) if stand else None,
        # The flag and a row still marked: once every demo row is removed or imported over, the badge goes.
        is_demo=values.get(DEMO_KEY) == "1" and has_demo_rows(connection),
        newest_event=connection.execute(select(func.max(Event.start_date))).scalar(),
        reported_self_help_year=reported_year(
            _members_per_year(connection, SelfHelpCount.year, SelfHelpCount.member_id)
        ),
        reported_assessment_year=reported_year(
            _members_per_year(connection, StandardAssessment.year, StandardAssessment.member_id)
        ),
    )


def data_version(connection: Connection) -> str | None:
    """The moment of the last write (the "Stand"), read fresh: other processes compare it to drop stale caches."""
    return connection.execute(select(DatasetInfo.value).where(DatasetInfo.key == STAND_KEY)).scalar()
