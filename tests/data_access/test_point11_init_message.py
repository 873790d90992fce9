"""Issue 15, point 11: ``init`` says what it did (a new file with demo data, a new empty file, or only the schema)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data_access.engine import make_engine, read_connection
from data_access.queries import filter_options
from tests.importing_helpers import Workspace


@pytest.fixture
def space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Workspace:
    """A command-line workspace whose database file does not exist yet."""
    return Workspace(tmp_path, monkeypatch, capsys)


def member_count(url: str) -> int:
    engine = make_engine(url, create=False)
    try:
        with read_connection(engine) as connection:
            return len(filter_options(connection).members)
    finally:
        engine.dispose()


def test_first_init_names_the_demo_data_it_wrote(space: Workspace) -> None:
    code, message = space.cli("init")
    assert code == 0, message
    found = re.fullmatch(
        r"Neue Datenbank mit Beispieldaten angelegt: ([\d.]+) Mitglieder, [\d.]+ Veranstaltungen, "
        r"[\d.]+ Selbsthilfe-Zahlen \((.+)\)\.\n",
        message,
    )
    assert found, message
    assert int(found.group(1).replace(".", "")) == member_count(space.url)
    assert found.group(2) == str(space.directory / "workspace.sqlite")
    code, message = space.cli("init")  # the second start: nothing new, only the schema checked
    assert (code, message) == (0, "Datenbank ist auf dem neuesten Stand.\n")


def test_init_leer_says_the_new_database_is_empty(space: Workspace) -> None:
    code, message = space.cli("init", "--leer")
    assert code == 0, message
    assert message.startswith(f"Neue, leere Datenbank angelegt: {space.directory / 'workspace.sqlite'}."), message
    assert "python -m data_access import" in message
    assert member_count(space.url) == 0
    code, message = space.cli("init", "--leer")
    assert (code, message) == (0, "Datenbank ist auf dem neuesten Stand.\n")
