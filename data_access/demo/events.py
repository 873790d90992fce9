"""Demo events of every type with the sizes the domain notes report."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

from data_access.demo.catalogue import NETWORKS
from data_access.demo.members import active_years
from data_access.demo.settings import DEMO_AS_OF, SYMPOSIUM_CITIES
from domain.vocabulary import (
    EVENT_TYPES,
    FOUNDING_YEAR,
)


def _day(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> datetime.date:
    """A day in ``months`` of ``year``, never after ``DEMO_AS_OF`` (demo data holds no planned events)."""
    first, last = months
    if year == DEMO_AS_OF.year:
        last = max(first, min(last, DEMO_AS_OF.month))
    day = datetime.date(year, rng.randint(first, last), rng.randint(1, 28))
    return min(day, DEMO_AS_OF)


def _format(rng: random.Random, year: int) -> str:
    if year in (2020, 2021):
        return rng.choice(("Online", "Hybrid"))
    if year >= 2022:
        return rng.choices(("Präsenz", "Hybrid", "Online"), weights=(70, 20, 10))[0]
    return "Präsenz"


def _event(
    member: str | None,
    kind: str,
    title: str,
    start: datetime.date,
    *,
    end_date: datetime.date | None = None,
    participants: int | None = None,
    sessions: int | None = None,
    partners: int | None = None,
    event_format: str | None = None,
) -> dict[str, Any]:
    """One event row; every row has every key, as a bulk insert needs."""
    return {
        "member": member,
        "event_type": kind,
        "title": title,
        "start_date": start,
        "end_date": end_date,
        "participants": participants,
        "sessions": sessions,
        "partners": partners,
        "event_format": event_format,
    }


def natural_events(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Events of every type with the sizes the domain notes report."""
    for member in members:
        name = member["name"]
        holds_week = name == "Herne" or rng.random() < 0.35
        holds_plenum = name == "Region Hannover" or rng.random() < 0.1
        holds_self_help_day = rng.random() < 0.45
        conference_chance = 0.95 if member["state_code"] == "NW" else 0.25
        for year in active_years(member):
            if year < 1990 and name != "Herne":
                continue
            if holds_week:
                start = _day(rng, year, (3, 3))
                sessions = rng.randint(60, 300)
                yield _event(
                    name,
                    "Gesundheitswoche",
                    f"Gesundheitswoche {name} {year}",
                    start,
                    end_date=start + datetime.timedelta(days=6),
                    participants=sessions * rng.randint(12, 30),
                    sessions=sessions,
                    partners=rng.randint(20, 90),
                    event_format=_format(rng, year),
                )
            if (year >= 1998 or member["state_code"] != "NW") and rng.random() < conference_chance:
                yield _event(
                    name,
                    "Gesundheitskonferenz",
                    f"Kommunale Gesundheitskonferenz {year}",
                    _day(rng, year, (4, 11)),
                    participants=rng.randint(40, 150),
                    sessions=rng.randint(3, 12),
                    partners=rng.randint(10, 40),
                    event_format=_format(rng, year),
                )
            if holds_plenum:
                for number in range(rng.randint(1, 2)):
                    yield _event(
                        name,
                        "Gesundheitsplenum",
                        f"Gesundheitsplenum {year}/{number + 1}",
                        _day(rng, year, (2 + 6 * number, 6 + 6 * number)),
                        participants=rng.randint(60, 200),
                        partners=rng.randint(15, 40),
                        event_format=_format(rng, year),
                    )
            if holds_self_help_day and year % 2 == 0:
                yield _event(
                    name,
                    "Selbsthilfetag",
                    f"Selbsthilfetag {name} {year}",
                    _day(rng, year, (5, 9)),
                    participants=rng.randint(100, 3_000),
                    partners=rng.randint(17, 80),
                    event_format="Präsenz",
                )
            for kind, low, high in (("Fachtag", 30, 200), ("Aktionstag", 50, 800)):
                for number in range(rng.choice((0, 0, 1, 1, 2))):
                    yield _event(
                        name,
                        kind,
                        f"{kind} {year} Nr. {number + 1}",
                        _day(rng, year),
                        participants=rng.randint(low, high),
                        sessions=rng.randint(1, 8),
                        event_format=_format(rng, year),
                    )
            if rng.random() < 0.05:
                yield _event(
                    name,
                    "Sonstiges",
                    f"Sonstige Veranstaltung {year}",
                    _day(rng, year),
                    participants=rng.randint(10, 300),
                    event_format=_format(rng, year),
                )
    yield from network_events(members, rng)


def network_events(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Mitgliederversammlung and Symposium (network-wide), Regionalnetzwerktreffen (hosted).

    A Regionalnetzwerktreffen is hosted by a member of its network in that year (never by
    one that has not joined yet or has left); a year without such a member has none.
    """
    cities = [member["name"] for member in members if member["member_type"] == "Stadt"]
    for year in range(FOUNDING_YEAR, DEMO_AS_OF.year + 1):
        city = SYMPOSIUM_CITIES.get(year) or rng.choice(cities)
        start = datetime.date(year, 6, rng.randint(10, 25)) if year > FOUNDING_YEAR else datetime.date(1989, 6, 9)
        online = "Hybrid" if year >= 2021 else ("Online" if year == 2020 else "Präsenz")
        yield _event(
            None,
            "Mitgliederversammlung",
            f"Mitgliederversammlung {year} in {city}",
            start,
            participants=rng.randint(60, 130),
            event_format=online,
        )
        if year > FOUNDING_YEAR:
            title = "35 Jahre Gesunde Städte-Netzwerk" if year == 2024 else f"Symposium {year} in {city}"
            yield _event(
                None,
                "Symposium",
                title,
                start - datetime.timedelta(days=1),
                end_date=start,
                participants=rng.randint(80, 160),
                sessions=rng.randint(4, 14),
                partners=rng.randint(3, 12),
                event_format=online,
            )
    by_network: dict[str, list[dict[str, Any]]] = {}
    for member in members:
        if member["network"]:
            by_network.setdefault(member["network"], []).append(member)
    for network, in_network in sorted(by_network.items()):
        for year in range(NETWORKS[network], DEMO_AS_OF.year + 1):
            hosts = [member["name"] for member in in_network if year in active_years(member)]
            if not hosts:
                continue
            for number in range(rng.randint(1, 4)):
                yield _event(
                    rng.choice(hosts),
                    "Regionalnetzwerktreffen",
                    f"Regionalnetzwerk {network} {year}, Treffen {number + 1}",
                    _day(rng, year, (1 + 3 * number, 3 + 3 * number)),
                    participants=rng.randint(6, 20),
                    event_format=_format(rng, year),
                )


def scale_events(
    natural: list[dict[str, Any]], members: list[dict[str, Any]], target: int, rng: random.Random
) -> list[dict[str, Any]]:
    """Trim or top up the natural events to exactly ``target`` (benchmark data)."""
    if target <= len(natural):
        return rng.sample(natural, target)
    events = list(natural)
    member_years = [(member["name"], year) for member in members for year in active_years(member)]
    local_types = [kind for kind in EVENT_TYPES if kind not in ("Mitgliederversammlung", "Symposium")]
    for number in range(target - len(natural)):
        name, year = member_years[rng.randrange(len(member_years))]
        events.append(
            _event(
                name,
                local_types[rng.randrange(len(local_types))],
                f"Beispielveranstaltung {number + 1}",
                _day(rng, year),
                participants=rng.randint(10, 500),
                sessions=rng.randint(0, 20),
                partners=rng.randint(0, 30),
                event_format="Präsenz",
            )
        )
    return events
