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


def german(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Return ``chart`` configured with the German number and time locale."""
    return chart.configure(locale={"number": NUMBER_LOCALE, "time": TIME_LOCALE})
