"""Parsers for the cell values of German office files.

Each parser takes what a CSV or XLSX cell holds (a string, or a number/date from a
typed Excel cell) and returns the typed value, or raises :class:`InvalidValueError` with a
German sentence that tells the data steward what is wrong and what is expected.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from data_access.reference import FOUNDING_YEAR

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that spreadsheets treat as formulas; exports prefix them with an apostrophe."""

_THOUSANDS_GROUPED = re.compile(r"^-?\d{1,3}([.\u00a0 ]\d{3})+$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


class InvalidValueError(ValueError):
    """A cell value that cannot be used; the message is the German explanation."""


def latest_allowed_year() -> int:
    """The newest year data may carry: next year (plans for the coming year are allowed)."""
    return datetime.date.today().year + 1


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, or a string of only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: Any) -> str:
    """Return the cell as trimmed text, undoing the apostrophe an export put before a formula start."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def text(max_length: int) -> Callable[[Any], str]:
    """A parser for free text of at most ``max_length`` characters."""

    def parse(value: Any) -> str:
        result = clean_text(value)
        if len(result) > max_length:
            raise InvalidValueError(f"Der Text ist zu lang ({len(result)} Zeichen, höchstens {max_length}).")
        return result

    return parse


def _number_text(value: str) -> str:
    """Normalise a German or English number string to Python syntax."""
    compact = value.strip().replace("\u00a0", " ")
    if _THOUSANDS_GROUPED.match(compact):
        return compact.replace(".", "").replace(" ", "")
    compact = compact.replace(" ", "")
    if "," in compact and "." in compact:
        return compact.replace(".", "").replace(",", ".")
    return compact.replace(",", ".")


def integer(minimum: int = 0, maximum: int | None = None) -> Callable[[Any], int]:
    """A parser for whole numbers in ``minimum..maximum`` ("1.234" and "1234,0" accepted)."""

    def parse(value: Any) -> int:
        if isinstance(value, (bool, datetime.date)):
            raise InvalidValueError("Hier wird eine ganze Zahl erwartet.")
        if isinstance(value, int | float):
            number = float(value)
        else:
            try:
                number = float(_number_text(str(value)))
            except ValueError:
                raise InvalidValueError("Hier wird eine ganze Zahl erwartet.") from None
        if not number.is_integer():
            raise InvalidValueError("Hier wird eine ganze Zahl ohne Nachkommastellen erwartet.")
        result = int(number)
        if result < minimum:
            if minimum == 0:
                raise InvalidValueError("Die Zahl darf nicht negativ sein.")
            raise InvalidValueError(f"Die Zahl muss mindestens {minimum} sein.")
        if maximum is not None and result > maximum:
            raise InvalidValueError(f"Die Zahl darf höchstens {maximum:,} sein.".replace(",", "."))
        return result

    return parse


def year(value: Any) -> int:
    """A year from the network's founding (1989) to next year."""
    try:
        result = integer(0)(value)
    except InvalidValueError:
        raise InvalidValueError("Hier wird eine Jahreszahl wie 2024 erwartet.") from None
    latest = latest_allowed_year()
    if not FOUNDING_YEAR <= result <= latest:
        raise InvalidValueError(f"Das Jahr muss zwischen {FOUNDING_YEAR} und {latest} liegen.")
    return result


def decimal(minimum: float, maximum: float, meaning: str) -> Callable[[Any], float]:
    """A parser for decimal numbers in a range (decimal comma accepted); ``meaning`` names the range."""

    def parse(value: Any) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            result = float(value)
        else:
            try:
                result = float(_number_text(str(value)))
            except ValueError:
                raise InvalidValueError("Hier wird eine Dezimalzahl wie 53,55 erwartet.") from None
        if not minimum <= result <= maximum:
            raise InvalidValueError(f"Der Wert liegt nicht {meaning}.")
        return result

    return parse


def date(value: Any) -> datetime.date:
    """A date as TT.MM.JJJJ, JJJJ-MM-TT or an Excel date cell, from 1989 to the end of next year."""
    return _date(value, latest_allowed_year())


TERM_YEARS_AHEAD = 5
"""A term of office may be fixed some years ahead (council terms run two to four years)."""


def term_date(value: Any) -> datetime.date:
    """A date like :func:`date` that may lie up to five years ahead: the end of a term of office."""
    return _date(value, datetime.date.today().year + TERM_YEARS_AHEAD)


def _date(value: Any, latest: int) -> datetime.date:
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    else:
        raw = str(value).strip()
        german = _GERMAN_DATE.match(raw)
        iso = _ISO_DATE.match(raw)
        if german:
            year_text, month_text, day_text = german[3], german[2], german[1]
        elif iso:
            year_text, month_text, day_text = iso[1], iso[2], iso[3]
        else:
            raise InvalidValueError("Hier wird ein Datum wie 22.11.2026 (TT.MM.JJJJ) oder 2026-11-22 erwartet.")
        try:
            result = datetime.date(int(year_text), int(month_text), int(day_text))
        except ValueError:
            raise InvalidValueError("Dieses Datum gibt es nicht.") from None
    if not FOUNDING_YEAR <= result.year <= latest:
        raise InvalidValueError(f"Das Datum muss zwischen {FOUNDING_YEAR} und {latest} liegen.")
    return result


def choice(lookup: Callable[[str], str | None], unknown: str) -> Callable[[Any], str]:
    """A parser for a controlled word; ``lookup`` maps spellings to the canonical form.

    ``unknown`` is the full German sentence shown for a word ``lookup`` does not know.
    """

    def parse(value: Any) -> str:
        result = lookup(clean_text(value))
        if result is None:
            raise InvalidValueError(unknown)
        return result

    return parse
