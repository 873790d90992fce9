"""Charts as images without a browser: Vega-Lite rendered by vl-convert in German number and date formats.

Used for the decks (PDF, PPTX) and for the PNG/SVG downloads beside every chart. The
charts' own German locales (``charts.german``) make axes read "1.000", "77 %" and "März",
as on screen.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import vl_convert

from charts.figure import ChartSpec, inline_spec
from charts.german import NUMBER_LOCALE, TIME_LOCALE

PNG_SCALE = 2
"""Twice the chart's CSS size: sharp on a projector and in print."""
SLIDE_TEXT_PX = 22
"""The slides' body text in CSS pixels (``ui.presentation`` sets its lines in it); no chart text is smaller."""
SLIDE_TEXT_COLOUR = "#1a1a1a"
"""The theme's text colour (``.streamlit/config.toml``), 17:1 on white; Streamlit's chart theme greys axes to ~3.5:1."""
_SLIDE_TEXT = {"labelFontSize": SLIDE_TEXT_PX, "titleFontSize": SLIDE_TEXT_PX}
_SLIDE_INK = {"labelColor": SLIDE_TEXT_COLOUR, "titleColor": SLIDE_TEXT_COLOUR}
SLIDE_CONFIG: dict[str, Any] = {
    "axis": {**_SLIDE_TEXT, **_SLIDE_INK, "titleFontWeight": "normal", "labelLimit": 320},
    "legend": {
        **_SLIDE_TEXT,
        **_SLIDE_INK,
        "titleFontWeight": "normal",
        "symbolSize": 260,
        "labelLimit": 320,
        "gradientLength": 260,
    },
    "header": {**_SLIDE_TEXT, **_SLIDE_INK},
    "title": {"fontSize": SLIDE_TEXT_PX + 2, "color": SLIDE_TEXT_COLOUR},
    "text": {"fontSize": SLIDE_TEXT_PX},
}
"""Slide type for charts (screen, PDF, PPTX): read from the back of a meeting room.

Every label, title and text mark at least the size and the colour of the slide's body
text. It works as a chart ``config``, so it wins over Streamlit's chart theme but not over
a size a chart builder sets on a mark itself: builders leave text sizes to the config.
"""


def _spec(chart: ChartSpec, width: int | None, height: int | None) -> dict[str, Any]:
    spec = inline_spec(chart)
    if width is not None:
        spec["width"] = width
    if height is not None:
        spec["height"] = height
    return spec


def with_config(spec: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with ``config`` merged into its own config, part by part (``config`` wins).

    Merged into the spec rather than handed to vl-convert beside it: vl-convert's separate
    config ranks below Vega-Lite's own defaults for some settings (a legend kept its
    160 px label limit and cut "davon im Jahr neu gegründet" in the PDF). The slides on
    screen merge the same way, so screen, PDF and PPTX draw one configuration.
    """
    merged = {**spec.get("config", {})}
    for part, settings in config.items():
        merged[part] = {**merged.get(part, {}), **settings} if isinstance(settings, dict) else settings
    return {**spec, "config": merged}


def spec_png(spec: dict[str, Any], *, scale: int = PNG_SCALE, config: dict[str, Any] | None = None) -> bytes:
    """A complete Vega-Lite spec (rows inline) as PNG bytes at ``scale`` times its CSS size, ``config`` merged in."""
    if config is not None:
        spec = with_config(spec, config)
    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE)


def spec_svg(spec: dict[str, Any]) -> str:
    """A complete Vega-Lite spec as SVG text (vector: any size, texts stay texts)."""
    return vl_convert.vegalite_to_svg(spec, format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE)


def chart_png(
    chart: ChartSpec,
    *,
    width: int | None = None,
    height: int | None = None,
    scale: int = PNG_SCALE,
    config: dict[str, Any] | None = None,
) -> bytes:
    """The chart as PNG bytes at ``scale`` times its size (``width``/``height`` in CSS pixels override the spec's)."""
    return spec_png(_spec(chart, width, height), scale=scale, config=config)


def chart_svg(chart: ChartSpec, *, width: int | None = None, height: int | None = None) -> str:
    """The chart as SVG text (``width``/``height`` in CSS pixels override the spec's)."""
    return spec_svg(_spec(chart, width, height))


CAPTION_CHARACTERS = 70
"""Subtitle lines wrap after about this many characters (a chart without a fixed width)."""


def captioned_spec(spec: dict[str, Any], title: str, lines: Sequence[str]) -> dict[str, Any]:
    """``spec`` with a Vega-Lite title: ``title`` in bold, below it ``lines`` (filter sentence, Stand) in grey.

    What a downloaded chart image says about itself, like a slide: a PNG or SVG passed on
    without the page still tells what it shows, for which selection and of which day.
    The title is part of the spec, so vl-convert lays it out with the chart (texts stay
    texts in the SVG) and the image grows to hold it. A long line wraps at spaces to
    about the chart's width; the spec's own title, if any, is replaced.
    """
    width = spec.get("width")
    characters = max(40, int(width / 6.5)) if isinstance(width, int | float) else CAPTION_CHARACTERS
    subtitle = [part for line in lines for part in textwrap.wrap(line, characters, break_on_hyphens=False)]
    heading = {
        "text": title,
        "subtitle": subtitle,
        "anchor": "start",
        "fontSize": 16,
        "fontWeight": "bold",
        "color": "#1a1a1a",
        "subtitleFontSize": 12,
        "subtitleColor": "#404040",
        "subtitlePadding": 6,
        "offset": 12,
    }
    return {**spec, "title": heading}
