"""Benchmark of importing large event files: wall time and peak memory of ``python -m data_access import``.

For an events file of 1,000, 10,000, 100,000 and 200,000 rows, as CSV and as XLSX
(written by XlsxWriter, like our exports), runs ``python -m data_access import
veranstaltungen FILE`` in a child process against a fresh SQLite database that already
holds the members the rows refer to, and prints the file size, the wall time, the child's
peak resident memory (GNU ``/usr/bin/time -f %M``, the child's own ``ru_maxrss``) and its exit
status with the first line it printed. 200,000 rows is beyond ``MAX_ROWS``: that file
must be refused (exit 1) after reading the first 100,000 data rows, with memory no
higher than for 100,000. Never fails on time; the figures are for reading.

Usage: ``python bench/bench_import_memory.py [--rows 1000 10000 100000 200000] [--formats csv xlsx]``
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access.engine import make_engine
from data_access.migrate import upgrade
from domain.vocabulary import EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"
"""GNU time: runs the child and reports its own peak resident memory (``%M``, kB)."""
MEMBERS = 200
HEADER = ["kommune", "art", "titel", "beginn", "ende", "teilnehmende", "angebote", "partner", "format"]


def member_name(number: int) -> str:
    return f"Gesunde Stadt {number:03d}"


def event_rows(count: int) -> list[list[object]]:
    """``count`` plausible, distinct events of the bench members (dates 2015–2024)."""
    first = datetime.date(2015, 1, 1)
    return [
        [
            member_name(number % MEMBERS),
            EVENT_TYPES[number % len(EVENT_TYPES)],
            f"Veranstaltung {number}",
            first + datetime.timedelta(days=number % 3_650),
            None,
            50 + number % 3_000,
            number % 300 or None,
            number % 90 or None,
            ("Präsenz", "Online", "Hybrid")[number % 3],
        ]
        for number in range(count)
    ]


def write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        file.write(";".join(HEADER) + "\r\n")
        for row in rows:
            cells = [value.strftime("%d.%m.%Y") if isinstance(value, datetime.date) else value for value in row]
            file.write(";".join("" if value is None else str(value) for value in cells) + "\r\n")


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Veranstaltungen")
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(number, column, datetime.datetime.combine(value, datetime.time()), date_format)
            elif value is not None:
                sheet.write(number, column, value)
    workbook.close()


def measured_import(url: str, kind: str, path: Path) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in MB, exit status, first stderr lines) of one child import.

    The child is started by ``/usr/bin/time``, a small process: Linux counts the RSS a
    process had before ``exec`` into its ``ru_maxrss``, so a child forked straight from this
    script (which holds the generated rows) would report this script's size, not its own.
    """
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        status = subprocess.run(
            [TIME, "-f", "%M", "-o", peak.name, sys.executable, "-m", "data_access", "import", kind, str(path)],
            env={**os.environ, "DATABASE_URL": url},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            check=False,
        ).returncode
        seconds = time.perf_counter() - start
        errors.seek(0)
        first_lines = errors.read().decode("utf-8", "replace").strip().splitlines()[:2]
        kilobytes = int(peak.read().strip().splitlines()[-1])
    return seconds, kilobytes // 1024, status, " | ".join(first_lines)[:160]


def fresh_database(directory: Path, label: str) -> str:
    """A migrated SQLite database holding the bench members (imported through the command line)."""
    url = f"sqlite:///{directory / f'{label}.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    members = directory / "mitglieder.csv"
    members.write_text(
        "kommune;art;bundesland;beitritt\n"
        + "".join(f"{member_name(number)};Stadt;NI;2000\n" for number in range(MEMBERS)),
        encoding="utf-8",
    )
    _, _, status, line = measured_import(url, "mitglieder", members)
    if status != 0:
        raise SystemExit(f"Mitglieder nicht eingelesen: {line}")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000, 100_000, 200_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"], choices=["csv", "xlsx"])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        baseline_url = fresh_database(directory, "baseline")
        empty = directory / "leer.csv"
        empty.write_text(";".join(HEADER) + "\n", encoding="utf-8")
        seconds, memory, status, _ = measured_import(baseline_url, "veranstaltungen", empty)
        print(f"Startup (header only, refused): {seconds:.2f} s, peak RSS {memory} MB, exit {status}")
        print(f"{'rows':>8} {'format':>6} {'file MB':>8} {'wall s':>7} {'peak MB':>8} {'exit':>4}  first line")
        for count in options.rows:
            rows = event_rows(count)
            for file_format in options.formats:
                path = directory / f"veranstaltungen-{count}.{file_format}"
                (write_csv if file_format == "csv" else write_xlsx)(path, rows)
                url = fresh_database(directory, f"{count}-{file_format}")
                seconds, memory, status, line = measured_import(url, "veranstaltungen", path)
                size = path.stat().st_size / 1_000_000
                print(f"{count:>8} {file_format:>6} {size:>8.1f} {seconds:>7.2f} {memory:>8} {status:>4}  {line}")
                path.unlink()


if __name__ == "__main__":
    main()
