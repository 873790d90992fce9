"""The de-DE format locale for every chart: axes read ``1.234`` and ``März 2026``."""

from __future__ import annotations

import altair as alt

from domain.formatting import PERCENT_SIGN

NUMBER_LOCALE = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", "\u00a0€"],
    "percent": PERCENT_SIGN,
}
"""d3's number locale: "1.234,5" and percent as in the text ("77 %", ``domain.formatting.PERCENT_SIGN``)."""
TIME_LOCALE = {
    "dateTime": "%A, der %e. %B %Y, %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": [
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ],
    "shortMonths": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
}  # fmt: skip


LABEL_LIMIT = 260
"""Pixels an axis or legend label may take before Vega cuts it with "…".

Vega-Lite's default cut the longest German names ("Mecklenburg-Vorpommern" is about 160 px,
"Regionalnetzwerktreffen" about 150 px at the charts' label size); 260 leaves room for
longer member and network names too.
"""

COUNT_TICKS = 5
"""How many ticks a count axis aims for; its scale is rounded ("nice") to the same step."""


def count_axis(**options: object) -> alt.Axis:
    """A count axis: whole numbers in German format, about :data:`COUNT_TICKS` ticks (use with :func:`count_scale`)."""
    return alt.Axis(format=",d", tickMinStep=1, tickCount=COUNT_TICKS, **options)


def count_scale() -> alt.Scale:
    """The scale of a count axis: its end is rounded to the axis's own tick step.

    Vega rounds a scale to about ten steps by default while the axis draws fewer ticks, so
    a bar of 11 ended above the top tick of 10 with no label at its height. Rounding the
    scale with the axis's tick count makes the top of the scale a labelled tick (0–12 for 11).
    """
    return alt.Scale(nice=COUNT_TICKS)


def german(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Return ``chart`` configured with the German number and time locale and uncut labels."""
    return chart.configure(
        locale={"number": NUMBER_LOCALE, "time": TIME_LOCALE},
        axis={"labelLimit": LABEL_LIMIT},
        legend={"labelLimit": LABEL_LIMIT},
    )
