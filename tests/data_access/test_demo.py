"""Demo data: deterministic, plausible by the domain notes, scalable for benchmarks."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import Engine, func, select

from data_access import queries
from data_access.demo import generate, load
from data_access.demo.catalogue import PUBLISHED_MEMBER_COUNTS
from data_access.demo.settings import DEMO_AS_OF
from data_access.engine import write_transaction
from data_access.models import Event, EventSummary
from domain.filter import DashboardFilter
from domain.vocabulary import EVENT_TYPES


@pytest.fixture(scope="module")
def demo():
    return generate()


def active(members: list[dict], year: int) -> int:
    return sum(1 for m in members if m["join_year"] <= year and (m["leave_year"] is None or m["leave_year"] >= year))


def test_same_seed_same_data() -> None:
    assert generate(seed=3) == generate(seed=3)
    assert generate(seed=3) != generate(seed=4)


def test_member_counts_follow_published_figures(demo) -> None:
    for year, published in PUBLISHED_MEMBER_COUNTS.items():
        assert abs(active(demo.members, year) - published) <= 2, year
    founders = sorted(m["name"] for m in demo.members if m["join_year"] == 1989)
    assert len(founders) == 10
    assert "Kreis Unna" in founders
    assert next(m for m in demo.members if m["name"] == "Rosenheim")["leave_year"] == 2019


def test_type_mix_and_all_states(demo) -> None:
    types = Counter(m["member_type"] for m in demo.members)
    assert types["Bezirk"] == 11
    assert types["Region"] == 2
    assert types["Landkreis"] == 13
    assert len({m["state_code"] for m in demo.members}) == 16


def test_self_help_rates_are_plausible(demo) -> None:
    population = {m["name"]: m["population"] for m in demo.members}
    groups: Counter = Counter()
    for row in demo.self_help:
        if row["year"] == 2024:
            groups[row["member"]] += row["groups"]
    # Rounding per topic blurs the rate of very small members; judge those of 100,000 and more.
    rates = [groups[name] / population[name] * 100_000 for name in groups if population[name] >= 100_000]
    assert len(rates) > 50
    assert min(rates) >= 28
    assert max(rates) <= 72
    hannover = groups["Region Hannover"]
    assert 350 <= hannover <= 900


def test_every_event_type_occurs(demo) -> None:
    assert {event["event_type"] for event in demo.events} == set(EVENT_TYPES)
    keys = [(e["member"], e["event_type"], e["start_date"], e["title"]) for e in demo.events]
    assert len(keys) == len(set(keys)), "natural keys must be unique"


def test_scaling_options_give_exact_sizes() -> None:
    data = generate(members=150, events=20_000)
    assert len(data.members) == 150
    assert len(data.events) == 20_000
    assert len({m["name"] for m in data.members}) == 150


def test_loaded_demo_is_flagged_and_summary_matches_events(migrated_engine: Engine) -> None:
    with write_transaction(migrated_engine) as connection:
        counts = load(connection, generate(members=40, events=3_000), actor="test")
    with migrated_engine.connect() as connection:
        assert queries.dataset_facts(connection).is_demo
        total_events = connection.execute(select(func.count()).select_from(Event)).scalar()
        summary_events = connection.execute(select(func.sum(EventSummary.event_count))).scalar()
        frame = queries.event_counts_by_year_and_type(connection, DashboardFilter())
    assert total_events == summary_events == counts["events"] == 3_000
    assert int(frame["events"].sum()) == 3_000


def test_nothing_happens_after_the_demo_date_and_a_council_sits_on_it(demo) -> None:
    assert max(event["start_date"] for event in demo.events) <= DEMO_AS_OF
    assert max(report["submitted_on"] for report in demo.reports) <= DEMO_AS_OF
    sitting = [
        seat
        for seat in demo.seats
        if seat["term_start"] <= DEMO_AS_OF and (seat["term_end"] or DEMO_AS_OF) >= DEMO_AS_OF
    ]
    assert Counter(seat["side"] for seat in sitting) == {"Kommune": 5, "Selbsthilfe": 5}
    assert "Region Hannover" in {seat["member"] for seat in sitting}
