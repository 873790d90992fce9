"""Every query function on the hand-made small network, on SQLite and PostgreSQL.

Expected figures are worked out by hand from ``build_small_network`` in conftest.py.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, update

from data_access import queries
from data_access.models import Member
from data_access.queries.dataset import reported_year
from domain.filter import DashboardFilter


def rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame as plain tuples (ints, not numpy scalars) for exact comparison."""
    return [
        tuple(value.item() if hasattr(value, "item") else value for value in row)
        for row in frame.itertuples(index=False)
    ]


def run(engine: Engine, function, *arguments):
    with engine.connect() as connection:
        return function(connection, *arguments)


def test_active_members_by_year_counts_leave_year_as_member_year(small_network: Engine) -> None:
    frame = run(small_network, queries.active_members_by_year, DashboardFilter(), 2019, 2020)
    assert list(frame.columns) == ["year", "member_type", "members", "population"]
    assert rows(frame) == [
        (2019, "Landkreis", 1, 280_000),
        (2019, "Stadt", 4, 1_971_000),  # Rosenheim's leave year 2019 still counts
        (2020, "Gemeinde", 1, 0),  # Saerbeck has no population figure
        (2020, "Landkreis", 1, 280_000),
        (2020, "Stadt", 3, 1_907_000),
    ]


def test_active_members_by_year_respects_state_filter(small_network: Engine) -> None:
    frame = run(small_network, queries.active_members_by_year, DashboardFilter(states=("SH",)), 2019, 2019)
    assert rows(frame) == [(2019, "Landkreis", 1, 280_000), (2019, "Stadt", 1, 250_000)]


def test_member_flows_by_year(small_network: Engine) -> None:
    frame = run(small_network, queries.member_flows_by_year, DashboardFilter(year_from=2019, year_to=2020))
    assert rows(frame) == [(2019, "Stadt", 0, 1), (2020, "Gemeinde", 1, 0)]
    founders = run(small_network, queries.member_flows_by_year, DashboardFilter(year_to=1990))
    assert rows(founders) == [(1989, "Stadt", 1, 0), (1990, "Stadt", 1, 0)]


def test_members_by_state(small_network: Engine) -> None:
    frame = run(small_network, queries.members_by_state, DashboardFilter(), 2020)
    assert rows(frame) == [("BY", 1, 1_500_000), ("NW", 2, 157_000), ("SH", 2, 530_000)]
    network = run(small_network, queries.members_by_state, DashboardFilter(networks=("Bayern",)), 2015)
    assert rows(network) == [("BY", 2, 1_564_000)]


def test_member_list_sorted_in_german_order(small_network: Engine) -> None:
    frame = run(small_network, queries.member_list, DashboardFilter(member_types=("Stadt",)), 2020)
    assert frame["name"].tolist() == ["Herne", "Kiel", "München"]
    assert frame.loc[frame["name"] == "Kiel", "network"].item() == "Nord"
    everyone = run(small_network, queries.member_list, DashboardFilter())
    assert len(everyone) == 6


def test_event_counts_whole_network_include_network_wide_events(small_network: Engine) -> None:
    frame = run(small_network, queries.event_counts_by_year_and_type, DashboardFilter())
    assert list(frame.columns) == ["year", "event_type", "events", "participants", "sessions", "partners"]
    assert rows(frame) == [
        (2020, "Gesundheitskonferenz", 1, 80, 5, 30),
        (2020, "Gesundheitswoche", 1, 1000, 100, 20),
        (2020, "Mitgliederversammlung", 1, 100, 0, 0),
        (2021, "Fachtag", 1, 50, 0, 0),
        (2021, "Gesundheitswoche", 1, 1200, 120, 25),
        (2021, "Selbsthilfetag", 1, 500, 0, 40),
    ]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        (
            DashboardFilter(states=("SH",)),
            [(2020, "Gesundheitswoche", 1), (2021, "Gesundheitswoche", 1), (2021, "Selbsthilfetag", 1)],
        ),
        (DashboardFilter(member="Kiel"), [(2020, "Gesundheitswoche", 1), (2021, "Gesundheitswoche", 1)]),
        (DashboardFilter(member="Kiel", year_from=2021), [(2021, "Gesundheitswoche", 1)]),
        (DashboardFilter(event_types=("Gesundheitswoche",), year_from=2021), [(2021, "Gesundheitswoche", 1)]),
        (DashboardFilter(networks=("Bayern",)), [(2021, "Fachtag", 1)]),
        (DashboardFilter(member_types=("Gemeinde",)), []),
        (DashboardFilter(member="Kiel", states=("BY",)), []),
    ],
)
def test_event_counts_by_filter(small_network: Engine, filter_: DashboardFilter, expected: list) -> None:
    frame = run(small_network, queries.event_counts_by_year_and_type, filter_)
    assert [row[:3] for row in rows(frame)] == expected


