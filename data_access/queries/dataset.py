"""What the filter widgets offer and what every page says about its data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    func,
    select,
)

from data_access.models import (
    DatasetInfo,
    Event,
    EventSummary,
    Member,
    RegionalNetwork,
    SelfHelpCount,
    StandardAssessment,
)
from data_access.reference import FOUNDING_YEAR, german_sort_key
from data_access.summary import DEMO_KEY, STAND_KEY


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


def filter_options(connection: Connection) -> FilterOptions:
    """Return the options for the filter widgets and the year span the data covers."""
    states = connection.execute(select(Member.state_code).distinct()).scalars().all()
    types = connection.execute(select(Member.member_type).distinct()).scalars().all()
    networks = connection.execute(select(RegionalNetwork.name)).scalars().all()
    members = connection.execute(select(Member.name)).scalars().all()
    event_types = connection.execute(select(EventSummary.event_type).distinct()).scalars().all()
    first_join, last_join, last_leave = connection.execute(
        select(func.min(Member.join_year), func.max(Member.join_year), func.max(Member.leave_year))
    ).one()
    last_event = connection.execute(select(func.max(Event.start_date))).scalar()
    last_count = connection.execute(select(func.max(SelfHelpCount.year))).scalar()
    candidates = [year for year in (last_join, last_leave, last_count) if year is not None]
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
    newest_self_help_year: int | None
    newest_assessment_year: int | None


def dataset_facts(connection: Connection) -> DatasetFacts:
    """Return the data set's "Stand", demo flag and newest dates per kind of data."""
    values = dict(connection.execute(select(DatasetInfo.key, DatasetInfo.value)).all())
    stand = values.get(STAND_KEY)
    return DatasetFacts(
        stand=datetime.datetime.fromisoformat(stand) if stand else None,
        is_demo=values.get(DEMO_KEY) == "1",
        newest_event=connection.execute(select(func.max(Event.start_date))).scalar(),
        newest_self_help_year=connection.execute(select(func.max(SelfHelpCount.year))).scalar(),
        newest_assessment_year=connection.execute(select(func.max(StandardAssessment.year))).scalar(),
    )
