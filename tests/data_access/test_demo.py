"""Demo data: deterministic, plausible by the domain notes, scalable for benchmarks."""

from __future__ import annotations

import datetime
from collections import Counter

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from data_access import queries
from data_access.demo import generate, load
from data_access.demo.catalogue import PUBLISHED_MEMBER_COUNTS
from data_access.demo.settings import DEMO_AS_OF
from data_access.engine import write_transaction
from data_access.models import Event, EventSummary
from domain.filter import DashboardFilter
from domain.vocabulary import EVENT_TYPES, FOUNDING_YEAR, REPORT_INTERVAL_YEARS
from metrics.members import member_table
from metrics.standards import report_counts, report_overview


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


def year_of(value: datetime.date | int) -> int:
    return value.year if isinstance(value, datetime.date) else value


def member_years(member: dict) -> int:
    return (member["leave_year"] or DEMO_AS_OF.year) - member["join_year"]


def test_nothing_of_a_member_is_dated_after_it_left_or_before_it_joined(demo) -> None:
    members = {m["name"]: m for m in demo.members}
    assert {name for name, m in members.items() if m["leave_year"]} >= {"Rosenheim"}
    dated = [
        *((event["member"], event["start_date"]) for event in demo.events if event["member"]),
        *((row["member"], row["year"]) for row in demo.self_help),
        *((row["member"], row["year"]) for row in demo.assessments),
        *((row["member"], row["year"]) for row in demo.reports),
        *((seat["member"], seat["term_start"]) for seat in demo.seats),
        *((seat["member"], seat["term_end"]) for seat in demo.seats if seat["term_end"]),
        *((row["member"], row["event"][1]) for row in demo.attendance),
    ]
    outside = [
        (name, when)
        for name, when in dated
        if year_of(when) < members[name]["join_year"] or year_of(when) > (members[name]["leave_year"] or 9999)
    ]
    assert outside == []
    # Rosenheim (left 2019) had events, but none in 2020 or later.
    rosenheim = [event["start_date"].year for event in demo.events if event["member"] == "Rosenheim"]
    assert rosenheim
    assert max(rosenheim) <= 2019


def test_every_member_reports_every_four_years_give_or_take_a_few(demo) -> None:
    """No member is without a four-year report for decades: at most a few years overdue, in any year."""
    reports: dict[str, list[int]] = {}
    for row in demo.reports:
        reports.setdefault(row["member"], []).append(row["year"])
    worst: dict[int, int] = {}
    overdue_now = []
    for year in range(FOUNDING_YEAR, DEMO_AS_OF.year + 1):
        for member in demo.members:
            if member["join_year"] > year or (member["leave_year"] and member["leave_year"] <= year):
                continue  # not yet a member, or left: owes no report
            sent = [report for report in reports.get(member["name"], []) if report <= year]
            due = (max(sent) if sent else member["join_year"]) + REPORT_INTERVAL_YEARS
            worst[year] = max(worst.get(year, 0), year - due)
            if year == DEMO_AS_OF.year and due < year:
                overdue_now.append(member["name"])
    assert max(worst.values()) <= REPORT_INTERVAL_YEARS, worst
    # Still a believable mix: some members are late with the report now, Herne (all nine standards met) is not.
    assert 3 <= len(overdue_now) <= 20
    assert "Herne" not in overdue_now
    herne = sorted(reports["Herne"])
    assert herne[0] == 1994
    assert herne[-1] >= DEMO_AS_OF.year - REPORT_INTERVAL_YEARS
    # Eight member years or more: at least one report.
    long_members = [m["name"] for m in demo.members if member_years(m) >= 2 * REPORT_INTERVAL_YEARS]
    assert all(reports.get(name) for name in long_members)


def test_a_former_member_is_ausgetreten_not_overdue_in_the_loaded_demo(migrated_engine: Engine) -> None:
    with write_transaction(migrated_engine) as connection:
        load(connection, generate(), actor="test")
    with migrated_engine.connect() as connection:
        everyone = queries.member_list(connection, DashboardFilter())
        left_2019 = queries.member_list(connection, DashboardFilter(), 2019)
    table = member_table(everyone, DEMO_AS_OF.year)
    statuses = dict(zip(table["name"], table["report_status"], strict=True))
    assert statuses["Rosenheim"] == "ausgetreten"
    assert pd.isna(table.set_index("name").loc["Rosenheim", "report_due_year"])
    overview = report_overview(left_2019, pd.DataFrame({"name": [], "year": []}), 2019)
    assert overview.set_index("name").loc["Rosenheim", "status"] == "ausgetreten"
    assert report_counts(overview)["überfällig"] == int((overview["status"] == "überfällig").sum())
