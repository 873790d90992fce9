"""Demo self-help counts, self-assessments, council seats and four-year reports."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

from data_access.demo.members import active_years
from data_access.demo.settings import DEMO_AS_OF, TOPIC_WEIGHTS
from domain.vocabulary import (
    REPORT_INTERVAL_YEARS,
    SELF_HELP_TOPICS,
)


def self_help_counts(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
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


def standard_assessments(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Self-assessments every two years from 2017; longer membership, more standards met."""
    statuses = ("erfüllt", "teilweise", "nicht erfüllt")
    for member in members:
        for year in range(2017, 2026, 2):
            if year not in active_years(member) or rng.random() > 0.8:
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


def council_seats(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Five seats per side for two-year terms from 2008; Region Hannover and KIBIS since 2024."""
    leave_years = {member["name"]: member["leave_year"] for member in members if member["leave_year"]}
    for start_year in range(2008, DEMO_AS_OF.year + 1, 2):
        start = datetime.date(start_year, 6, 15)
        if start > DEMO_AS_OF:
            break
        end = datetime.date(start_year + 2, 6, 14)
        eligible = [member["name"] for member in members if start_year in active_years(member)]
        for side in ("Kommune", "Selbsthilfe"):
            chosen = rng.sample(eligible, 5)
            if start_year >= 2024 and "Region Hannover" in eligible and "Region Hannover" not in chosen:
                chosen[0] = "Region Hannover"
            for name in chosen:
                # A member that leaves gives up its seat at the end of its last member year.
                left = leave_years.get(name)
                term_end = min(end, datetime.date(left, 12, 31)) if left else end
                yield {"member": name, "side": side, "term_start": start, "term_end": term_end}


REPORT_DELAYS = ((0, 1, 2, 3, 4), (60, 17, 11, 7, 5))
"""Years a four-year report comes after its due year, and how often: most on time, none skipped."""


def report_submissions(members: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Four-year reports from joining on, every one sent: on time or up to four years late.

    The next report is due four years after the last one, so a late report moves the rest;
    the one due most recently may still be missing, which makes a member "überfällig" by
    at most three years on ``DEMO_AS_OF`` and never for decades. Nothing comes after a
    member's leave year. Herne, which states that it meets all nine Mindeststandards, is
    always on time.
    """
    for member in members:
        due = member["join_year"] + REPORT_INTERVAL_YEARS
        last = min(member["leave_year"] or DEMO_AS_OF.year, DEMO_AS_OF.year)
        punctual = member["name"] == "Herne"
        while due <= last:
            year = due + (0 if punctual else rng.choices(*REPORT_DELAYS)[0])
            if year > last:
                break  # still to come (or, for a member that left, never sent)
            yield {
                "member": member["name"],
                "year": year,
                "submitted_on": min(datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), DEMO_AS_OF),
            }
            due = year + REPORT_INTERVAL_YEARS


def attendance(
    members: list[dict[str, Any]], events: list[dict[str, Any]], rng: random.Random
) -> Iterator[dict[str, Any]]:
    """Members represented at each Mitgliederversammlung, by side (about 70 % Kommune, 55 % Selbsthilfe)."""
    for event in events:
        if event["event_type"] != "Mitgliederversammlung":
            continue
        year = event["start_date"].year
        for member in members:
            if year not in active_years(member):
                continue
            for side, chance in (("Kommune", 0.7), ("Selbsthilfe", 0.55)):
                if rng.random() < chance:
                    yield {
                        "event": (event["event_type"], event["start_date"], event["title"]),
                        "member": member["name"],
                        "side": side,
                    }
