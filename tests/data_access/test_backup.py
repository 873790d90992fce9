"""``python -m data_access backup|restore`` on SQLite and PostgreSQL, with real files, servers and processes.

The consistency test proves the snapshot by rebuilding it: four processes import their
files one by one while a fifth reads, the backup is taken meanwhile and restored into a
new database, every file is found there completely or not at all, and a reference
database fed with exactly the complete files exports the same rows for every kind.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import random
import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from data_access.engine import make_engine, read_connection
from data_access.exporting import export_rows
from data_access.importing.plan import import_file
from data_access.importing.templates import TEMPLATES
from data_access.migrate import alembic_config, upgrade
from data_access.models import AuditEntry
from tests.conftest import build_small_network, new_database_url
from tests.importing_helpers import BASE_MEMBERS, run_cli

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
MAX_FILES = 80
"""A writer that gets this far waits for the end of the backup (a slow machine), so it still ends after it."""
ROWS_PER_FILE = 40
WRITER_MEMBERS = "kommune;art;bundesland;beitritt\n" + "".join(f"Kommune {n};Stadt;NI;1995\n" for n in range(WRITERS))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Callable[..., tuple[int, str]]:
    """Run ``python -m data_access`` in-process on the database ``url``; (exit status, stderr)."""

    def run(url: str, *arguments: str) -> tuple[int, str]:
        code, _, errors = run_cli(monkeypatch, capsys, url, *arguments)
        return code, errors

    return run


@pytest.fixture
def fresh(backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Make new empty databases of the parametrised backend (dropped afterwards)."""
    made: list[Iterator[str]] = []

    def make() -> str:
        made.append(new_database_url(backend, tmp_path))
        return next(made[-1])

    yield make
    for generator in made:
        next(generator, None)


def fill(url: str, members: str = BASE_MEMBERS) -> str:
    """Migrate the database at ``url``, import ``members`` and two events (one of the first member); return ``url``."""
    engine = make_engine(url)
    upgrade(engine)
    first = members.splitlines()[1].split(";")[0]
    events = (
        f"kommune;art;titel;beginn;teilnehmende\n{first};Fachtag;Fachtag;05.05.2024;80\n;Symposium;Sym;01.06.2024;\n"
    )
    for kind, content in (("mitglieder", members), ("veranstaltungen", events)):
        assert import_file(engine, kind, f"{kind}.csv", content.encode(), actor="test").accepted
    engine.dispose()
    return url


def exports(url: str) -> dict[str, tuple]:
    """Every kind's export rows (the import templates' columns)."""
    engine = make_engine(url, create=False)
    with read_connection(engine) as connection:
        rows = {kind: export_rows(connection, kind) for kind in sorted(TEMPLATES)}
    engine.dispose()
    return rows


def revision(url: str) -> str:
    engine = make_engine(url, create=False)
    with read_connection(engine) as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return version


def written(message: str) -> Path:
    """The file a ``backup`` command reports as written."""
    match = re.search(r"Sicherung geschrieben: (.+) \(", message)
    assert match, message
    return Path(match.group(1))


def writer_file(folder: Path, writer: int, index: int) -> Path:
    """The ``index``-th file of ``writer``: events or self-help figures, every row tagged ``D<writer>-<index>``."""
    tag = f"D{writer}-{index}"
    if index % 2:
        rows = "".join(f"Kommune {writer};2024;{tag} Thema {row};{row + 1};0\n" for row in range(ROWS_PER_FILE))
        content, kind = "kommune;jahr;themenbereich;gruppen;neue_gruppen\n" + rows, "selbsthilfe"
    else:
        rows = "".join(f"Kommune {writer};Fachtag;{tag} Nr. {row};0{row % 9 + 1}.03.2024;{row}\n" for row in range(40))
        content, kind = "kommune;art;titel;beginn;teilnehmende\n" + rows, "veranstaltungen"
    path = folder / f"{kind}-{tag}.csv"
    path.write_text(content, encoding="utf-8")
    return path


