"""The slides' charts as the PDF and the PPTX draw them (issue 16, point 2), without a browser.

``reports.rendering.chart_images`` renders every slide chart with ``SLIDE_CONFIG`` merged
into its spec; here the same spec goes through vl-convert as SVG, so every text can be
read with its size and colour. The browser test (tests/browser/test_projector.py) checks
the same on screen.
"""

from __future__ import annotations

import datetime
import re

import pytest
from sqlalchemy import Engine

from charts.figure import inline_spec
from charts.selfhelp import NEW_GROUPS
from charts.standards import CELL_LABEL_COLOUR, SHARE_COLOURS
from reports.deck import SLIDES, Deck
from reports.deck_content import deck_from_database
from reports.images import SLIDE_CONFIG, SLIDE_TEXT_PX, spec_svg, with_config
from tests.browser.test_projector import MINIMUM_CONTRAST, contrast

TODAY = datetime.date(2026, 11, 25)
TEXT = re.compile(r"<text([^>]*)>([^<]*)</text>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


@pytest.fixture
def deck(small_network: Engine) -> Deck:
    return deck_from_database(small_network, {}, tuple(SLIDES), TODAY)[1]


def slide_texts(deck: Deck) -> dict[str, list[tuple[dict[str, str], str]]]:
    """Every text of every slide chart, as drawn for the deck files: (attributes, text) by slide key."""
    texts = {}
    for slide in deck.slides:
        if slide.chart is not None:
            svg = spec_svg(with_config(inline_spec(slide.chart), SLIDE_CONFIG))
            texts[slide.key] = [(dict(ATTRIBUTE.findall(attributes)), text) for attributes, text in TEXT.findall(svg)]
    return texts


@pytest.mark.usefixtures("backend")
def test_every_text_of_a_deck_chart_has_the_size_and_colour_of_body_text(deck: Deck) -> None:
    texts = slide_texts(deck)
    assert {"selbsthilfe", "mindeststandards"} <= set(texts)
    problems = [
        f"{key}: „{text}“ {attributes.get('font-size')} {attributes.get('fill')}"
        for key, drawn in texts.items()
        for attributes, text in drawn
        if text.strip()
        and (
            float(attributes["font-size"].removesuffix("px")) < SLIDE_TEXT_PX
            or contrast(attributes.get("fill", "#000000"), "#ffffff") < MINIMUM_CONTRAST
        )
    ]
    assert not problems, problems
    cell_labels = [text for attributes, text in texts["mindeststandards"] if attributes.get("aria-hidden") == "true"]
    assert cell_labels, "die Heatmap hat keine Zellbeschriftungen"
    assert all(label.endswith("%") for label in cell_labels), cell_labels  # the checks above saw the cell labels


@pytest.mark.usefixtures("backend")
def test_the_self_help_chart_names_the_new_groups_in_full(deck: Deck) -> None:
    assert NEW_GROUPS in [text for _, text in slide_texts(deck)["selbsthilfe"]]


def test_heat_map_labels_reach_body_text_contrast_on_every_cell() -> None:
    # The ramp is monotonic from its palest to its darkest colour: its ends bound every cell.
    assert min(contrast(CELL_LABEL_COLOUR, colour) for colour in SHARE_COLOURS) >= MINIMUM_CONTRAST
