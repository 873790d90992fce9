"""Demo members: the catalogue, join years along the published counts, extra members for benchmarks."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from typing import Any

from data_access.demo.catalogue import PLACES, PUBLISHED_MEMBER_COUNTS, Place
from data_access.demo.settings import DEMO_AS_OF
from domain.vocabulary import (
    FOUNDING_YEAR,
    MEMBER_TYPES,
    STATE_CENTRES,
    STATES,
)


def target_counts() -> dict[int, int]:
    """Active members per year, interpolated between the published figures."""
    anchors = sorted(PUBLISHED_MEMBER_COUNTS.items())
    targets: dict[int, int] = {}
    for (year_a, count_a), (year_b, count_b) in itertools.pairwise(anchors):
        for year in range(year_a, year_b + 1):
            targets[year] = round(count_a + (count_b - count_a) * (year - year_a) / (year_b - year_a))
    return targets


def synthetic_places(count: int, rng: random.Random) -> list[Place]:
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


def draw_join_years(places: list[Place], rng: random.Random) -> dict[str, int]:
    """Give every catalogue member without a published join year one that follows the published counts."""
    years = {place.name: place.join_year for place in places if place.join_year is not None}
    pool = [place for place in places if place.join_year is None]
    # Larger municipalities tended to join earlier; the noise keeps it from being a rule.
    pool.sort(key=lambda place: -place.population * rng.uniform(0.4, 1.6))
    targets = target_counts()
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


def draw_contact_point(place: Place, rng: random.Random) -> str | None:
    if rng.random() < 0.05:
        return None  # a few members name no contact point: the data has gaps, too
    short = place.name.removeprefix("Landkreis ").removeprefix("Kreis ")
    return rng.choice(("Selbsthilfe-Kontaktstelle", "KISS", "Selbsthilfebüro")) + " " + short


def active_years(member: dict[str, Any]) -> range:
    last = member["leave_year"] or DEMO_AS_OF.year
    return range(member["join_year"], last + 1)
