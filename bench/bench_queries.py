"""Benchmark of the dashboard queries on a large SQLite database (prints figures, never fails).

Builds a temporary SQLite database with the demo generator scaled to 1,000 members and
1,000,000 events (options change that), then for every dashboard query prints

- its median time over ``--runs`` runs (at least 7) and the fastest run,
- the time to answer the same question the load-everything way (``pandas.read_sql`` of
  the whole tables, then filtering and grouping in pandas), and the ratio of the two,
- whether both ways give the same totals, and
- SQLite's query plan of every statement the query function sent.

Usage: ``python bench/bench_queries.py [--members 1000] [--events 1000000] [--runs 7]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, event, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access import demo, queries
from data_access.engine import make_engine, write_transaction
from data_access.migrate import upgrade
from domain.filter import DashboardFilter

LAST_YEAR = demo.DEMO_AS_OF.year


@dataclass
class Case:
    """One dashboard question: the SQL way, the pandas way, and a total both must agree on."""

    name: str
    sql: Callable[[Connection], pd.DataFrame | object]
    pandas: Callable[[Connection], pd.DataFrame]
    total: Callable[[pd.DataFrame], float]


def read(connection: Connection, table: str) -> pd.DataFrame:
    return pd.read_sql(text(f"SELECT * FROM {table}"), connection)


def active_mask(members: pd.DataFrame, year: int) -> pd.Series:
    return (members["join_year"] <= year) & (members["leave_year"].isna() | (members["leave_year"] >= year))


def pandas_active_by_year(connection: Connection) -> pd.DataFrame:
    members = read(connection, "members")
    years = pd.DataFrame({"year": range(1989, LAST_YEAR + 1)})
    pairs = years.merge(members, how="cross")
    pairs = pairs[
        (pairs["join_year"] <= pairs["year"]) & (pairs["leave_year"].isna() | (pairs["leave_year"] >= pairs["year"]))
    ]
    return (
        pairs.groupby(["year", "member_type"])
        .agg(members=("id", "count"), population=("population", "sum"))
        .reset_index()
    )


def pandas_flows(connection: Connection) -> pd.DataFrame:
    members = read(connection, "members")
    joins = members.groupby(["join_year", "member_type"]).size().rename("joins")
    leaves = members.dropna(subset=["leave_year"]).groupby(["leave_year", "member_type"]).size().rename("leaves")
    joins.index.names = leaves.index.names = ["year", "member_type"]
    return pd.concat([joins, leaves], axis=1).fillna(0).reset_index()


def pandas_by_state(connection: Connection) -> pd.DataFrame:
    members = read(connection, "members")
    active = members[active_mask(members, LAST_YEAR)]
    return active.groupby("state_code").agg(members=("id", "count")).reset_index()


def pandas_member_list(connection: Connection) -> pd.DataFrame:
    """The member table the pandas way: members, networks, every assessment and report loaded whole."""
    members = read(connection, "members")
    networks = read(connection, "regional_networks").rename(columns={"id": "regional_network_id", "name": "network"})
    assessments = read(connection, "standard_assessments")
    reports = read(connection, "report_submissions")
    assessments = assessments[assessments["year"] <= LAST_YEAR]
    latest = assessments.groupby("member_id")["year"].transform("max")
    met = (
        assessments[(assessments["year"] == latest) & (assessments["status"] == "erfüllt")]
        .groupby("member_id")
        .size()
        .rename("standards_met")
    )
    last_report = reports[reports["year"] <= LAST_YEAR].groupby("member_id")["year"].max().rename("last_report_year")
    selected = members[(members["state_code"] == "NW") & active_mask(members, LAST_YEAR)]
    selected = selected.merge(networks[["regional_network_id", "network"]], how="left", on="regional_network_id")
    return selected.join(met, on="id").join(last_report, on="id")


def pandas_events(filter_: DashboardFilter) -> Callable[[Connection], pd.DataFrame]:
    def run(connection: Connection) -> pd.DataFrame:
        events = read(connection, "events")
        members = read(connection, "members").rename(columns={"id": "member_id"})
        events = events.merge(members[["member_id", "name", "state_code"]], how="left", on="member_id")
        events["year"] = pd.to_datetime(events["start_date"]).dt.year
        if filter_.states:
            events = events[events["state_code"].isin(filter_.states)]
        if filter_.member:
            events = events[events["name"] == filter_.member]
        if filter_.event_types:
            events = events[events["event_type"].isin(filter_.event_types)]
        if filter_.year_from:
            events = events[events["year"] >= filter_.year_from]
        return events.groupby(["year", "event_type"]).agg(events=("id", "count")).reset_index()

    return run


def pandas_self_help(filter_: DashboardFilter) -> Callable[[Connection], pd.DataFrame]:
    def run(connection: Connection) -> pd.DataFrame:
        counts = read(connection, "self_help_counts")
        members = read(connection, "members").rename(columns={"id": "member_id"})
        counts = counts.merge(members[["member_id", "member_type"]], on="member_id")
        if filter_.member_types:
            counts = counts[counts["member_type"].isin(filter_.member_types)]
        return counts.groupby("year").agg(groups=("groups", "sum")).reset_index()

    return run


def pandas_topics(connection: Connection) -> pd.DataFrame:
    counts = read(connection, "self_help_counts")
    return counts.groupby(["year", "topic"]).agg(groups=("groups", "sum")).reset_index()


def pandas_standards(connection: Connection) -> pd.DataFrame:
    assessments = read(connection, "standard_assessments")
    members = read(connection, "members").rename(columns={"id": "member_id"})
    assessments = assessments[assessments["year"] <= LAST_YEAR - 1]
    latest = assessments.groupby("member_id")["year"].max().rename("latest").reset_index()
    assessments = assessments.merge(latest, on="member_id")
    assessments = assessments[assessments["year"] == assessments["latest"]]
    active = members[active_mask(members, LAST_YEAR - 1)]
    assessments = assessments[assessments["member_id"].isin(active["member_id"])]
    return assessments.assign(met=assessments["status"] == "erfüllt").groupby("member_id").agg(met=("met", "sum"))


def pandas_options(connection: Connection) -> pd.DataFrame:
    members = read(connection, "members")
    events = read(connection, "events")
    return pd.DataFrame({"members": [members["name"].nunique()], "types": [events["event_type"].nunique()]})


def cases(member_name: str) -> list[Case]:
    everything = DashboardFilter()
    two_states = DashboardFilter(states=("BY", "NW"))
    weeks = DashboardFilter(event_types=("Gesundheitswoche",), year_from=2015)
    one_member = DashboardFilter(member=member_name)
    cities = DashboardFilter(member_types=("Stadt",))
    events_total = lambda frame: float(frame["events"].sum())  # noqa: E731
    return [
        Case(
            "active_members_by_year",
            lambda c: queries.active_members_by_year(c, everything, 1989, LAST_YEAR),
            pandas_active_by_year,
            lambda f: float(f["members"].sum()),
        ),
        Case(
            "member_flows_by_year",
            lambda c: queries.member_flows_by_year(c, everything),
            pandas_flows,
            lambda f: float(f["joins"].sum()),
        ),
        Case(
            "members_by_state",
            lambda c: queries.members_by_state(c, everything, LAST_YEAR),
            pandas_by_state,
            lambda f: float(f["members"].sum()),
        ),
        Case(
            "member_list (NW)",
            lambda c: queries.member_list(c, DashboardFilter(states=("NW",)), LAST_YEAR),
            pandas_member_list,
            len,
        ),
        Case(
            "event_counts (alle)",
            lambda c: queries.event_counts_by_year_and_type(c, everything),
            pandas_events(everything),
            events_total,
        ),
        Case(
            "event_counts (BY, NW)",
            lambda c: queries.event_counts_by_year_and_type(c, two_states),
            pandas_events(two_states),
            events_total,
        ),
        Case(
            "event_counts (GW seit 2015)",
            lambda c: queries.event_counts_by_year_and_type(c, weeks),
            pandas_events(weeks),
            events_total,
        ),
        Case(
            "event_counts (eine Kommune)",
            lambda c: queries.event_counts_by_year_and_type(c, one_member),
            pandas_events(one_member),
            events_total,
        ),
        Case(
            "self_help_by_year (alle)",
            lambda c: queries.self_help_by_year(c, everything),
            pandas_self_help(everything),
            lambda f: float(f["groups"].sum()),
        ),
        Case(
            "self_help_by_year (Städte)",
            lambda c: queries.self_help_by_year(c, cities),
            pandas_self_help(cities),
            lambda f: float(f["groups"].sum()),
        ),
        Case(
            "self_help_by_topic",
            lambda c: queries.self_help_by_topic(c, everything),
            pandas_topics,
            lambda f: float(f["groups"].sum()),
        ),
        Case(
            "standards_met_by_member",
            lambda c: queries.standards_met_by_member(c, everything, LAST_YEAR - 1),
            pandas_standards,
            lambda f: float(f["met"].sum()),
        ),
        Case("filter_options", queries.filter_options, pandas_options, lambda f: float(len(f))),
    ]


def build(path: Path, members: int, events: int) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    started = time.perf_counter()
    data = demo.generate(members=members, events=events)
    generated = time.perf_counter()
    with write_transaction(engine) as connection:
        demo.load(connection, data, actor="bench")
    loaded = time.perf_counter()
    # No ANALYZE: the dashboard's own databases have no statistics either, so the plans
    # measured here are the plans users get. (An ANALYZE here used to be rolled back unseen.)
    print(
        f"Datenbank: {members:,} Mitglieder, {len(data.events):,} Veranstaltungen; "
        f"erzeugt in {generated - started:.1f} s, geschrieben (mit Summentabelle) in {loaded - generated:.1f} s, "
        f"{path.stat().st_size / 1e6:.0f} MB"
    )
    return engine


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], object]:
    durations = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        durations.append((time.perf_counter() - started) * 1000)
    return durations, result


def captured_statements(engine: Engine, function: Callable[[Connection], object]) -> list[tuple[str, object]]:
    statements: list[tuple[str, object]] = []

    def remember(_connection, _cursor, statement, parameters, _context, _executemany) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        with engine.connect() as connection:
            function(connection)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return [(sql, params) for sql, params in statements if not sql.lstrip().upper().startswith(("BEGIN", "PRAGMA"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pandas-runs", type=int, default=3)
    parser.add_argument("--plans", action=argparse.BooleanOptionalAction, default=True)
    options = parser.parse_args()
    runs = max(7, options.runs)
    with tempfile.TemporaryDirectory() as directory:
        engine = build(Path(directory) / "bench.sqlite", options.members, options.events)
        with engine.connect() as connection:
            member_name = connection.exec_driver_sql("SELECT name FROM members ORDER BY id LIMIT 1 OFFSET 1").scalar()
        print(f"Je Abfrage Median aus {runs} Läufen; pandas (ganze Tabellen laden) Median aus {options.pandas_runs}.\n")
        print(f"{'Abfrage':32} {'Median ms':>10} {'min ms':>8} {'pandas ms':>10} {'Faktor':>8}  Summen gleich")
        summary = []
        for case in cases(member_name):
            with engine.connect() as connection:
                durations, result = timed(lambda case=case, connection=connection: case.sql(connection), runs)
                pandas_durations, pandas_result = timed(
                    lambda case=case, connection=connection: case.pandas(connection), options.pandas_runs
                )
            median = statistics.median(durations)
            pandas_median = statistics.median(pandas_durations)
            ratio = pandas_median / median if median else float("inf")
            if isinstance(result, pd.DataFrame):
                same = abs(case.total(result) - case.total(pandas_result)) < 1e-6
            else:
                same = len(result.members) == int(pandas_result["members"].iloc[0])
            summary.append((case.name, median, ratio))
            agreement = "ja" if same else "NEIN"
            print(
                f"{case.name:32} {median:10.2f} {min(durations):8.2f} {pandas_median:10.0f} {ratio:8.0f}  {agreement}"
            )
            if options.plans:
                for statement, parameters in captured_statements(engine, case.sql):
                    with engine.connect() as connection:
                        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                    for row in plan:
                        print(f"{'':34}| {row[-1]}")
        slowest = max(summary, key=lambda item: item[1])
        weakest = min(summary, key=lambda item: item[2])
        print(
            f"\nLangsamste Abfrage: {slowest[0]} mit {slowest[1]:.2f} ms (Ziel ≤ 50 ms). "
            f"Kleinster Faktor gegenüber pandas: {weakest[0]} mit {weakest[2]:.0f}× (Ziel ≥ 20×)."
        )
        engine.dispose()


if __name__ == "__main__":
    main()
