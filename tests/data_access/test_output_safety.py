"""A mistyped ``-o`` or a strange backup file must not destroy data (findings of a hostile review).

Exports and backups refuse the database itself, its ``-wal`` file and anything that is no
regular file; an export that cannot be finished keeps the previous file; a restore refuses a
running database's file (its ``-wal`` would be lost), a file that only looks like a backup,
and a target that holds another application's tables (the restore replaces the schema).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from data_access.accounts import authenticate
from data_access.engine import make_engine
from data_access.migrate import upgrade
from tests.data_access.test_backup import cli, fill, fresh  # noqa: F401 (fixtures)
from tests.importing_helpers import Workspace

ROOT = Path(__file__).resolve().parents[2]


def test_an_export_onto_the_database_or_its_wal_file_is_refused(workspace: Workspace) -> None:
    database = Path(workspace.url.removeprefix("sqlite:///"))
    before = database.read_bytes()
    for target, arguments in (
        (database, ["export", "alle"]),
        (database, ["export", "mitglieder", "--format", "csv"]),
        (database.with_name(database.name + "-wal"), ["export", "mitglieder"]),
    ):
        code, message = workspace.cli(*arguments, "-o", str(target))
        assert code != 0
        assert "ist die Datenbank selbst" in message, message
    assert database.read_bytes() == before
    code, message = workspace.cli("init")
    assert code == 0, message


def test_a_backup_onto_the_database_its_wal_file_or_a_device_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    database = Path(workspace.url.removeprefix("sqlite:///"))
    inode = database.stat().st_ino
    for target in (database, database.with_name(database.name + "-wal")):
        code, message = workspace.cli("backup", "-o", str(target))
        assert code != 0
        assert "ist die Datenbank selbst" in message, message
    pipe = tmp_path / "kein-normale-datei"
    os.mkfifo(pipe)
    for arguments in (["backup", "-o", str(pipe)], ["export", "mitglieder", "-o", str(pipe)]):
        code, message = workspace.cli(*arguments)
        assert code != 0
        assert "keine gewöhnliche Datei" in message, message
    assert database.stat().st_ino == inode  # the same file, not a replacement
    assert pipe.is_fifo()


def test_an_export_that_cannot_be_finished_keeps_the_previous_file(workspace: Workspace, tmp_path: Path) -> None:
    code, message = workspace.cli("demo", "--replace")  # a workbook of a few hundred kB
    assert code == 0, message
    target = tmp_path / "ausgabe" / "GSN_Gesamtexport.xlsx"
    target.parent.mkdir()
    code, message = workspace.cli("export", "alle", "-o", str(target))
    assert code == 0, message
    before = target.read_bytes()

    assert len(before) > 200_000

    def small_files() -> None:  # no file may grow past 100 kB: "full" (Python ignores SIGXFSZ: EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = subprocess.run(
        [sys.executable, "-m", "data_access", "export", "alle", "-o", str(target)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": workspace.url},
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert f"Die Datei {target} kann nicht geschrieben werden" in done.stderr, done.stderr
    assert target.read_bytes() == before
    assert [path.name for path in target.parent.iterdir()] == [target.name]  # no half-written file left


def test_a_running_databases_file_is_no_backup(cli, tmp_path: Path) -> None:  # noqa: F811
    live = tmp_path / "laufend.sqlite"
    engine = make_engine(f"sqlite:///{live}")
    upgrade(engine)
    holder = engine.connect()  # keeps the -wal file
    holder.execute(text("PRAGMA wal_autocheckpoint = 0"))
    holder.execute(text("INSERT INTO regional_networks (name) VALUES ('Nord')"))
    holder.commit()
    try:
        assert live.with_name(live.name + "-wal").stat().st_size > 0
        code, message = cli(f"sqlite:///{tmp_path / 'ziel.sqlite'}", "restore", str(live))
    finally:
        holder.close()
        engine.dispose()
    assert code != 0
    assert "Datenbank in Betrieb, keine Sicherung" in message, message
    assert not (tmp_path / "ziel.sqlite").exists()


def test_a_file_with_a_schema_version_but_without_the_tables_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "unecht.sqlite"
    engine = make_engine(f"sqlite:///{fake}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0006')"))
        connection.execute(text("CREATE TABLE junk (id INTEGER)"))
    engine.dispose()
    before = Path(workspace.url.removeprefix("sqlite:///")).read_bytes()
    code, message = workspace.cli("restore", str(fake), "--ueberschreiben")
    assert code != 0
    assert "keine Sicherung des GSN-Dashboards" in message, message
    assert Path(workspace.url.removeprefix("sqlite:///")).read_bytes() == before


@pytest.mark.usefixtures("backend")
def test_a_target_with_another_applications_tables_is_left_alone(database_url: str, fresh, cli, tmp_path) -> None:  # noqa: F811
    code, message = cli(fill(database_url), "backup", "-o", str(tmp_path))
    assert code == 0, message
    (backup,) = [path for path in tmp_path.iterdir() if path.name.startswith("gsn-backup-")]
    target = fresh()
    engine = make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE other_app_settings (id INTEGER)"))  # empty, but not ours
    for arguments in ([], ["--ueberschreiben"]):
        code, message = cli(target, "restore", str(backup), *arguments)
        assert code != 0
        assert "Tabellen, die nicht zum GSN-Dashboard gehören (other_app_settings)" in message, message
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["other_app_settings"]
    engine.dispose()


def test_a_password_from_a_windows_file_loses_its_carriage_return(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("geheimes-passwort-1\r\n"))
    code, message = workspace.cli("user", "add", "windows", "--role", "editor")
    assert code == 0, message
    engine = make_engine(workspace.url)
    try:
        assert authenticate(engine, "windows", "geheimes-passwort-1").name == "windows"
    finally:
        engine.dispose()


def test_a_backup_into_a_folder_without_write_rights_names_the_folder(workspace: Workspace) -> None:
    """The folder is at fault, not the database. /sys refuses new files even to root (CI runs as root)."""
    folder = Path("/sys")
    code, message = workspace.cli("backup", "-o", str(folder))
    assert code != 0
    assert f"Die Sicherung kann in {folder} nicht geschrieben werden: keine Schreibrechte." in message, message
    assert "Datenbankdatei" not in message


def test_an_old_backup_that_cannot_be_deleted_is_named_and_the_new_one_kept(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    stuck = folder / "gsn-backup-2001-01-01T00-00-00.sqlite"
    stuck.write_bytes(b"alt")
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i geht auf diesem Dateisystem nicht")
    try:
        code, message = workspace.cli("backup", "-o", str(folder), "--behalten", "1")
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)
    assert code == 1
    assert message.startswith("Sicherung geschrieben: "), message
    assert f"Ältere Sicherungen ließen sich nicht alle löschen ({stuck.name}: keine Rechte dafür)" in message
    assert "Nicht ausgeführt" not in message
    assert len(list(folder.glob("gsn-backup-*.sqlite"))) == 2  # the new one and the stuck one
