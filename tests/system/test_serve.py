"""serve.py: the warm-up before the server listens fills this process's caches and never blocks the start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

import serve


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine of this process sends while the test runs."""
    sent: list[str] = []

    def record(connection, cursor, statement, *arguments) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    yield sent
    event.remove(Engine, "before_cursor_execute", record)


def figure_statements(sent: list[str]) -> list[str]:
    """The statements of one unfiltered run of the Überblick that read figures.

    Left out: the data-version check (``dataset_info``, looked at at most once a second
    whether the caches are warm or not, so it shows up or not by the clock) and the
    transaction statements around it.
    """
    sent.clear()
    app = AppTest.from_file(str(serve.ENTRY), default_timeout=60).run()
    assert not app.exception, app.exception
    assert [metric.label for metric in app.metric][:1] == ["Mitglieder"]
    bookkeeping = ("BEGIN", "COMMIT", "ROLLBACK")
    return [
        statement
        for statement in sent
        if "dataset_info" not in statement and not statement.lstrip().upper().startswith(bookkeeping)
    ]


@pytest.mark.usefixtures("fresh_caches", "demo_url")
def test_after_the_warm_up_the_overview_needs_no_query_of_its_own(statements: list[str]) -> None:
    cold = figure_statements(statements)
    assert len(cold) > 10  # control: a cold run reads its figures from the database

    from ui.data import clear_caches

    clear_caches()
    assert serve.warm_up() == []
    assert figure_statements(statements) == []


def test_every_public_page_is_warmed_and_no_login_page() -> None:
    names = ["meldestand", "mindeststandards", "mitglieder", "netzwerke", "praesentation", "selbsthilfe"]
    names += ["steckbrief", "ueberblick", "veranstaltungen"]
    assert serve.public_pages() == [f"app_pages/{name}.py" for name in sorted(names)]


@pytest.mark.usefixtures("fresh_caches")
def test_an_unreachable_database_is_reported_in_german_and_the_warm_up_returns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from launch.server import free_port

    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/gsn")
    problems = serve.warm_up()
    assert len(problems) == 1  # it stops at the first page instead of waiting on every one
    assert problems[0].startswith(f"{serve.public_pages()[0]}: Die Datenbank ist gerade nicht erreichbar")