def write_files(url: str, writer: int, folder: str, go_on: str) -> None:
    """A writer process: import file after file until the backup is done, then one more (never in the backup)."""
    engine = make_engine(url, create=False)
    for index in range(MAX_FILES):
        last = Path(go_on).exists()
        while index == MAX_FILES - 1 and not last:
            time.sleep(0.05)
            last = Path(go_on).exists()
        path = writer_file(Path(folder), writer, index)
        kind = path.name.split("-")[0]
        assert import_file(engine, kind, path.name, path.read_bytes(), actor=f"prozess-{writer}").accepted
        (Path(folder) / f"fertig-{writer}-{index}").touch()
        if last:
            break
    engine.dispose()


def read_all(url: str, stop: str) -> None:
    """A reader process, as the dashboard: export every kind again and again until told to stop."""
    engine = make_engine(url, create=False)
    while not Path(stop).exists():
        with read_connection(engine) as connection:
            for kind in TEMPLATES:
                export_rows(connection, kind)
    engine.dispose()


def files_found(url: str) -> dict[str, tuple[int, int]]:
    """Per file tag: (rows carrying it in the exports, audit entries of its import)."""
    counts: dict[str, list[int]] = {}
    for _, rows in exports(url).values():
        for row in rows:
            for cell in row:
                if isinstance(cell, str) and (match := re.match(r"(D\d+-\d+) ", cell)):
                    counts.setdefault(match.group(1), [0, 0])[0] += 1
    engine = make_engine(url, create=False)
    with read_connection(engine) as connection:
        sources = connection.execute(select(AuditEntry.source, func.count()).group_by(AuditEntry.source)).all()
    engine.dispose()
    for source, number in sources:
        if match := re.search(r"-(D\d+-\d+)\.csv$", source):
            counts.setdefault(match.group(1), [0, 0])[1] += number
    return {tag: (rows, audit) for tag, (rows, audit) in counts.items()}


