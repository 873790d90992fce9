"""Benchmark of whole pages on a large database (prints figures and ratios, never fails).

On a temporary SQLite database of 1,000 members and 1,000,000 events (options change
that) it runs every page with Streamlit's AppTest and prints

- the median run time with a warm cache (the common case: a rerun or a second viewer),
- the median run time with the data caches cleared before each run (a first viewer),
- the summed bare time of the queries that page issues (called directly, no cache),
- the ratios warm/bare and cold/bare, and the most rows any chart of the page embeds.

Targets (issue 3): warm ≤ 0.25 × bare and < 50 ms; cold ≤ 1.3 × bare; ≤ 5,000 rows a chart.

Usage: ``python bench/bench_pages.py [--members 1000] [--events 1000000] [--runs 11] [--database FILE]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from charts.figure import chart_rows  # noqa: E402
from data_access import queries  # noqa: E402

CALLS: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
CHART_ROWS: list[int] = []


def _record_queries() -> None:
    """Wrap every query so a page run leaves the list of queries it issued (before ui/ binds them)."""
    for name in queries.__all__:
        function = getattr(queries, name)
        if not callable(function) or isinstance(function, type) or not name[0].islower():
            continue
        if name in ("member_conditions", "summary_conditions"):
            continue

        def recorded(connection, *arguments, _function=function):
            CALLS.append((_function, arguments))
            return _function(connection, *arguments)

        recorded.__name__ = function.__name__
        recorded.__doc__ = function.__doc__
        setattr(queries, name, recorded)


def _record_chart_sizes() -> None:
    """Count the rows every chart embeds (all charts go through st.vega_lite_chart, see ui/charts.py)."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    original = DeltaGenerator.vega_lite_chart

    def vega_lite_chart(self, spec, *arguments, **keywords):
        CHART_ROWS.append(chart_rows(spec))
        return original(self, spec, *arguments, **keywords)

    DeltaGenerator.vega_lite_chart = vega_lite_chart
    st.vega_lite_chart = lambda *arguments, **keywords: vega_lite_chart(st._main, *arguments, **keywords)


def _milliseconds(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def _round(app: Any, engine: Any, clear_caches: Callable[[], None]) -> tuple[float, float, float, list, int]:
    """One cold run, one warm run and the bare queries the cold run issued (times in ms)."""
    clear_caches()
    CALLS.clear()
    CHART_ROWS.clear()
    cold = _milliseconds(app.run)
    issued, largest_chart = list(CALLS), max(CHART_ROWS, default=0)
    warm = _milliseconds(app.run)

    def bare_queries() -> None:
        with engine.connect() as connection:
            for function, arguments in issued:
                function(connection, *arguments)

    return cold, warm, _milliseconds(bare_queries), issued, largest_chart


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--database", type=Path, help="an existing benchmark database to reuse (built there if absent)")
    options = parser.parse_args()
    _record_queries()
    _record_chart_sizes()
    from streamlit.testing.v1 import AppTest

    from bench.bench_queries import build
    from data_access.engine import make_engine
    from ui.data import clear_caches

    with tempfile.TemporaryDirectory() as directory:
        if options.database and options.database.exists():
            engine = make_engine(f"sqlite:///{options.database}")
        else:
            engine = build(options.database or Path(directory) / "bench.sqlite", options.members, options.events)
        os.environ["DATABASE_URL"] = str(engine.url)
        # The dashboard's views; the data stewardship pages (upload, audit log) are not.
        pages = sorted(
            page
            for page in (ROOT / "app_pages").glob("[a-z]*.py")
            if page.stem not in ("daten", "bearbeiten", "protokoll")
        )
        print(f"\nJe Seite Median aus {options.runs} Runden (kalt, warm, Abfragen nacheinander).\n")
        columns = ("warm ms", "kalt ms", "Abfragen ms", "warm/Abfr.", "kalt/Abfr.", "max. Zeilen")
        print(f"{'Seite':14} " + " ".join(f"{column:>12}" for column in columns))
        for page in pages:
            # Through the entry script, as a browser opens it: the sidebar and the Scope of the run
            # are part of every page's cost.
            app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
            if page.stem == "steckbrief":  # without a member it shows only a picker
                with engine.connect() as connection:
                    app.query_params["kommune"] = queries.filter_options(connection).members[0]
            app.run()
            app.switch_page(str(page.relative_to(ROOT))).run()
            if app.exception:
                print(f"{page.stem}: Ausnahme {app.exception[0].message}")
                continue
            # One round is a cold run, a warm run and the bare queries, back to back: this shared
            # machine changes speed by up to 2x within a minute, and ratios taken within a round
            # cancel most of that. The figures are medians over the rounds.
            rounds = [_round(app, engine, clear_caches) for _ in range(options.runs)]
            cold, warm, bare, issued, largest_chart = zip(*rounds, strict=True)
            warm_ratio = statistics.median(w / b for w, b in zip(warm, bare, strict=True))
            cold_ratio = statistics.median(c / b for c, b in zip(cold, bare, strict=True))
            print(
                f"{page.stem:14} {statistics.median(warm):12.1f} {statistics.median(cold):12.1f} "
                f"{statistics.median(bare):12.1f} {warm_ratio:12.2f} {cold_ratio:12.2f} {max(largest_chart):12,d}"
                f"   ({len(issued[0])} Abfragen)"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
