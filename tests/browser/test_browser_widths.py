"""Issue 16, point 8: at 1440 × 900 nothing a user needs is cut. Chart labels are drawn whole
(Vega writes "…" into a label it cuts), and the member, event and Mindeststandards tables
show all their visible columns side by side, each as wide as its header and longest value.

Screenshots of each view land in ``shots/`` (``breite_*.png``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, serve, shoot, wait_until_idle

pytestmark = BROWSER_MARKS

VIEWS = {
    "mitglieder": "/mitglieder",
    "veranstaltungen": "/veranstaltungen",
    "veranstaltungen_nw_gw": "/veranstaltungen?land=NW&veranstaltung=Gesundheitswoche",
    "mindeststandards": "/mindeststandards",
    "netzwerke": "/netzwerke",
    "ueberblick_sh": "/?land=SH",
}
TABLES = {"mitglieder": 1, "veranstaltungen": 2, "veranstaltungen_nw_gw": 1, "mindeststandards": 2}
"""How many tables from the top of the page must fit without scrolling sideways."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('widths') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def draw_everything(page) -> None:
    """Scroll the page through once, so every chart and table is drawn (Streamlit draws lazily)."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    for top in range(0, height + 900, 600):
        page.evaluate(f"() => document.querySelector('[data-testid=stMain]').scrollTo(0, {top})")
        page.wait_for_timeout(150)
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")


@pytest.mark.parametrize("name", list(VIEWS))
def test_nothing_is_cut_at_1440_pixels(server: str, browser, name: str) -> None:
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}{VIEWS[name]}", timeout=60_000)
        page.wait_for_selector("[data-testid='stVegaLiteChart'] svg", timeout=60_000)
        wait_until_idle(page)
        draw_everything(page)
        page.wait_for_timeout(1_000)
        labels = page.eval_on_selector_all(
            "[data-testid='stVegaLiteChart'] svg text", "texts => texts.map(text => text.textContent)"
        )
        assert labels, "no chart text drawn"
        assert [label for label in labels if "…" in label] == []
        tables = page.locator("[data-testid='stDataFrame'] .dvn-scroller")
        for position in range(TABLES.get(name, 0)):
            table = tables.nth(position)
            table.wait_for(timeout=30_000)
            widths = table.evaluate("scroller => [scroller.scrollWidth, scroller.clientWidth]")
            assert widths[0] <= widths[1], f"table {position + 1} scrolls sideways: {widths}"
        shoot(page, f"breite_{name}")
    finally:
        context.close()
