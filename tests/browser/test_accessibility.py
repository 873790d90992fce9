"""Accessibility (BITV 2.0 / WCAG 2.1 AA) in the browser: axe-core on every page and slide, chart texts, keyboard.

axe-core comes with ``axe-playwright-python`` (no download at test time). The only
violations accepted are inside Streamlit's own navigation markup (its page list puts
``li`` items in a ``ul`` next to other children), listed here by rule and by the element
they sit in, so any new violation, or one of these rules anywhere else, fails.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, serve, wait_until_idle

pytestmark = BROWSER_MARKS

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = (
    "",
    "mitglieder",
    "steckbrief?kommune=Kiel",
    "meldestand",
    "veranstaltungen",
    "selbsthilfe",
    "mindeststandards",
    "netzwerke",
    "daten",
)
SLIDES = 10
STREAMLIT_NAVIGATION = "[data-testid='stSidebarNav']"
ACCEPTED_IN_NAVIGATION = {"list", "listitem"}
"""Rules violated by Streamlit's navigation markup (not ours to change); accepted only inside it."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def open_page(page, address: str) -> None:
    page.goto(address, timeout=60_000)
    page.wait_for_selector("h1", timeout=60_000)
    wait_until_idle(page, 1_000)
    page.wait_for_timeout(500)  # charts draw after the run ends


def violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page outside the accepted ones, as "rule: selector"."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    found = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            selector = node["target"][0]
            in_navigation = page.evaluate(
                "([selector, navigation]) => !!document.querySelector(selector)?.closest(navigation)",
                [selector, STREAMLIT_NAVIGATION],
            )
            if not (violation["id"] in ACCEPTED_IN_NAVIGATION and in_navigation):
                found.append(f"{violation['id']}: {selector} ({violation['help']})")
    return found


def unlabelled_charts(page) -> list[str]:
    """Visible charts without a German text alternative (their container's ARIA label, from the spec's description).

    A chart in a tab not shown is drawn (and labelled) when its tab opens; the test opens the tabs.
    """
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart']"))
            .filter(chart => chart.offsetParent !== null)
            .map(chart => chart.getAttribute('aria-label') || '')
            .filter(label => !/diagramm|^Karte/i.test(label) || label.length < 40)"""
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_meets_wcag_21_aa_and_every_chart_has_a_text(server: str, page, path: str) -> None:
    open_page(page, f"{server}/{path}")
    assert violations(page) == []
    charts = page.locator("[data-testid='stVegaLiteChart']").count()
    assert unlabelled_charts(page) == [], f"{charts} Diagramme, ohne Text: {unlabelled_charts(page)}"
    for tab in page.get_by_role("tab").all():  # the maps of the Überblick sit in tabs
        tab.click()
        page.wait_for_timeout(1_500)
        assert unlabelled_charts(page) == [], tab.inner_text()
        assert violations(page) == [], tab.inner_text()
    if path in ("", "veranstaltungen", "mindeststandards"):
        assert charts > 0  # the pages with charts have them, so the check above looked at some


def test_every_slide_meets_wcag_21_aa(server: str, page) -> None:
    for number in range(1, SLIDES + 1):
        open_page(page, f"{server}/praesentation?folie={number}")
        page.get_by_text(f"Folie {number} / {SLIDES}").wait_for(timeout=30_000)
        assert violations(page) == [], f"Folie {number}"
        assert unlabelled_charts(page) == [], f"Folie {number}"


FOCUSED_BUTTON = "() => document.activeElement?.tagName === 'BUTTON' ? document.activeElement.innerText : ''"


def focus_by_tab(page, name: str, presses: int = 80) -> None:
    """Press Tab until the focused element is the button called ``name`` (as a keyboard user would)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_BUTTON)
        if name in [line.strip() for line in focused.splitlines()]:  # icon, label and shortcut hint are lines
            return
    raise AssertionError(f"{name!r} ist mit der Tabulatortaste nicht erreichbar")


def test_slide_buttons_and_filter_reset_work_by_keyboard(server: str, page) -> None:
    open_page(page, f"{server}/praesentation?folie=2")
    focus_by_tab(page, "Weiter")
    page.keyboard.press("Enter")
    page.get_by_text(f"Folie 3 / {SLIDES}").wait_for(timeout=30_000)
    focus_by_tab(page, "Zurück")
    page.keyboard.press("Enter")
    page.get_by_text(f"Folie 2 / {SLIDES}").wait_for(timeout=30_000)

    open_page(page, f"{server}/mitglieder?land=SH&von=2015")
    page.get_by_text("Schleswig-Holstein").first.wait_for(timeout=30_000)
    focus_by_tab(page, "Filter zurücksetzen")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search.includes('land=')", timeout=30_000)
    wait_until_idle(page)
    assert "von=" not in page.url
