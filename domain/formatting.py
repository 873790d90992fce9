"""German number, percent and date formats (babel, locale de_DE): ``1.234,5``, ``76 %``, ``22.11.2026``.

Pure functions used by pages, charts' tooltips, reports, exports and the data layer's
messages alike, so a figure reads the same everywhere.
"""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

LOCALE = "de_DE"
MISSING = "–"
"""How every surface writes a figure without a value (tables, cards, slides, sentences)."""


def format_number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """``1234.5`` → ``"1.234,5"`` (with ``decimals`` places); None or NaN (a gap in a frame) → ``"–"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """``2026-11-22`` → ``"22.11.2026"``; None → ``"–"``."""
    if value is None:
        return MISSING
    if isinstance(value, datetime.datetime):
        value = value.date()
    return babel_format_date(value, format="dd.MM.yyyy", locale=LOCALE)


PERCENT_SIGN = "\u00a0%"
"""German percent: a (no-break) space before the sign, "76 %"; the charts' number locale uses the same."""


def rounded_percent(share: float, decimals: int = 0) -> Decimal:
    """``share`` (0.765) in percent, rounded half away from zero on the exact value: the one rounding rule.

    It is the rule of JavaScript's ``toFixed``, which the charts' ``".0%"`` format uses, so
    a sentence, a table, a tooltip and a chart label give the same figure (62 of 81 is
    77 % everywhere).
    """
    return Decimal(share * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_percent(share: float | None, decimals: int = 0) -> str:
    """A share (0.76) as German percent with a space: ``"76 %"``; None → ``"–"``."""
    if share is None:
        return MISSING
    return format_number(rounded_percent(share, decimals), decimals) + PERCENT_SIGN


def enumeration(parts: list[str]) -> str:
    """German enumeration: "a", "a und b", "a, b und c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} und {parts[-1]}"