def test_a_backup_taken_during_imports_and_reads_restores_a_consistent_snapshot(
    database_url: str, fresh: Callable[[], str], tmp_path: Path
) -> None:
    """Each writer's files up to some point are in the backup whole, later ones not at all; the exports match."""
    fill(database_url, WRITER_MEMBERS)
    folder, go_on, stop = tmp_path / "dateien", tmp_path / "weiter", tmp_path / "halt"
    folder.mkdir()
    spawn = multiprocessing.get_context("spawn")
    writers = [
        spawn.Process(target=write_files, args=(database_url, writer, str(folder), str(go_on)))
        for writer in range(WRITERS)
    ]
    reader = spawn.Process(target=read_all, args=(database_url, str(stop)))
    for process in [*writers, reader]:
        process.start()
    try:
        deadline = time.monotonic() + 600  # a safety net against a hang, not a measurement
        while any(not (folder / f"fertig-{writer}-1").exists() for writer in range(WRITERS)):
            assert all(process.exitcode in (None, 0) for process in writers), "a writer failed"
            assert time.monotonic() < deadline, "the writers did not get going"
            time.sleep(0.05)
        backup_file = tmp_path / "sicherung.bin"
        run = subprocess.run(
            [sys.executable, "-m", "data_access", "backup", "-o", str(backup_file)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
    finally:
        go_on.touch()
        for process in writers:
            process.join(timeout=300)
        stop.touch()
        reader.join(timeout=300)
    assert [process.exitcode for process in [*writers, reader]] == [0] * (WRITERS + 1)

    restored = fresh()
    run = subprocess.run(
        [sys.executable, "-m", "data_access", "restore", str(backup_file)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": restored},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    found = files_found(restored)
    reference = fill(fresh(), WRITER_MEMBERS)
    engine = make_engine(reference, create=False)
    for writer in range(WRITERS):
        imported = len(list(folder.glob(f"fertig-{writer}-*")))
        complete = [index for index in range(imported) if f"D{writer}-{index}" in found]
        assert complete == list(range(len(complete))), f"writer {writer}: not a prefix of its files: {complete}"
        assert 2 <= len(complete) < imported  # taken after each writer's second file, before its last
        for index in complete:
            rows, audit = found[f"D{writer}-{index}"]
            assert rows == ROWS_PER_FILE  # the whole file, never part of it
            assert audit == ROWS_PER_FILE  # and its audit entries with it
            path = writer_file(folder, writer, index)
            assert import_file(engine, path.name.split("-")[0], path.name, path.read_bytes(), actor="x").accepted
    engine.dispose()
    assert exports(restored) == exports(reference)
    assert len(found) < len(list(folder.glob("fertig-*"))) == len(files_found(database_url))
    assert found.keys() <= files_found(database_url).keys()


def test_a_backup_of_the_previous_schema_restores_at_the_newest(
    database_url: str, fresh: Callable[[], str], tmp_path: Path, cli
) -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    previous = scripts.get_revision(head).down_revision
    engine = make_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, previous)
    with engine.begin() as connection:  # rows in that revision's own columns
        connection.execute(
            text(
                "INSERT INTO members (name, member_type, state_code, join_year) "
                "VALUES ('Altstadt', 'Stadt', 'NI', 1999)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO events (member_id, event_type, title, start_date, participants) "
                "SELECT id, 'Fachtag', 'Alter Fachtag', :day, 12 FROM members WHERE name = 'Altstadt'"
            ),
            {"day": datetime.date(2020, 5, 5)},
        )
    engine.dispose()
    code, message = cli(database_url, "backup", "-o", str(tmp_path))
    assert code == 0, message
    assert revision(database_url) == previous  # a backup never migrates its source
    target = fresh()
    code, message = cli(target, "restore", str(written(message)))
    assert code == 0, message
    assert f"Schemastand {previous} der Sicherung auf {head} gebracht" in message
    assert revision(target) == head
    rows = exports(target)
    assert [row[0] for row in rows["mitglieder"][1]] == ["Altstadt"]
    assert [(row[0], row[2], row[5]) for row in rows["veranstaltungen"][1]] == [("Altstadt", "Alter Fachtag", 12)]


def damage(file: Path, how: str) -> Path:
    """A copy of the backup ``file``: cut in half, garbage from the start, or garbage after an intact head."""
    content = file.read_bytes()
    garbage = random.Random(7).randbytes(len(content))
    damaged = {
        "abgeschnitten": content[: len(content) // 2 // 4096 * 4096],  # at a page boundary: only the header tells
        "Zufallsbytes": garbage,
        "Kopf intakt, Rest zerstört": content[:4096] + garbage[4096:],
    }[how]
    target = file.with_name(f"kaputt-{file.name}")
    target.write_bytes(damaged)
    return target


@pytest.mark.parametrize("how", ["abgeschnitten", "Zufallsbytes", "Kopf intakt, Rest zerstört"])
def test_a_damaged_backup_is_refused_and_changes_nothing(
    database_url: str, fresh: Callable[[], str], tmp_path: Path, cli, how: str
) -> None:
    code, message = cli(fill(database_url), "backup", "-o", str(tmp_path))
    assert code == 0, message
    broken = damage(written(message), how)
    target = fill(fresh(), "kommune;art;bundesland;beitritt\nZiel;Stadt;BY;2001\n")
    before = exports(target)
    for extra in ([], ["--ueberschreiben"]):  # also when replacing is allowed
        code, message = cli(target, "restore", str(broken), *extra)
        assert code == 1, message
        assert f"Die Sicherung {broken} ist beschädigt oder unvollständig" in message or (
            f"Die Datei {broken} ist keine Sicherung des GSN-Dashboards" in message and "beschädigt" in message
        ), message
        assert "es wurde nichts verändert" in message
        assert "Traceback" not in message
        assert exports(target) == before
    assert revision(target) == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_database_with_data_is_replaced_only_when_asked(
    database_url: str, fresh: Callable[[], str], tmp_path: Path, cli
) -> None:
    code, message = cli(fill(database_url), "backup", "-o", str(tmp_path))
    assert code == 0, message
    backup_file = written(message)
    target = fresh()
    target_engine = make_engine(target)
    upgrade(target_engine)
    build_small_network(target_engine)
    target_engine.dispose()
    before = exports(target)
    code, message = cli(target, "restore", str(backup_file))
    assert code == 1
    assert "Die Zieldatenbank enthält bereits Daten (" in message
    assert "Mitglieder" in message
    assert "Veranstaltungen" in message
    assert "Mit --ueberschreiben wird sie durch die Sicherung ersetzt." in message
    assert exports(target) == before
    code, message = cli(target, "restore", str(backup_file), "--ueberschreiben")
    assert code == 0, message
    assert exports(target) == exports(database_url)


def test_an_empty_migrated_database_takes_a_backup_without_ueberschreiben(
    database_url: str, fresh: Callable[[], str], tmp_path: Path, cli
) -> None:
    """Migrated by a first start (criteria seeded, nothing else): empty; the backup replaces its schema too."""
    code, message = cli(fill(database_url), "backup", "-o", str(tmp_path))
    assert code == 0, message
    target = fresh()
    engine = make_engine(target)
    upgrade(engine)
    engine.dispose()
    code, message = cli(target, "restore", str(written(message)))
    assert code == 0, message
    assert exports(target) == exports(database_url)


def test_behalten_keeps_the_newest_backups_and_touches_nothing_else(database_url: str, tmp_path: Path, cli) -> None:
    fill(database_url)
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    other_kind = "dump" if database_url.startswith("sqlite") else "sqlite"
    others = {
        "notizen.txt": b"nicht anfassen",
        "gsn-backup-von-hand.sqlite": b"anderer Name",
        f"gsn-backup-2001-01-01T00-00-00.{other_kind}": b"die andere Datenbankart",
        ".gsn-backup-123-000000.part": b"abgebrochen",
    }
    for name, content in others.items():
        (folder / name).write_bytes(content)
    made = []
    for number in range(4):
        arguments = ["backup", "-o", str(folder)] + (["--behalten", "2"] if number == 3 else [])
        code, message = cli(database_url, *arguments)
        assert code == 0, message
        made.append(written(message))
    assert "Behalten (2): " + ", ".join(path.name for path in reversed(made[2:])) in message
    assert "Gelöscht (2): " + ", ".join(path.name for path in reversed(made[:2])) in message
    assert sorted(path.name for path in folder.iterdir()) == sorted([*others, made[2].name, made[3].name])
    for name, content in others.items():
        assert (folder / name).read_bytes() == content
    # Password hashes and all data: readable by the owner only, whatever the shell's umask.
    assert {stat.S_IMODE(path.stat().st_mode) for path in made[2:]} == {0o600}


def test_command_line_mistakes_get_german_messages(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "fehlt.sqlite"
    url = f"sqlite:///{tmp_path / 'gsn.sqlite'}"
    assert cli(url, "backup") == (
        1,
        f"Nicht ausgeführt: Die Datenbankdatei {tmp_path / 'gsn.sqlite'} gibt es nicht; es gibt nichts zu sichern.\n",
    )
    code, message = cli(url, "restore", str(missing))
    assert (code, message) == (2, f"Fehler beim Aufruf: Die Datei {missing} gibt es nicht.\n")
    fill(url)
    code, message = cli(url, "backup", "--behalten", "0")
    assert (code, message) == (2, "Fehler beim Aufruf: --behalten braucht eine Zahl ab 1.\n")
    code, message = cli(url, "backup", "-o", str(tmp_path / "gibt-es-nicht" / "x.sqlite"))
    assert code == 1
    assert "gibt es nicht" in message
    assert "den Ordner" in message
    not_a_backup = tmp_path / "notizen.txt"
    not_a_backup.write_text("Hallo", encoding="utf-8")
    code, message = cli(url, "restore", str(not_a_backup))
    assert code == 1
    assert f"Die Datei {not_a_backup} ist keine Sicherung des GSN-Dashboards" in message
    code, message = cli(url, "restore", str(tmp_path))
    assert code == 2
    code, message = cli(url, "backup", "-o", str(tmp_path / "gut.sqlite"))
    assert code == 0, message
    broken = tmp_path / "kaputt.sqlite"
    broken.write_bytes(b"keine Datenbank" * 100)
    code, message = cli(f"sqlite:///{broken}", "restore", str(tmp_path / "gut.sqlite"), "--ueberschreiben")
    assert code == 1
    assert f"Die Datenbankdatei {broken} ist selbst keine intakte SQLite-Datenbank. Bitte sie beiseitelegen" in message
    assert broken.read_bytes() == b"keine Datenbank" * 100
    assert not list(tmp_path.glob("**/gsn-backup-*"))


def test_without_pg_dump_a_postgresql_backup_says_how_to_install_it(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    code, message = cli("postgresql+psycopg://gsn@127.0.0.1:5432/gsn", "backup", "-o", str(folder))
    assert code == 1
    assert "Das Programm pg_dump fehlt auf diesem Rechner" in message
    assert "Es wurde nichts geschrieben." in message
    assert "apt-get install postgresql-client" in message
    assert "dieselbe Hauptversion" in message
    assert list(folder.iterdir()) == []


@pytest.mark.postgres
def test_a_backup_of_the_other_database_kind_is_refused(tmp_path: Path, cli) -> None:
    postgres_urls = new_database_url("postgresql", tmp_path)
    postgres = fill(next(postgres_urls))
    sqlite = fill(f"sqlite:///{tmp_path / 'gsn.sqlite'}")
    try:
        files = {}
        for url in (postgres, sqlite):
            code, message = cli(url, "backup", "-o", str(tmp_path))
            assert code == 0, message
            files[url] = written(message)
        empty_sqlite = f"sqlite:///{tmp_path / 'leer.sqlite'}"
        code, message = cli(empty_sqlite, "restore", str(files[postgres]))
        assert code == 1
        assert f"Die Datei {files[postgres]} ist eine PostgreSQL-Sicherung (pg_dump)" in message
        assert not (tmp_path / "leer.sqlite").exists()
        before = exports(postgres)
        code, message = cli(postgres, "restore", str(files[sqlite]), "--ueberschreiben")
        assert code == 1
        assert f"Die Datei {files[sqlite]} ist eine SQLite-Sicherung; die Zieldatenbank ist aber PostgreSQL" in message
        assert exports(postgres) == before
    finally:
        next(postgres_urls, None)


@pytest.fixture
def two_postgres_databases(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two new PostgreSQL databases, dropped afterwards."""
    sources, targets = new_database_url("postgresql", tmp_path), new_database_url("postgresql", tmp_path)
    yield next(sources), next(targets)
    next(sources, None)
    next(targets, None)


@pytest.mark.postgres
def test_a_postgresql_backup_granting_to_a_missing_role_changes_nothing(
    two_postgres_databases: tuple[str, str], tmp_path: Path, cli
) -> None:
    """The grants of a read-only role travel with the backup; without that role on the target, nothing changes."""
    source, target = two_postgres_databases
    fill(source)
    fill(target, "kommune;art;bundesland;beitritt\nZiel;Stadt;BY;2001\n")
    role = "gsn_viewer_" + make_url(source).database.removeprefix("gsn_test_")
    engine = make_engine(source)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE ROLE "{role}"'))
            connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
        code, message = cli(source, "backup", "-o", str(tmp_path))
        assert code == 0, message
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()
    before = exports(target)
    code, message = cli(target, "restore", str(written(message)), "--ueberschreiben")
    assert code == 1
    assert f'role "{role}" does not exist' in message
    assert "die Datenbank ist unverändert" in message
    assert "müssen auf dem Zielserver vorher angelegt werden" in message
    assert exports(target) == before
