"""Benchmark of the meeting deck: the full deck (all slides) as PDF and as PPTX on the demo database.

Prints the median and fastest time over ``--runs`` runs for each format, split into
reading the figures (one connection, all slides) and rendering (chart images by
vl-convert plus the document), and the ratio to the target of 5 s. Never fails on time.

Usage: ``python bench/bench_deck.py [--runs 7] [--database FILE]`` (default: a new demo database)
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access.setup import prepare_database
from reports.deck import SLIDES
from reports.deck_content import deck_from_database
from reports.deck_pdf import deck_pdf
from reports.deck_pptx import deck_pptx

TARGET_SECONDS = 5.0


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", type=Path, help="an existing SQLite file (default: a new demo database)")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gsn-deck-"))
    path = options.database or folder / "demo.sqlite"
    engine = prepare_database(f"sqlite:///{path}")
    today = datetime.date.today()
    renderers = {"pdf": deck_pdf, "pptx": deck_pptx}
    figures: dict[str, list[tuple[float, float, int]]] = {name: [] for name in renderers}
    for _ in range(options.runs):
        for name, render in renderers.items():
            read, (_, deck) = _timed(lambda: deck_from_database(engine, {}, tuple(SLIDES), today))
            build, content = _timed(lambda deck=deck, render=render: render(deck))
            figures[name].append((read, build, len(content)))
    engine.dispose()
    print(f"Foliensatz mit allen Folien ({len(SLIDES) + 2}), Beispieldaten, {options.runs} Läufe")
    columns = ("Daten ms", 10), ("Erzeugen ms", 13), ("gesamt ms", 11), ("schnellster", 13), ("/Ziel 5 s", 11)
    print(f"{'Format':8}" + "".join(f"{name:>{width}}" for name, width in columns) + f"{'Größe kB':>10}")
    for name, runs in figures.items():
        totals = [read + build for read, build, _ in runs]
        median = statistics.median(totals)
        print(
            f"{name:8}{statistics.median(r for r, _, _ in runs) * 1000:>10.0f}"
            f"{statistics.median(b for _, b, _ in runs) * 1000:>13.0f}{median * 1000:>11.0f}"
            f"{min(totals) * 1000:>13.0f}{median / TARGET_SECONDS:>11.2f}{runs[-1][2] / 1024:>10.0f}"
        )


if __name__ == "__main__":
    main()
