"""Deterministic demo data (Beispieldaten): a plausible network, the same on every machine.

Everything is drawn from one ``random.Random(seed)``; no clock is read, so two runs with
the same options produce identical databases. Sizes follow the ranges in the domain
notes: the published member counts over time, 30–70 self-help groups per 100,000
inhabitants with 4–8 % new groups a year, Gesundheitswochen with 60–300 sessions, and so
on. ``members``/``events`` scale the data for benchmarks; extra members are named
"Beispielkommune 0105" and so on, extra events are drawn over the active member years.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from data_access.audit import Change, record
from data_access.demo_catalogue import NETWORKS, PLACES, PUBLISHED_MEMBER_COUNTS, STATE_CENTRES, Place
from data_access.models import (
    CouncilSeat,
    Event,
    EventSummary,
    Member,
    RegionalNetwork,
    ReportSubmission,
    SelfHelpCount,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardAssessment,
    StandardMemberSummary,
)
from data_access.reference import (
    EVENT_TYPES,
    FOUNDING_YEAR,
    MEMBER_TYPES,
    REPORT_INTERVAL_YEARS,
    SELF_HELP_TOPICS,
    STATES,
)
from data_access.summary import (
    DEMO_KEY,
    mark_changed,
    refresh_event_summary,
    refresh_self_help_summaries,
    refresh_standard_summary,
    set_dataset_value,
)

DEMO_AS_OF = datetime.date(2026, 10, 31)
"""The demo data's own "today": no event after it, so the data does not depend on the clock."""
DEFAULT_SEED = 1989
TOPIC_WEIGHTS = (0.30, 0.20, 0.15, 0.11, 0.09, 0.11, 0.04)
SYMPOSIUM_CITIES = {2023: "Wiesbaden", 2024: "Frankfurt am Main"}


@dataclass
class DemoData:
    """The generated rows, keyed by member name until the database assigns ids."""

    networks: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    self_help: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    seats: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)


def _target_counts() -> dict[int, int]:
    """Active members per year, interpolated between the published figures."""
    anchors = sorted(PUBLISHED_MEMBER_COUNTS.items())
    targets: dict[int, int] = {}
    for (year_a, count_a), (year_b, count_b) in itertools.pairwise(anchors):
        for year in range(year_a, year_b + 1):
            targets[year] = round(count_a + (count_b - count_a) * (year - year_a) / (year_b - year_a))
    return targets


def _synthetic_places(count: int, rng: random.Random) -> list[Place]:
    """Extra members for benchmarks: random Land, type and size near the Land's centre."""
    places = []
    for index in range(count):
        state = rng.choice(sorted(STATES))
        centre_latitude, centre_longitude = STATE_CENTRES[state]
        places.append(
            Place(
                name=f"Beispielkommune {len(PLACES) + index + 1:04d}",
                member_type=rng.choices(MEMBER_TYPES, weights=(60, 14, 2, 20, 4))[0],
                state_code=state,
                population=int(rng.lognormvariate(11.5, 1.0)) + 2_000,
                latitude=round(centre_latitude + rng.uniform(-0.6, 0.6), 3),
                longitude=round(centre_longitude + rng.uniform(-0.8, 0.8), 3),
                join_year=rng.randint(1990, DEMO_AS_OF.year),
            )
        )
    return places


def _join_years(places: list[Place], rng: random.Random) -> dict[str, int]:
    """Give every catalogue member without a published join year one that follows the published counts."""
    years = {place.name: place.join_year for place in places if place.join_year is not None}
    pool = [place for place in places if place.join_year is None]
    # Larger municipalities tended to join earlier; the noise keeps it from being a rule.
    pool.sort(key=lambda place: -place.population * rng.uniform(0.4, 1.6))
    targets = _target_counts()
    fixed_joins = Counter(years.values())
    leaves = Counter(place.leave_year for place in places if place.leave_year)
    for year in range(FOUNDING_YEAR + 1, DEMO_AS_OF.year + 1):
        needed = targets[year] - targets[year - 1] + leaves.get(year - 1, 0) - fixed_joins.get(year, 0)
        for _ in range(max(0, needed)):
            if not pool:
                break
            place = pool.pop(0)
            earliest = min(place.leave_year - 1, year) if place.leave_year else year
            # East German members could join only after October 1990.
            years[place.name] = max(earliest, 1991) if place.state_code in {"BB", "MV", "SN", "ST", "TH"} else earliest
    for place in pool:  # whatever the curve did not absorb joins in the last year
        years[place.name] = DEMO_AS_OF.year
    return years


