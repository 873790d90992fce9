"""Benchmark of whole pages on a large database (prints figures and ratios, never fails).

On a temporary SQLite database of 1,000 members and 1,000,000 events (options change
that) it runs every page with Streamlit's AppTest and prints

- the median run time with a warm cache (the common case: a rerun or a second viewer),
- the median run time with the data caches cleared before each run (a first viewer),
- the summed bare time of the queries that page issues (called directly, no cache),
- the ratios warm/bare and cold/bare, and the most rows any chart of the page embeds.

Targets (issue 3): warm ≤ 0.25 × bare and < 50 ms; cold ≤ 1.3 × bare; ≤ 5,000 rows a chart.

Usage: ``python bench/bench_pages.py [--members 1000] [--events 1000000] [--runs 7]``
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

from data_access import queries  # noqa: E402
from ui.charts import chart_rows  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    _record_queries()
    _record_chart_sizes()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from bench.bench_queries import build

    with tempfile.TemporaryDirectory() as directory:
        engine = build(Path(directory) / "bench.sqlite", options.members, options.events)
        os.environ["DATABASE_URL"] = str(engine.url)
        pages = sorted((ROOT / "app_pages").glob("[a-z]*.py"))
        print(f"\nJe Seite Median aus {options.runs} AppTest-Läufen.\n")
        columns = ("warm ms", "kalt ms", "Abfragen ms", "warm/Abfr.", "kalt/Abfr.", "max. Zeilen")
        print(f"{'Seite':14} " + " ".join(f"{column:>12}" for column in columns))
        for page in pages:
            app = AppTest.from_file(str(page), default_timeout=120)
            app.run()
            if app.exception:
                print(f"{page.stem}: Ausnahme {app.exception[0].message}")
                continue
            warm = []
            for _ in range(options.runs):
                started = time.perf_counter()
                app.run()
                warm.append((time.perf_counter() - started) * 1000)
            cold = []
            for _ in range(options.runs):
                st.cache_data.clear()
                CALLS.clear()
                CHART_ROWS.clear()
                started = time.perf_counter()
                app.run()
                cold.append((time.perf_counter() - started) * 1000)
            issued, largest_chart = list(CALLS), max(CHART_ROWS, default=0)
            bare = []
            for _ in range(options.runs):
                started = time.perf_counter()
                with engine.connect() as connection:
                    for function, arguments in issued:
                        function(connection, *arguments)
                bare.append((time.perf_counter() - started) * 1000)
            warm_median, cold_median, bare_median = (statistics.median(values) for values in (warm, cold, bare))
            print(
                f"{page.stem:14} {warm_median:12.1f} {cold_median:12.1f} {bare_median:12.1f} "
                f"{warm_median / bare_median:12.2f} {cold_median / bare_median:12.2f} {largest_chart:12,d}"
                f"   ({len(issued)} Abfragen)"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
