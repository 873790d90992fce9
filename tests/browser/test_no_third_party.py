"""Issue 16, point 12: no request leaves the server.

A municipality's data protection officer must be able to say that opening the dashboard
sends nothing to a third party (German courts have fined sites for loading Google Fonts
without consent). This test records every request of one browser context (documents,
scripts, styles, fonts, images, the favicon, websockets, downloads) while it opens every
page of the navigation, every slide of the Präsentation, downloads a table as CSV and
Excel, and opens the login page and the pages behind it; any host but the dashboard's own
fails it. The favicon is the dashboard's own file (``assets/favicon.png``): Streamlit 1.67
sends a ``:material/…:`` icon to fonts.gstatic.com, and its emoji icon (``"💚"``, the icon
before) is a ``data:`` URL drawn with whatever emoji font the visitor's system has.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from data_access.accounts import add_account
from data_access.setup import prepare_database
from tests.served import (
    BROWSER_MARKS,
    EDITOR,
    EDITOR_PASSWORD,
    download,
    log_in,
    open_in_sidebar,
    serve,
    wait_until_idle,
)

pytestmark = BROWSER_MARKS

PAGES = (
    ("", "Überblick"),
    ("mitglieder", "Mitglieder"),
    ("steckbrief?kommune=Kiel", "Kommunen-Steckbrief"),
    ("meldestand", "Meldestand"),
    ("veranstaltungen", "Veranstaltungen"),
    ("selbsthilfe", "Selbsthilfe"),
    ("mindeststandards", "Mindeststandards"),
    ("netzwerke", "Netzwerke"),
)
"""Every page of the navigation a visitor sees (the Präsentation and the Daten pages follow separately)."""
DATA_PAGES = (("Bearbeiten", "Bearbeiten"), ("Protokoll", "Protokoll"), ("Import", "Daten"))
SLIDES = 10


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('third_party') / 'demo.sqlite'}"
    engine = prepare_database(url)
    add_account(engine, EDITOR, EDITOR_PASSWORD, "editor", None, actor="test")
    engine.dispose()
    yield from serve(url)


def settle(page, heading: str) -> None:
    """Wait for the page's heading and for its run to end, then for its charts to draw (they load nothing later)."""
    page.wait_for_selector(f"h1:has-text('{heading}')", timeout=60_000)
    wait_until_idle(page)
    page.wait_for_timeout(1_000)


def test_every_page_slide_download_and_the_login_stay_on_the_dashboards_host(server: str, page) -> None:
    own_host = urlsplit(server).netloc
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))

    for path, heading in PAGES:
        page.goto(f"{server}/{path}", timeout=60_000)
        settle(page, heading)
    icon = page.evaluate("() => document.querySelector(\"link[rel~='icon']\")?.href ?? ''")
    assert urlsplit(icon).netloc == own_host, icon  # the favicon is the dashboard's own file

    for number in range(1, SLIDES + 1):
        page.goto(f"{server}/praesentation?folie={number}", timeout=60_000)
        page.wait_for_selector(f"text=Folie {number} / {SLIDES}", timeout=60_000)
        wait_until_idle(page)
        page.wait_for_timeout(500)

    page.goto(f"{server}/mitglieder?land=SH", timeout=60_000)
    settle(page, "Mitglieder")
    assert download(page, "CSV herunterladen").suggested_filename.endswith(".csv")
    assert download(page, "Excel herunterladen").suggested_filename.endswith(".xlsx")

    log_in(page, server)  # opens the login page (Daten → Import) as a viewer, then logs in
    for name, heading in DATA_PAGES:
        open_in_sidebar(page, name, heading)  # in the same session, so the login holds
        wait_until_idle(page)

    hosts = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
    assert len(requested) > 50, requested  # the recorder saw the pages' own requests
    assert hosts == {own_host}, sorted(url for url in requested if urlsplit(url).netloc != own_host)