def generate(seed: int = DEFAULT_SEED, members: int | None = None, events: int | None = None) -> DemoData:
    """Return the demo data set; ``members``/``events`` scale it (None: the natural network)."""
    rng = random.Random(seed)
    places = list(PLACES)
    if members is not None and members > len(places):
        places.extend(_synthetic_places(members - len(places), rng))
    elif members is not None:
        places = places[:members]
    join_years = _join_years([place for place in places if not place.name.startswith("Beispielkommune")], rng)
    data = DemoData()
    data.networks = [{"name": name, "founded_year": year} for name, year in NETWORKS.items()]
    for place in places:
        data.members.append(
            {
                "name": place.name,
                "member_type": place.member_type,
                "state_code": place.state_code,
                "join_year": join_years.get(place.name, place.join_year),
                "leave_year": place.leave_year,
                "population": place.population,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "network": place.network,
                "contact_point": place.contact_point or _contact_point(place, rng),
            }
        )
    data.events = list(_events(data.members, rng))
    if events is not None:
        data.events = _scale_events(data.events, data.members, events, rng)
    data.self_help = list(_self_help(data.members, rng))
    data.assessments = list(_assessments(data.members, rng))
    data.seats = list(_seats(data.members, rng))
    data.reports = list(_reports(data.members, rng))
    return data


def _contact_point(place: Place, rng: random.Random) -> str | None:
    if rng.random() < 0.05:
        return None  # a few members name no contact point: the data has gaps, too
    short = place.name.removeprefix("Landkreis ").removeprefix("Kreis ")
    return rng.choice(("Selbsthilfe-Kontaktstelle", "KISS", "Selbsthilfebüro")) + " " + short


def _active_years(member: dict[str, Any]) -> range:
    last = member["leave_year"] or DEMO_AS_OF.year
    return range(member["join_year"], last + 1)