def test_self_help_by_year_keeps_members_without_population_out_of_the_rate(small_network: Engine) -> None:
    frame = run(small_network, queries.self_help_by_year, DashboardFilter())
    assert list(frame.columns) == [
        "year",
        "groups",
        "new_groups",
        "reporting_members",
        "population",
        "groups_with_population",
    ]
    assert rows(frame) == [(2020, 38, 2, 3, 407_000, 35), (2021, 12, 2, 1, 250_000, 12)]


def test_self_help_by_topic(small_network: Engine) -> None:
    frame = run(small_network, queries.self_help_by_topic, DashboardFilter(year_from=2020, year_to=2020))
    assert rows(frame) == [(2020, "Eltern und Kind", 5, 0), (2020, "Sucht", 33, 2)]
    herne = run(small_network, queries.self_help_by_topic, DashboardFilter(member="Herne"))
    assert rows(herne) == [(2020, "Sucht", 20, 0)]


def test_standards_met_by_member_uses_latest_assessment_up_to_year(small_network: Engine) -> None:
    frame = run(small_network, queries.standards_met_by_member, DashboardFilter(), 2020)
    assert rows(frame) == [("Herne", 2019, 3, 0, 0), ("Kiel", 2019, 5, 2, 2)]
    later = run(small_network, queries.standards_met_by_member, DashboardFilter(), 2021)
    assert rows(later) == [("Herne", 2019, 3, 0, 0), ("Kiel", 2021, 9, 0, 0)]
    assert run(small_network, queries.standards_met_by_member, DashboardFilter(states=("BY",)), 2021).empty


def test_filter_options(small_network: Engine) -> None:
    options = run(small_network, queries.filter_options, datetime.date(2027, 1, 2))
    assert options.states == ("BY", "NW", "SH")
    assert options.member_types == ("Gemeinde", "Landkreis", "Stadt")
    assert options.networks == ("Bayern", "Nord")
    assert options.members == ("Herne", "Kiel", "Kreis Segeberg", "München", "Rosenheim", "Saerbeck")
    assert options.event_types[0] == "Fachtag"
    assert len(options.event_types) == 5
    # The rows end in 2021; members that have not left are members up to today.
    assert (options.first_year, options.last_year) == (1989, 2027)


def test_the_years_end_with_the_data_once_every_member_has_left(small_network: Engine) -> None:
    with small_network.begin() as connection:
        connection.execute(update(Member).where(Member.leave_year.is_(None)).values(leave_year=2021))
    options = run(small_network, queries.filter_options, datetime.date(2027, 1, 2))
    assert (options.first_year, options.last_year) == (1989, 2021)


def test_dataset_facts(small_network: Engine) -> None:
    facts = run(small_network, queries.dataset_facts)
    assert facts.stand == datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)
    assert facts.is_demo is False
    assert facts.newest_event == datetime.date(2021, 9, 9)
    # Self-help: 2020 from three members, 2021 only from Kiel (still being collected): 2020.
    # Assessments: 2019 from Kiel and Herne, 2021 from Kiel, half of the best year: 2021.
    assert (facts.reported_self_help_year, facts.reported_assessment_year) == (2020, 2021)


def test_a_year_counts_as_reported_once_half_the_members_sent_figures() -> None:
    assert reported_year({2024: 90, 2025: 86, 2026: 2}) == 2025
    assert reported_year({2024: 90, 2025: 86, 2026: 45}) == 2026
    assert reported_year({2019: 2, 2021: 1}) == 2021
    assert reported_year({}) is None


def test_queries_on_empty_database_return_empty_frames(migrated_engine: Engine) -> None:
    assert run(migrated_engine, queries.active_members_by_year, DashboardFilter(), 2020, 2021).empty
    assert run(migrated_engine, queries.event_counts_by_year_and_type, DashboardFilter()).empty
    assert run(migrated_engine, queries.self_help_by_year, DashboardFilter()).empty
    options = run(migrated_engine, queries.filter_options)
    assert options.members == ()
    assert options.first_year == 1989
    assert run(migrated_engine, queries.dataset_facts).stand is None


def test_numeric_columns_arrive_as_numbers_not_decimals(small_network: Engine) -> None:
    """PostgreSQL returns numeric for sums of bigints; charts need real numbers."""
    everything = DashboardFilter()
    frames = [
        run(small_network, queries.active_members_by_year, everything, 2019, 2021),
        run(small_network, queries.member_flows_by_year, everything),
        run(small_network, queries.members_by_state, everything, 2020),
        run(small_network, queries.event_counts_by_year_and_type, everything),
        run(small_network, queries.self_help_by_year, everything),
        run(small_network, queries.self_help_by_topic, everything),
        run(small_network, queries.standards_met_by_member, everything, 2021),
    ]
    for frame in frames:
        for column in frame.columns:
            if column not in ("member_type", "event_type", "topic", "name", "state_code"):
                assert pd.api.types.is_numeric_dtype(frame[column]), (column, frame[column].dtype)
