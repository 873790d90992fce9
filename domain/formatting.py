"""German number, percent and date formats (babel, locale de_DE): ``1.234,5``, ``76 %``, ``22.11.2026``.

Pure functions used by pages, charts' tooltips, reports, exports and the data layer's
messages alike, so a figure reads the same everywhere.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

LOCALE = "de_DE"


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` → ``"1.234,5"`` (with ``decimals`` places); None → ``"–"``."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """``2026-11-22`` → ``"22.11.2026"``; None → ``"–"``."""
    if value is None:
        return "–"
    if isinstance(value, datetime.datetime):
        value = value.date()
    return babel_format_date(value, format="dd.MM.yyyy", locale=LOCALE)


def format_percent(share: float | None, decimals: int = 0) -> str:
    """A share (0.76) as German percent with a space: ``"76 %"``; None → ``"–"``."""
    if share is None:
        return "–"
    return f"{format_number(share * 100, decimals)} %"