def _day(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> datetime.date:
    month = rng.randint(*months)
    day = rng.randint(1, 28)
    return datetime.date(year, month, day)


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


def _events(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Events of every type with the sizes the domain notes report."""
    for member in members:
        name = member["name"]
        holds_week = name == "Herne" or rng.random() < 0.35
        holds_plenum = name == "Region Hannover" or rng.random() < 0.1
        holds_self_help_day = rng.random() < 0.45
        conference_chance = 0.95 if member["state_code"] == "NW" else 0.25
        for year in _active_years(member):
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
    yield from _network_events(members, rng)


def _network_events(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Mitgliederversammlung and Symposium (network-wide), Regionalnetzwerktreffen (hosted)."""
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
    by_network: dict[str, list[str]] = {}
    for member in members:
        if member["network"]:
            by_network.setdefault(member["network"], []).append(member["name"])
    for network, hosts in sorted(by_network.items()):
        for year in range(NETWORKS[network], DEMO_AS_OF.year + 1):
            for number in range(rng.randint(1, 4)):
                yield _event(
                    rng.choice(hosts),
                    "Regionalnetzwerktreffen",
                    f"Regionalnetzwerk {network} {year}, Treffen {number + 1}",
                    _day(rng, year, (1 + 3 * number, 3 + 3 * number)),
                    participants=rng.randint(6, 20),
                    event_format=_format(rng, year),
                )


def _scale_events(
    natural: list[dict[str, Any]], members: list[dict[str, Any]], target: int, rng: random.Random
) -> list[dict[str, Any]]:
    """Trim or top up the natural events to exactly ``target`` (benchmark data)."""
    if target <= len(natural):
        return rng.sample(natural, target)
    events = list(natural)
    member_years = [(member["name"], year) for member in members for year in _active_years(member)]
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


def _self_help(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Groups per member, year (2012 on) and topic at 30–70 per 100,000 inhabitants, 4–8 % new."""
    for member in members:
        if not member["contact_point"] or not member["population"]:
            continue
        rate = rng.uniform(32, 66)  # inside 30–70, leaving room for the per-topic spread
        reports_latest_year = rng.random() > 0.1  # about one in ten still owes the newest figures
        last_year = min(member["leave_year"] or 2025, 2025)
        for year in range(max(2012, member["join_year"]), last_year + 1):
            if year == 2025 and not reports_latest_year:
                continue
            rate = min(66.0, max(32.0, rate * rng.uniform(0.99, 1.03)))  # slow growth, kept in range
            total = member["population"] / 100_000 * rate
            for topic, weight in zip(SELF_HELP_TOPICS, TOPIC_WEIGHTS, strict=True):
                groups = max(0, round(total * weight * rng.uniform(0.85, 1.15)))
                yield {
                    "member": member["name"],
                    "year": year,
                    "topic": topic,
                    "groups": groups,
                    "new_groups": round(groups * rng.uniform(0.04, 0.08)),
                }


def _assessments(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Self-assessments every two years from 2017; longer membership, more standards met."""
    statuses = ("erfüllt", "teilweise", "nicht erfüllt")
    for member in members:
        for year in range(2017, 2026, 2):
            if year not in _active_years(member) or rng.random() > 0.8:
                continue
            chance_met = min(0.92, 0.45 + 0.04 * (year - member["join_year"]) / 2)
            for number in range(1, 10):
                if member["name"] == "Herne":
                    status = "erfüllt"  # Herne states it meets all nine
                elif rng.random() < chance_met:
                    status = statuses[0]
                else:
                    status = rng.choices(statuses[1:], weights=(65, 35))[0]
                yield {"member": member["name"], "year": year, "criterion_number": number, "status": status}


def _seats(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Five seats per side for two-year terms from 2008; Region Hannover and KIBIS since 2024."""
    for start_year in range(2008, DEMO_AS_OF.year, 2):
        start = datetime.date(start_year, 6, 15)
        end = datetime.date(start_year + 2, 6, 14)
        eligible = [member["name"] for member in members if start_year in _active_years(member)]
        for side in ("Kommune", "Selbsthilfe"):
            chosen = rng.sample(eligible, 5)
            if start_year >= 2024 and "Region Hannover" in eligible and "Region Hannover" not in chosen:
                chosen[0] = "Region Hannover"
            for name in chosen:
                yield {"member": name, "side": side, "term_start": start, "term_end": end}


def _reports(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Four-year reports, some late and some still missing."""
    for member in members:
        due = member["join_year"] + REPORT_INTERVAL_YEARS
        last = min(member["leave_year"] or DEMO_AS_OF.year, DEMO_AS_OF.year)
        while due <= last:
            if rng.random() < 0.12:
                break  # this member has not sent the report that was due
            year = min(due + rng.choice((0, 0, 0, 1)), last)
            yield {
                "member": member["name"],
                "year": year,
                "submitted_on": datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            }
            due = year + REPORT_INTERVAL_YEARS


DEMO_TABLES = (
    EventSummary,
    SelfHelpTopicSummary,
    SelfHelpYearSummary,
    StandardMemberSummary,
    Event,
    SelfHelpCount,
    StandardAssessment,
    CouncilSeat,
    ReportSubmission,
    Member,
    RegionalNetwork,
)


def has_members(connection: Connection) -> bool:
    """True when the database already holds members (then ``demo`` must not overwrite silently)."""
    return bool(connection.execute(select(func.count()).select_from(Member)).scalar())


def load(connection: Connection, data: DemoData, *, actor: str, chunk_size: int = 50_000) -> dict[str, int]:
    """Replace the database's content with ``data`` inside the caller's write transaction.

    Marks the data set as demo data, refreshes the event summary and writes one audit
    entry with the row counts. Returns those counts.
    """
    for table in DEMO_TABLES:
        connection.execute(delete(table))
    connection.execute(insert(RegionalNetwork), data.networks)
    network_ids = dict(connection.execute(select(RegionalNetwork.name, RegionalNetwork.id)).all())
    connection.execute(
        insert(Member),
        [
            {
                **{key: value for key, value in member.items() if key != "network"},
                "regional_network_id": network_ids.get(member["network"]),
            }
            for member in data.members
        ],
    )
    member_ids = dict(connection.execute(select(Member.name, Member.id)).all())

    def with_ids(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        for offset in range(0, len(rows), chunk_size):
            yield [
                {
                    **{key: value for key, value in row.items() if key != "member"},
                    "member_id": member_ids.get(row["member"]) if row["member"] else None,
                }
                for row in rows[offset : offset + chunk_size]
            ]

    for model, rows in (
        (Event, data.events),
        (SelfHelpCount, data.self_help),
        (StandardAssessment, data.assessments),
        (CouncilSeat, data.seats),
        (ReportSubmission, data.reports),
    ):
        for chunk in with_ids(rows):
            connection.execute(insert(model), chunk)
    refresh_event_summary(connection)
    refresh_self_help_summaries(connection)
    refresh_standard_summary(connection)
    set_dataset_value(connection, DEMO_KEY, "1")
    mark_changed(connection)
    counts = {
        "regional_networks": len(data.networks),
        "members": len(data.members),
        "events": len(data.events),
        "self_help_counts": len(data.self_help),
        "standard_assessments": len(data.assessments),
        "council_seats": len(data.seats),
        "report_submissions": len(data.reports),
    }
    record(
        connection,
        [Change("demo", "*", "Beispieldaten", None, counts)],
        actor=actor,
        source="python -m data_access demo",
    )
    return counts
