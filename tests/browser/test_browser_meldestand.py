"""Browser test of the Meldestand: the page at 1440 × 900 (screenshot in ``shots/``), the reminder list and letters.

A real server and Chromium on the demo database: what the Geschäftsstelle downloads from
``/meldestand?von=2021&bis=2025``.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator

import pytest

from data_access.engine import make_engine, read_connection
from data_access.queries.bound import BoundQueries
from data_access.setup import prepare_database
from domain.filter import DashboardFilter
from tests.served import BROWSER_MARKS, SHOTS, download, serve, wait_until_idle
from views import meldestand
from views.scope import Scope

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('meldestand') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    yield from serve(database)


def test_the_reminder_list_and_letters_download_one_entry_per_member(server: str, database: str, browser) -> None:
    engine = make_engine(database)
    with read_connection(engine) as connection:
        query = BoundQueries(connection)
        filter_ = DashboardFilter(year_from=2021, year_to=2025)
        scope = Scope.build(filter_, query.filter_options(), query.dataset_facts(), datetime.date.today())
        view = meldestand.build(scope, query)
    engine.dispose()
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/meldestand?von=2021&bis=2025", timeout=60_000)
        page.wait_for_selector("h1:has-text('Meldestand')", timeout=60_000)
        page.wait_for_selector("text=Erinnerungsliste für die Geschäftsstelle", timeout=60_000)
        wait_until_idle(page)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "meldestand.png"))  # the first screen, as a visitor sees it
        assert page.locator("[data-testid='stException']").count() == 0

        with page.expect_download(timeout=30_000) as started:
            page.locator(".st-key-reminders_csv button").click()
        rows = list(csv.reader(io.StringIO(started.value.path().read_text(encoding="utf-8-sig")), delimiter=";"))
        assert rows[0] == ["Kommune", "Kontaktstelle", "Fehlt", "Fehlt seit", "Lücken"]
        assert [row[0] for row in rows[1:]] == view.reminders["name"].tolist()
        assert len(rows) - 1 == len(view.reminders) > 0

        letters = download(page, "Alle Schreiben (TXT)")
        assert letters.suggested_filename.endswith(".txt")
        text = letters.path().read_text(encoding="utf-8")
        assert len(text.split("\f")) == len(view.reminders)
        assert text.startswith(view.reminders["name"].iloc[0])
    finally:
        context.close()
