"""The Präsentation on a 1280 × 720 projector (issue 16, points 1–3).

A ``streamlit run`` on a demo database; Chromium at 1280 × 720 opens every slide of the
whole deck by its link and checks what the back row of a meeting room would see:

- the slide and its buttons (Zurück, Folie, Weiter) lie inside the screen, and nothing
  of the page is below its lower edge (no scrolling during a talk);
- every text of a slide's chart (axis labels and titles, legends, the heat map's cell
  labels) is at least as big as the slide's body text, measured on the title slide, and
  reaches 4.5:1 contrast on what lies behind it (white, or the heat-map cell under it);
- the Selbsthilfe slide names its orange bars in a legend.

Every slide is photographed into ``shots/projektor_NN.png``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from charts.selfhelp import GROUP_KINDS, NEW_GROUPS
from data_access.setup import prepare_database
from reports.deck import SLIDES
from tests.served import BROWSER_MARKS, serve, shoot, wait_until_idle

pytestmark = BROWSER_MARKS
WIDTH, HEIGHT = 1280, 720
SLIDE_COUNT = len(SLIDES) + 2  # the title and the sources around the content slides
SELF_HELP_SLIDE = 2 + list(SLIDES).index("selbsthilfe")
STANDARDS_SLIDE = 2 + list(SLIDES).index("mindeststandards")
MINIMUM_CONTRAST = 4.5

LAYOUT = """() => {
  const box = (element) => {
    if (!element) return null;
    const b = element.getBoundingClientRect();
    return {top: b.top, bottom: b.bottom, left: b.left, right: b.right};
  };
  const main = document.querySelector("[data-testid='stMain']");
  const button = (name) => [...main.querySelectorAll("button")].find((b) => b.innerText.includes(name));
  const scrollers = [document.scrollingElement];  // the page, and every box around the slide that scrolls
  for (let element = document.querySelector(".st-key-slide_stage"); element; element = element.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(element).overflowY)) scrollers.push(element);
  }
  return {
    parts: {
      "Folie": box(document.querySelector(".st-key-slide_stage")),
      "Zurück": box(button("Zurück")),
      "Folie (von …)": box(main.querySelector("[data-testid='stNumberInput']")),
      "Weiter": box(button("Weiter")),
    },
    hidden_below: Math.max(...scrollers.map((element) => element.scrollHeight - element.clientHeight)),
  };
}"""
"""Where the slide and its buttons are, and how far the page or a box around the slide can scroll."""

CHART_TEXTS = """() => {
  const texts = [];
  for (const svg of document.querySelectorAll(".st-key-slide_stage [data-testid='stVegaLiteChart'] svg.marks")) {
    const cells = [...svg.querySelectorAll("g.mark-rect.role-mark path")].map((path) => ({
      box: path.getBoundingClientRect(), fill: getComputedStyle(path).fill,
    }));
    for (const text of svg.querySelectorAll("text")) {
      if (!text.textContent.trim()) continue;
      const b = text.getBoundingClientRect();
      const x = b.left + b.width / 2, y = b.top + b.height / 2;
      const under = cells.filter((c) => c.box.left <= x && x <= c.box.right && c.box.top <= y && y <= c.box.bottom);
      const style = getComputedStyle(text);
      texts.push({
        text: text.textContent,
        role: text.closest("g[class*='role-']").getAttribute("class"),
        size: parseFloat(style.fontSize),
        fill: style.fill,
        background: under.length ? under[under.length - 1].fill : "rgb(255, 255, 255)",
      });
    }
  }
  return texts;
}"""
"""Every text of the slide's charts: its size, colour, and the fill of the bar or cell under its centre."""


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a CSS ``rgb(…)`` or ``#rrggbb`` colour."""
    if colour.startswith("#"):
        red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    else:
        red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA boundary grey


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('projector') / 'demo.sqlite'}"
    prepare_database(url).dispose()  # a new file: migrated and filled with demo data
    yield from serve(url)


@pytest.fixture
def projector(browser) -> Iterator[object]:
    """A page in a 1280 × 720 window: the projector of issue 16."""
    context = browser.new_context(locale="de-DE", viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    yield page
    assert page.locator("[data-testid='stException']").count() == 0
    context.close()


def open_slide(page, server: str, number: int) -> None:
    """Open slide ``number`` by its link and wait until its run is over and its chart (if any) is drawn."""
    page.goto(f"{server}/praesentation?folie={number}", timeout=60_000)
    page.wait_for_selector(f"text=Folie {number} / {SLIDE_COUNT}", timeout=60_000)
    page.get_by_role("button", name="Weiter").wait_for(timeout=30_000)
    wait_until_idle(page)
    charts = page.locator(".st-key-slide_stage [data-testid='stVegaLiteChart']")
    if charts.count():
        charts.first.locator("svg.marks text").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)  # the chart settles its final width after the first draw


def test_every_slide_and_its_buttons_fit_a_projector_and_its_charts_are_readable(server: str, projector) -> None:
    page = projector
    open_slide(page, server, 1)
    body_size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.st-key-slide_lines p')).fontSize)"
    )
    assert body_size >= 20, f"die Folien-Grundschrift ist nur {body_size} px groß"
    problems: list[str] = []
    legend_labels: list[str] = []
    cell_labels = 0
    for number in range(1, SLIDE_COUNT + 1):
        if number > 1:
            open_slide(page, server, number)
        shoot(page, f"projektor_{number:02d}")
        layout = page.evaluate(LAYOUT)
        for name, box in layout["parts"].items():
            if box is None:
                problems.append(f"Folie {number}: {name} fehlt")
            elif box["top"] < 0 or box["left"] < 0 or box["bottom"] > HEIGHT or box["right"] > WIDTH:
                problems.append(f"Folie {number}: {name} liegt nicht ganz im Bild: {box}")
        if layout["hidden_below"] > 0:
            problems.append(f"Folie {number}: {layout['hidden_below']} px unterhalb des Bildschirms")
        for text in page.evaluate(CHART_TEXTS):
            where = f"Folie {number}: „{text['text']}“ ({text['role']})"
            if text["text"].endswith("…"):
                problems.append(f"{where} ist abgeschnitten")
            if text["size"] < body_size:
                problems.append(f"{where} ist {text['size']} px groß, der Fließtext {body_size} px")
            ratio = contrast(text["fill"], text["background"])
            if ratio < MINIMUM_CONTRAST:
                problems.append(f"{where}: Kontrast {ratio:.1f}:1 ({text['fill']} auf {text['background']})")
            if number == SELF_HELP_SLIDE and "legend-label" in text["role"]:
                legend_labels.append(text["text"])
            if number == STANDARDS_SLIDE and "mark-text" in text["role"]:
                cell_labels += 1
    assert not problems, "\n".join(problems)
    assert NEW_GROUPS in legend_labels, f"Legende der Selbsthilfe-Folie: {legend_labels}"
    assert cell_labels >= 9, "die Heatmap der Mindeststandards-Folie zeigt keine Zellbeschriftungen"


def test_the_self_help_legend_shows_the_new_groups_in_orange(server: str, projector) -> None:
    open_slide(projector, server, SELF_HELP_SLIDE)
    symbols = projector.evaluate(
        """() => [...document.querySelectorAll(
            ".st-key-slide_stage [data-testid='stVegaLiteChart'] g.role-legend-symbol path")]
            .map((path) => getComputedStyle(path).fill)"""
    )
    orange = GROUP_KINDS[NEW_GROUPS]
    assert any(contrast(fill, orange) == pytest.approx(1) for fill in symbols), symbols
