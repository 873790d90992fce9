"""Every hostile import file, through ``python -m data_access import`` in a child process capped at 1 GiB.

The child's address space is limited with ``RLIMIT_AS``: a reader that pads a sheet to
``XFD1048576``, inflates a zip bomb or builds 200,000 problems dies with a MemoryError
traceback instead of a German sentence, and the test fails. Each file must end with exit
status 1, German text on stderr, no traceback, less than 20 kB of output, and every table
exactly as before, on SQLite and on PostgreSQL (where an out-of-range integer or a NUL
byte would otherwise crash the insert).
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access.engine import make_engine
from data_access.migrate import upgrade
from data_access.models import Base, Event, Member, SelfHelpCount
from tests import hostile_files as hostile
from tests.hostile_cases import BROKEN, CLI_CASES
from tests.importing_helpers import BASE_MEMBERS

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP_BYTES = 1 << 30
MAX_OUTPUT_CHARACTERS = 20_000
SELF_HELP = "kommune;jahr;themenbereich;gruppen;neue_gruppen\n"

EXTRA_CASES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("selbsthilfe", "texte.xlsx", lambda: hostile.xlsx(
        hostile.simple_sheet(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>']),
        shared_strings=("<si><t>a</t></si>" * 10_000 for _ in range(60)),
    ), "500.000 verschiedene Texte"),
    ("selbsthilfe", "texte-gross.xlsx", lambda: hostile.xlsx(
        hostile.simple_sheet([]), shared_strings=("<!---->" * 150_000 for _ in range(60))
    ), "entpackt zu groß: die Texttabelle"),
    ("selbsthilfe", "texte-lang.xlsx", lambda: hostile.xlsx(
        hostile.simple_sheet([]), shared_strings=(f"<si><t>{' ' * 1_000_000}</t></si>" for _ in range(40))
    ), "zwischen zwei Tags"),
    ("selbsthilfe", "leerzeichen.xlsx", lambda: hostile.xlsx(hostile.whitespace_bomb(300)), "entpackt zu groß"),
    ("selbsthilfe", "kommentare.xlsx", lambda: hostile.xlsx(hostile.comment_bomb(300)), "entpackt zu groß"),
    ("selbsthilfe", "attribute.xlsx", lambda: hostile.xlsx(hostile.attribute_flood(3_000_000)), "zwischen zwei Tags"),
    ("selbsthilfe", "leerzeichen-luege.xlsx", lambda: hostile.lie_about_size(
        hostile.xlsx(hostile.whitespace_bomb(300)), "xl/worksheets/sheet1.xml", 50_000
    ), "beschädigt"),
    ("selbsthilfe", "leerzeichen-klein.xlsx", lambda: hostile.xlsx(hostile.whitespace_bomb(90)), "beschädigt"),
    ("selbsthilfe", "teile.xlsx", lambda: hostile.xlsx(
        hostile.simple_sheet([]), extra={f"x/{number}.xml": b"" for number in range(5_000)}
    ), "mehr als 1.000 Teilen"),
    ("selbsthilfe", "leere-elemente.xlsx", lambda: hostile.xlsx(
        [hostile.SHEET_START + "<cols>", *("<col/>" * 100_000 for _ in range(20)), "</cols>" + hostile.SHEET_END]
    ), "ungewöhnlich aufgebaut"),
    ("selbsthilfe", "kein-blatt.xlsx", lambda: BROKEN["sheet-missing"], "Tabellenblatt fehlt"),
    ("selbsthilfe", "zufall.csv", lambda: random.Random(3).randbytes(2_000_000), "UTF-16 mit BOM"),
    ("selbsthilfe", "leerzeilen.csv", lambda: hostile_lines(), "mehr als 1.048.576 Zeilen"),
    ("selbsthilfe", "spalten.csv", lambda: (";" * 20_000_000 + "x\n").encode(), "600.000 Zeichen"),
    ("selbsthilfe", "fehlerhaft.csv", lambda: (SELF_HELP + "Kiel;x;y;z\n" * 90_000).encode(), "180.000 Probleme"),
    ("selbsthilfe", "riesig.csv", lambda: b"kommune;jahr\n" + b"x;1\n" * 13_000_000, "höchstens 50 MB"),
]  # fmt: skip


def hostile_lines() -> bytes:
    return SELF_HELP.encode() + b"\n" * 20_000_000


@pytest.fixture(scope="module")
def hostile_directory(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, str]]:
    """Every hostile file written once: (kind, path, a German fragment its refusal must contain)."""
    directory = tmp_path_factory.mktemp("hostile")
    files = []
    for kind, name, build, expected in [
        *((kind, name, build, parts[0][-1]) for kind, name, build, parts in CLI_CASES),
        *EXTRA_CASES,
    ]:
        path = directory / name
        path.write_bytes(build())
        files.append((kind, path, expected))
    return files


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


def run_import(url: str, kind: str, path: Path) -> subprocess.CompletedProcess[str]:
    """``python -m data_access import KIND PATH`` in a child limited to 1 GiB of address space."""
    return subprocess.run(
        [sys.executable, "-m", "data_access", "import", kind, str(path)],
        env={**os.environ, "DATABASE_URL": url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_capped,  # the child runs no threads before exec
        check=False,
        timeout=300,
    )


def table_snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    engine = make_engine(url)
    with engine.connect() as connection:
        snapshot = {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }
    engine.dispose()
    return snapshot


def test_hostile_files_are_refused_in_german_under_a_memory_cap(
    database_url: str, tmp_path: Path, hostile_directory: list[tuple[str, Path, str]]
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    members = tmp_path / "basis.csv"
    members.write_text(BASE_MEMBERS, encoding="utf-8")
    setup = run_import(database_url, "mitglieder", members)
    assert setup.returncode == 0, setup.stderr
    before = table_snapshot(database_url)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda case: run_import(database_url, case[0], case[1]), hostile_directory))
    failures = []
    for (_, path, expected), result in zip(hostile_directory, results, strict=True):
        output = result.stderr
        if (
            result.returncode != 1
            or f"{path.name} wurde abgelehnt; es wurde nichts geschrieben." not in output
            or expected not in output
            or "Traceback" in output
            or len(output) >= MAX_OUTPUT_CHARACTERS
        ):
            failures.append(f"{path.name}: exit {result.returncode}, {len(output)} Zeichen: {output[:600]!r}")
    assert failures == []
    assert table_snapshot(database_url) == before


def test_the_maxima_fit_both_databases(database_url: str, tmp_path: Path) -> None:
    """Values at every count maximum are stored on SQLite and on PostgreSQL alike (32-bit Integer)."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    members = tmp_path / "mitglieder.csv"
    members.write_text("kommune;art;bundesland;beitritt;einwohner\nBerlin;Stadt;BE;1990;5.000.000\n", encoding="utf-8")
    assert run_import(database_url, "mitglieder", members).returncode == 0
    events = tmp_path / "veranstaltungen.csv"
    events.write_text(
        "kommune;art;titel;beginn;teilnehmende;angebote;partner\nBerlin;Fachtag;Gross;01.03.2024;100000;10000;10000\n",
        encoding="utf-8",
    )
    result = run_import(database_url, "veranstaltungen", events)
    assert result.returncode == 0, result.stderr
    counts = tmp_path / "selbsthilfe.csv"
    counts.write_text(
        "kommune;jahr;themenbereich;gruppen;neue_gruppen\nBerlin;2024;Sucht;10000;10000\n", encoding="utf-8"
    )
    result = run_import(database_url, "selbsthilfe", counts)
    assert result.returncode == 0, result.stderr
    engine = make_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(select(Event.participants, Event.sessions, Event.partners)).all()
        groups = connection.execute(select(SelfHelpCount.groups, SelfHelpCount.new_groups)).all()
        population = connection.execute(select(Member.population)).scalar_one()
    engine.dispose()
    assert (stored, groups, population) == ([(100_000, 10_000, 10_000)], [(10_000, 10_000)], 5_000_000)
