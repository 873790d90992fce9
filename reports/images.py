"""Charts as images without a browser: Vega-Lite rendered by vl-convert in German number and date formats.

Used for the decks (PDF, PPTX) and for the PNG/SVG downloads beside every chart. The
charts' own German locales (``charts.german``) make axes read "1.000", "77 %" and "März",
as on screen.
"""

from __future__ import annotations

from typing import Any

import vl_convert

from charts.figure import ChartSpec, inline_spec
from charts.german import NUMBER_LOCALE, TIME_LOCALE

PNG_SCALE = 2
"""Twice the chart's CSS size: sharp on a projector and in print."""
SLIDE_CONFIG: dict[str, Any] = {
    "axis": {"labelFontSize": 15, "titleFontSize": 16},
    "legend": {"labelFontSize": 15, "titleFontSize": 16},
    "header": {"labelFontSize": 15, "titleFontSize": 16},
    "text": {"fontSize": 14},
}
"""Bigger type for slides: a chart is read from the back of a meeting room."""


def _spec(chart: ChartSpec, width: int | None, height: int | None) -> dict[str, Any]:
    spec = inline_spec(chart)
    if width is not None:
        spec["width"] = width
    if height is not None:
        spec["height"] = height
    return spec


def spec_png(spec: dict[str, Any], *, scale: int = PNG_SCALE, config: dict[str, Any] | None = None) -> bytes:
    """A complete Vega-Lite spec (rows inline) as PNG bytes at ``scale`` times its CSS size."""
    return vl_convert.vegalite_to_png(
        spec, scale=scale, config=config, format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE
    )


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
