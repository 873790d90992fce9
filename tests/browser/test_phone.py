"""Issue 16, points 11, 6 and 7 in the browser: the phone, the desktop, and the Bundesland picker.

On a 390 × 844 phone the page opens with the sidebar closed (it would cover the page),
the filter sentence under the title is on the first screen, and the KPI cards stand two
to a row. On a 1440 × 900 desktop the sidebar is open as before. The Bundesland picker
finds a Land by typing part of its name, and offers no English "Select all".
Screenshots land in ``shots/`` (``phone_ueberblick``, ``desktop_ueberblick``, ``land_picker``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, serve, shoot, wait_until_idle

pytestmark = BROWSER_MARKS
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('phone') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def open_overview(browser, server: str, viewport: dict[str, int], query: str = ""):
    """A fresh visitor (new context: no remembered sidebar state) on the Überblick, its eight cards drawn."""
    context = browser.new_context(locale="de-DE", viewport=viewport)
    page = context.new_page()
    page.goto(f"{server}/{query}", timeout=60_000)
    page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
    page.wait_for_selector("[data-testid='stMetric'] >> nth=7", timeout=60_000)
    wait_until_idle(page)
    page.wait_for_timeout(800)  # the sidebar's slide animation
    return context, page


def sidebar_visible_width(page) -> float:
    """How many pixels of the sidebar lie inside the viewport (0 when it is closed)."""
    box = page.locator("[data-testid='stSidebar']").bounding_box()
    if box is None:
        return 0.0
    return max(0.0, min(box["x"] + box["width"], page.viewport_size["width"]) - max(box["x"], 0.0))


def settled_sidebar_width(page, seconds: float = 10) -> float:
    """The sidebar's visible width once its slide animation has ended (a busy machine draws it slowly)."""
    widths = [sidebar_visible_width(page)]
    for _ in range(int(seconds / 0.25)):
        page.wait_for_timeout(250)
        widths.append(sidebar_visible_width(page))
        if widths[-1] == widths[-2]:
            break
    return widths[-1]


def card_rows(page) -> list[list[float]]:
    """The x positions of the KPI cards, grouped by their row (top edge)."""
    rows: dict[int, list[float]] = {}
    for card in page.locator("[data-testid='stMetric']").all():
        box = card.bounding_box()
        rows.setdefault(round(box["y"]), []).append(box["x"])
    return [sorted(xs) for _, xs in sorted(rows.items())]


CUT_TEXTS = """() => [...document.querySelectorAll(
    "[data-testid='stMetric'] [data-testid='stMetricValue'], [data-testid='stMetric'] [data-testid='stMetricDelta']"
)].filter(part => [part, ...part.querySelectorAll("*")].some(
    element => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflow !== "visible"
)).map(part => part.innerText)"""
"""The figures and changes of the KPI cards that do not fit their box (Streamlit cuts them with "…")."""


def test_on_a_phone_the_sidebar_is_closed_the_filter_sentence_shows_and_cards_pair_up(browser, server: str) -> None:
    context, page = open_overview(browser, server, PHONE)  # the whole network: the widest figures
    try:
        shoot(page, "phone_ueberblick")
        assert sidebar_visible_width(page) == 0
        sentence = page.locator("[data-testid='stCaptionContainer']").first
        assert sentence.inner_text().startswith("Gesamtes Netzwerk · ")
        box = sentence.bounding_box()
        assert box["y"] >= 0, box
        assert box["y"] + box["height"] <= PHONE["height"], box  # on the first screen
        assert box["x"] >= 0, box
        assert box["x"] + box["width"] <= PHONE["width"], box
        rows = card_rows(page)
        assert [len(row) for row in rows] == [2, 2, 2, 2], rows
        for left, right in rows:
            assert right - left > 100, rows  # side by side, not overlapping
        assert page.evaluate(CUT_TEXTS) == []  # "28.716.900", not "28.716…"
        # The sidebar is one tap away and holds the filters.
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_text("Filter zurücksetzen").wait_for(timeout=30_000)
        assert settled_sidebar_width(page) > 200
    finally:
        context.close()


def test_on_a_desktop_the_sidebar_is_open_and_cards_stand_four_to_a_row(browser, server: str) -> None:
    context, page = open_overview(browser, server, DESKTOP, "?land=SH")
    try:
        shoot(page, "desktop_ueberblick")
        assert settled_sidebar_width(page) > 200
        assert [len(row) for row in card_rows(page)] == [4, 4]
        assert page.evaluate(CUT_TEXTS) == []
    finally:
        context.close()


def test_the_land_picker_finds_a_land_by_part_of_its_name(browser, server: str) -> None:
    context = browser.new_context(locale="de-DE", viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(server, timeout=60_000)
        page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
        wait_until_idle(page)
        picker = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
        picker.click()
        listbox = page.get_by_role("listbox")
        listbox.wait_for(timeout=30_000)
        options = listbox.get_by_role("option").all_inner_texts()
        assert "Baden-Württemberg" in options, options
        assert "SH" not in options, options
        assert not any("Select" in option for option in options), options  # no English bulk action
        page.keyboard.type("Schles")
        listbox.get_by_role("option", name="Schleswig-Holstein").wait_for(timeout=10_000)
        assert listbox.get_by_role("option").all_inner_texts() == ["Schleswig-Holstein"]
        shoot(page, "land_picker")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"land=Schleswig-Holstein"), timeout=30_000)
        page.wait_for_function(
            "() => document.querySelector(\"[data-testid='stCaptionContainer']\")?.innerText"
            ".startsWith('Schleswig-Holstein')",
            timeout=30_000,
        )
    finally:
        context.close()
