"""Parsers for the cell values of German office files.

Each parser takes what a CSV or XLSX cell holds (a string, or a number/date from a
typed Excel cell) and returns the typed value, or raises :class:`InvalidValueError` with a
German sentence that tells the data steward what is wrong and what is expected.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Any

from domain.formatting import format_number
from domain.vocabulary import FOUNDING_YEAR

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


INTEGER_MAXIMUM = 2_147_483_647
"""The largest value of an Integer column on PostgreSQL (32 bit); SQLite would store more,
so every integer parser stops at or below it and both databases give the same verdict."""
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_EXPONENT = re.compile(r"[-+]?[0-9.,\u00a0 ]*[0-9][eE][-+]?[0-9]+")
_DIGITS_BEYOND_ANY_MAXIMUM = 12


def _number_text(value: str) -> str:
    """Normalise a German or English number string to Python syntax."""
    compact = value.strip().replace("\u00a0", " ")
    if _THOUSANDS_GROUPED.match(compact):
        return compact.replace(".", "").replace(" ", "")
    compact = compact.replace(" ", "")
    if "," in compact and "." in compact:
        return compact.replace(".", "").replace(",", ".")
    return compact.replace(",", ".")


def _plain_number(value: Any, expected: str) -> str:
    """A number written in a text cell, as ``-1234.5``; InvalidValueError (``expected``) for anything else.

    Only digits, an optional leading minus, thousands separators and a decimal comma or
    point: no exponent (``1e3``), no ``inf``/``nan``, no ``1_000``, no other digit scripts,
    so a cell means what a person reading it sees.
    """
    text = str(value).strip()
    if _EXPONENT.fullmatch(text.replace("\u00a0", " ")):
        raise InvalidValueError("Bitte die Zahl ohne Exponent schreiben (z. B. 1000 statt 1e3).")
    normalised = _number_text(text)
    if not _PLAIN_NUMBER.fullmatch(normalised):
        raise InvalidValueError(expected)
    return normalised


def integer(minimum: int = 0, maximum: int = INTEGER_MAXIMUM) -> Callable[[Any], int]:
    """A parser for whole numbers in ``minimum..maximum`` ("1.234" and "1234,0" accepted).

    ``maximum`` may not exceed :data:`INTEGER_MAXIMUM`. Typed Excel numbers of any size
    (``1e300``) are refused by the maximum, never by an overflow.
    """
    if maximum > INTEGER_MAXIMUM or minimum < -INTEGER_MAXIMUM:
        raise ValueError("An integer column must fit a 32-bit PostgreSQL Integer.")
    expected = "Hier wird eine ganze Zahl erwartet."

    def parse(value: Any) -> int:
        if isinstance(value, (bool, datetime.date)):
            raise InvalidValueError(expected)
        if isinstance(value, float):
            if math.isnan(value):
                raise InvalidValueError(expected)
            if math.isfinite(value) and not value.is_integer():
                raise InvalidValueError("Hier wird eine ganze Zahl ohne Nachkommastellen erwartet.")
            result = _bounded_int(value)
        elif isinstance(value, int):
            result = value
        else:
            whole, _, fraction = _plain_number(value, expected).partition(".")
            if fraction.strip("0"):
                raise InvalidValueError("Hier wird eine ganze Zahl ohne Nachkommastellen erwartet.")
            digits = whole.lstrip("-").lstrip("0")
            if len(digits) > _DIGITS_BEYOND_ANY_MAXIMUM:  # no int() of 10,000 digits
                result = -(10**_DIGITS_BEYOND_ANY_MAXIMUM) if whole.startswith("-") else 10**_DIGITS_BEYOND_ANY_MAXIMUM
            else:
                result = int(whole or "0")
        if result < minimum:
            if minimum == 0:
                raise InvalidValueError("Die Zahl darf nicht negativ sein.")
            raise InvalidValueError(f"Die Zahl muss mindestens {format_number(minimum)} sein.")
        if result > maximum:
            raise InvalidValueError(f"Die Zahl darf höchstens {format_number(maximum)} sein.")
        return result

    return parse


def _bounded_int(value: float) -> int:
    """A whole float as int, with infinities and huge values clamped just beyond any maximum."""
    limit = 10**_DIGITS_BEYOND_ANY_MAXIMUM
    if value > limit:
        return limit
    if value < -limit:
        return -limit
    return int(value)


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
    """A parser for decimal numbers in a range (decimal comma accepted); ``meaning`` names the range.

    Text follows the same rules as :func:`integer` (no exponent, no ``inf``/``nan``).
    """
    expected = "Hier wird eine Dezimalzahl wie 53,55 erwartet."

    def parse(value: Any) -> float:
        if isinstance(value, bool | datetime.date):
            raise InvalidValueError(expected)
        if isinstance(value, int | float):
            result = float(value) if not isinstance(value, int) or abs(value) < 10**300 else math.inf
        else:
            result = float(_plain_number(value, expected))
        if math.isnan(result):
            raise InvalidValueError(expected)
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
