"""In a real browser, Markdown payloads in the database request nothing and show as the text they are.

A ``streamlit run`` serves the database of ``tests/markdown_payloads.py`` (every name and
free text a Markdown image, link, emphasis, HTML and directive pointing at 127.0.0.1:9).
Chromium opens the pages that put those names into sentences; every request the page
makes is recorded, and none may go anywhere but the dashboard itself. A rendered image
would be requested at once; a link would not, so every link and image in the page must
point at the dashboard too (bare web and e-mail addresses in the data included, which
GitHub-flavoured Markdown links on its own).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from reports.deck import SLIDES
from tests.markdown_payloads import PAYLOADS, build_payload_database
from tests.served import BROWSER_MARKS, serve, wait_until_idle

pytestmark = BROWSER_MARKS
SLIDE_COUNT = len(SLIDES) + 2
OWN_SCHEMES = ("data", "blob")
"""Requests that stay inside the page (inline images and fonts, generated files)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('markdown_browser') / 'payloads.sqlite'}"
    build_payload_database(url)
    yield from serve(url)


def quoted(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def foreign_requests(requests: list[str], server: str) -> list[str]:
    """The recorded request URLs that leave the dashboard (another host or port)."""
    own = urllib.parse.urlsplit(server).netloc
    return [
        address
        for address in requests
        if urllib.parse.urlsplit(address).scheme not in OWN_SCHEMES and urllib.parse.urlsplit(address).netloc != own
    ]


def open_idle(page, address: str, heading: str) -> None:
    """Open ``address``, wait for its page title and for the app to be idle (charts and all sent)."""
    page.goto(address, timeout=60_000)
    page.locator("h1", has_text=heading).first.wait_for(timeout=60_000)
    wait_until_idle(page)


def foreign_references(page, server: str) -> list[str]:
    """Links and images in the page (resolved against it) that point away from the dashboard.

    A link is never requested until clicked, so links are read from the page itself:
    ``href`` and ``src`` as the browser resolved them.
    """
    addresses = page.evaluate(
        """() => [...document.body.querySelectorAll("a[href], img, iframe[src], source, link[href]")]
            .map((element) => element.href || element.currentSrc || element.src)
            .filter(Boolean)"""
    )
    return foreign_requests(addresses, server)


def page_icons(page) -> set[str]:
    """The favicon addresses the page head declares (set by ``st.set_page_config``, not by data)."""
    return set(page.evaluate("""() => [...document.querySelectorAll("link[rel~='icon']")].map((link) => link.href)"""))


def visible_text(locator) -> str:
    """What a reader sees: the inner text without zero-width characters (``plain`` uses one against links)."""
    return locator.inner_text().replace("\u2060", "")


class Recorder:
    """Every request a page makes, and the check that none but the page icon left the dashboard."""

    def __init__(self, page, server: str) -> None:
        self.page = page
        self.server = server
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def assert_stays_home(self) -> None:
        """No request and no link or image of the page so far points away (the page icon is the next test's)."""
        icons = page_icons(self.page)
        assert [address for address in foreign_requests(self.requests, self.server) if address not in icons] == []
        assert foreign_references(self.page, self.server) == []


def test_payload_names_request_nothing_link_nothing_and_show_literally(server: str, page) -> None:
    recorder = Recorder(page, server)
    main = page.locator("[data-testid='stMain']")

    open_idle(page, f"{server}/steckbrief?kommune={quoted(PAYLOADS['member'])}", "Kommunen-Steckbrief")
    recorder.assert_stays_home()
    # The sentence names the member, characters and all; the facts show network and contact point.
    assert PAYLOADS["member"] in visible_text(main.locator("[data-testid='stAlert']").first)
    text = visible_text(main)
    assert PAYLOADS["contact"] in text
    assert PAYLOADS["network"] in text

    open_idle(page, f"{server}/?netzwerk={quoted(PAYLOADS['network'])}", "Überblick")
    recorder.assert_stays_home()
    assert PAYLOADS["network"] in visible_text(main.locator("[data-testid='stCaptionContainer']").first)

    open_idle(page, f"{server}/netzwerke?netzwerk={quoted(PAYLOADS['network'])}", "Netzwerke")
    recorder.assert_stays_home()
    assert PAYLOADS["network"] in visible_text(main.locator("[data-testid='stAlert']").first)

    for number in range(1, SLIDE_COUNT + 1):
        page.goto(f"{server}/praesentation?netzwerk={quoted(PAYLOADS['network'])}&folie={number}", timeout=60_000)
        footer = page.locator(".st-key-slide_stage [data-testid='stCaptionContainer']").last
        footer.filter(has_text=f"Folie {number} / {SLIDE_COUNT}").wait_for(timeout=60_000)
        wait_until_idle(page)
        recorder.assert_stays_home()
        assert PAYLOADS["network"] in visible_text(footer)
    assert len(recorder.requests) > SLIDE_COUNT, "the recorder missed the page loads"


def test_the_page_icon_comes_from_the_dashboard_itself(server: str, page) -> None:
    """DESIGN.md: no request to any host but the dashboard's own, the page icon included.

    Streamlit 1.67 turns ``page_icon=":material/…:"`` into an address on fonts.gstatic.com
    (``index.*.js``: ``https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/…``),
    which every visitor's browser then fetches; an emoji becomes an inline ``data:`` image
    and an image file is served by the dashboard.
    """
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_idle(page, server, "Überblick")
    assert requests, "the recorder saw no request at all"
    assert sorted(set(foreign_requests(requests, server))) == []
