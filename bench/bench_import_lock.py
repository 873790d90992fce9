"""What a second writer sees while a huge file is being rejected (SQLite and, with --postgres URL, PostgreSQL).

A file of 1.5 million member rows (each names an unknown Land, so every row is wrong) is
imported by one process. While that process reads and rejects it, a second process
imports a small valid file, a third exports, and a fourth logs in; the script prints how
long each took and how long the big rejection took. Reading and checking hold no lock, so
the three others should take what they take alone (compare the "alone" column).

Usage: ``python bench/bench_import_lock.py [--rows 1500000] [--postgres postgresql+psycopg://…/db]``
Prints figures; never fails on time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_access.accounts import add_account  # noqa: E402
from data_access.setup import prepare_database  # noqa: E402

PASSWORD = "richtig-langes-passwort"
LOGIN = (
    "import sys, time; from data_access.accounts import authenticate; from data_access.engine import make_engine;"
    "e = make_engine(sys.argv[1], create=False); t = time.perf_counter(); authenticate(e, 'bench', sys.argv[2]);"
    "print(f'{time.perf_counter() - t:.2f}')"
)


def _command(url: str, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _timed(run: subprocess.Popen, started: float) -> tuple[float, int, str]:
    """Wait for ``run``; seconds since ``started`` (its start), exit status, last line it printed."""
    output, errors = run.communicate(timeout=900)
    finished = time.perf_counter()
    lines = (errors or output).strip().splitlines() or [""]
    return finished - started, run.returncode, lines[-1][:100]


def _others(url: str, small: Path, directory: Path) -> dict[str, tuple[float, int, str]]:
    """A small import, an export and a login, one after the other; each timed from its own start."""
    commands = {
        "zweiter Import (klein)": ("-m", "data_access", "import", "mitglieder", str(small)),
        "Export": ("-m", "data_access", "export", "mitglieder", "-o", str(directory / "export.csv")),
        "Anmeldung": ("-c", LOGIN, url, PASSWORD),
    }
    results = {}
    for label, arguments in commands.items():
        started = time.perf_counter()
        results[label] = _timed(_command(url, *arguments), started)
    return results


def measure(url: str, rows: int, directory: Path) -> None:
    """Print the big rejection's time and the others' times during it and alone."""
    engine = prepare_database(url, demo_if_new=False)
    add_account(engine, "bench", PASSWORD, "editor", None, actor="bench")
    engine.dispose()
    big = directory / "riesig.csv"
    with big.open("w", encoding="utf-8") as file:
        file.write("kommune;art;bundesland;beitritt\n")
        for number in range(rows):
            file.write(f"K{number};Stadt;XX;1995\n")  # short rows: the file stays below the 50 MB limit
    size = f"{big.stat().st_size / 1e6:.1f}".replace(".", ",")
    print(f"Datei: {rows:,}".replace(",", ".") + f" Zeilen, {size} MB, jede Zeile mit unbekanntem Land")
    alone = _others(url, _small(directory, "allein"), directory)
    started = time.perf_counter()
    rejection = _command(url, "-m", "data_access", "import", "mitglieder", str(big))
    time.sleep(0.3)  # the big import has started by now
    during = _others(url, _small(directory, "waehrend"), directory)
    others_done = time.perf_counter() - started
    big_seconds, big_code, big_message = _timed(rejection, started)
    print(f"Ablehnung der großen Datei: {big_seconds:.1f} s, Exit {big_code}: {big_message}")
    print(f"Die drei anderen waren {others_done:.1f} s nach ihrem Start fertig.")
    print(f"{'':24} {'allein':>8} {'während':>8}  Exit  Meldung")
    for label, (seconds, code, message) in during.items():
        print(f"{label:24} {alone[label][0]:7.2f}s {seconds:7.2f}s  {code:4}  {message}")


def _small(directory: Path, name: str) -> Path:
    path = directory / f"klein-{name}.csv"
    path.write_text(f"kommune;art;bundesland;beitritt\nNeustadt {name};Stadt;SH;2020\n", encoding="utf-8")
    return path


def main() -> None:
    """Run on a new SQLite file, and on PostgreSQL when a URL of an empty database is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_500_000, help="Zeilen der großen Datei (auch: 99999)")
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database to measure as well")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        print("SQLite")
        measure(f"sqlite:///{Path(directory) / 'lock.sqlite'}", options.rows, Path(directory))
        if options.postgres:
            print("\nPostgreSQL")
            measure(options.postgres, options.rows, Path(directory))


if __name__ == "__main__":
    main()
