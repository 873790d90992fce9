"""No page and no slide shows Python's or JavaScript's word for a missing value (issue 15, point 8).

A ``streamlit run`` on a demo database; Chromium opens every public page (the
Präsentation slide by slide), opens every "Daten zum Diagramm" panel, and reads what a
person sees: the page's text and the text the tables draw. Tables draw on a canvas, and
the hidden cells they mirror for screen readers are empty where the canvas says "None",
so the test records every text drawn on a canvas (an init script wraps ``fillText``).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

import pytest

from data_access.setup import prepare_database
from reports.deck import SLIDES
from tests.served import BROWSER_MARKS, serve, wait_until_idle

pytestmark = BROWSER_MARKS
MISSING_WORDS = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b")
SLIDE_COUNT = len(SLIDES) + 2  # title and Quellen around the content slides
PAGES = [
    "",
    "mitglieder",
    "mitglieder?land=HB",
    "steckbrief?kommune=Herne",  # never reported
    "steckbrief?kommune=Rosenheim",  # left the network
    "meldestand",
    "veranstaltungen",
    "veranstaltungen?land=HB&von=2020",
    "selbsthilfe",
    "mindeststandards",
    "netzwerke",
    *(f"praesentation?folie={number}" for number in range(1, SLIDE_COUNT + 1)),
]
RECORD_DRAWN_TEXT = """
(() => {
  window.__drawnText = [];
  const prototypes = [CanvasRenderingContext2D.prototype];
  if (window.OffscreenCanvasRenderingContext2D) prototypes.push(OffscreenCanvasRenderingContext2D.prototype);
  for (const prototype of prototypes) {
    for (const name of ["fillText", "strokeText"]) {
      const draw = prototype[name];
      prototype[name] = function (text, ...rest) {
        window.__drawnText.push(String(text));
        return draw.call(this, text, ...rest);
      };
    }
  }
})();
"""
"""Keeps every text a canvas draws (the tables' cells), in ``window.__drawnText``."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('placeholders') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def open_data_panels(page) -> None:
    """Open every "Daten zum Diagramm" panel of the page, in every tab (each opening reruns the page)."""
    panels = page.locator("[data-testid='stExpander'] summary", has_text="Daten zum Diagramm")
    tabs = page.get_by_role("tab")
    for tab in [None, *(tabs.nth(index) for index in range(tabs.count()))]:
        if tab is not None:
            tab.click()
            wait_until_idle(page)
        for index in range(panels.count()):
            panel = panels.nth(index)
            if panel.is_visible() and not panel.evaluate("summary => summary.closest('details')?.open"):
                panel.click()
                wait_until_idle(page)


def missing_words(page) -> list[str]:
    """Every missing-value word the page shows, with a little of its surroundings."""
    page.wait_for_timeout(1_500)  # let tables and charts finish drawing
    drawn = page.evaluate("window.__drawnText")
    if page.locator("[data-testid='stDataFrame']").count():
        assert drawn, "the tables drew no text that the test could read"
    texts = [page.inner_text("body"), *drawn]
    return [
        text[max(0, match.start() - 30) : match.end() + 10].replace("\n", " ")
        for text in texts
        for match in MISSING_WORDS.finditer(text)
    ]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "ueberblick")
def test_no_page_says_none_nan_or_null(server: str, page, path: str) -> None:
    page.context.add_init_script(RECORD_DRAWN_TEXT)
    page.goto(f"{server}/{path}", timeout=60_000)
    page.locator("h1").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    open_data_panels(page)
    shown = missing_words(page)
    assert shown == [], f"{urllib.parse.unquote(path) or 'Überblick'}: {shown[:10]}"
