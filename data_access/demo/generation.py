"""Putting the demo data set together from its parts."""

from __future__ import annotations

import random

from data_access.demo.catalogue import NETWORKS, PLACES
from data_access.demo.events import natural_events, scale_events
from data_access.demo.figures import (
    attendance,
    council_seats,
    report_submissions,
    self_help_counts,
    standard_assessments,
)
from data_access.demo.members import draw_contact_point, draw_join_years, synthetic_places
from data_access.demo.settings import DEFAULT_SEED, DemoData


def generate(seed: int = DEFAULT_SEED, members: int | None = None, events: int | None = None) -> DemoData:
    """Return the demo data set; ``members``/``events`` scale it (None: the natural network)."""
    rng = random.Random(seed)
    places = list(PLACES)
    if members is not None and members > len(places):
        places.extend(synthetic_places(members - len(places), rng))
    elif members is not None:
        places = places[:members]
    join_years = draw_join_years([place for place in places if not place.name.startswith("Beispielkommune")], rng)
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
                "contact_point": place.contact_point or draw_contact_point(place, rng),
            }
        )
    data.events = list(natural_events(data.members, rng))
    if events is not None:
        data.events = scale_events(data.events, data.members, events, rng)
    data.self_help = list(self_help_counts(data.members, rng))
    data.assessments = list(standard_assessments(data.members, rng))
    data.seats = list(council_seats(data.members, rng))
    data.reports = list(report_submissions(data.members, rng))
    data.attendance = list(attendance(data.members, data.events, rng))
    return data
