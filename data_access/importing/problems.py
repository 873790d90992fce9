"""Problems found in an import file: located, German, bounded in length and in number.

Error output is bounded like every input (DESIGN.md "Reliability and security rules"):
a value is shown with at most ``MAX_SHOWN_CHARACTERS`` characters and without control
characters (nothing a file holds can garble a terminal or a table), and a file keeps at
most ``MAX_PROBLEMS`` problems while counting all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import SupportsIndex

from domain.formatting import format_number

MAX_SHOWN_CHARACTERS = 80
"""Characters of a value (or a column label taken from the file) kept in a problem."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""Invisible format characters (Unicode Cf, Zl, Zp): zero-width spaces, direction overrides (U+202E turns the
rest of a name round on screen), soft hyphens, line and paragraph separators, byte-order marks inside a cell."""


def shown_text(text: str | None, limit: int = MAX_SHOWN_CHARACTERS) -> str | None:
    """``text`` as a problem (or the audit log) shows it: control characters visible, cut to ``limit`` with "…"."""
    if text is None:
        return None
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    """A control character as its Unicode "control picture" (NUL → ␀, BEL → ␇, DEL → ␡), so a
    steward sees where it is; line breaks become spaces; others (C1, surrogates) "\ufffd"."""
    code = ord(match[0])
    if match[0] in "\n\r":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def forbidden_character(text: str) -> str | None:
    """The German complaint about the first character a cell may not hold, or None.

    Allowed are all printable characters and the line break ``\n`` inside a cell (Excel's
    Alt+Enter). Invisible format characters are refused (``_INVISIBLE``: "Sucht" and
    "Sucht" with a zero-width space would be two topics that look the same, a direction
    override garbles a name on screen). Every other control character (Unicode category Cc: NUL, tab, CR, ESC, …,
    also from Excel's ``_x0000_`` escapes once undone) and lone surrogates are refused:
    PostgreSQL rejects NUL and surrogates while SQLite stores them, and the verdict must be
    the same on both databases; the others are invisible in every screen and export.
    """
    match = _FORBIDDEN.search(text)
    if match is None:
        invisible = _INVISIBLE.search(text)
        if invisible is None:
            return None
        return f"Die Zelle enthält ein unsichtbares Formatzeichen (U+{ord(invisible[0]):04X}); bitte entfernen."
    code = ord(match[0])
    if 0xD800 <= code <= 0xDFFF:
        return f"Die Zelle enthält ein ungültiges Zeichen (U+{code:04X}); bitte entfernen."
    return f"Die Zelle enthält ein unsichtbares Steuerzeichen (U+{code:04X}); bitte entfernen."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file, located as precisely as possible."""

    file_name: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        # Values and column labels may come from the file: shown cut and without control characters.
        object.__setattr__(self, "value", shown_text(self.value))
        object.__setattr__(self, "column", shown_text(self.column))

    def __str__(self) -> str:
        place = [self.file_name]
        if self.line is not None:
            place.append(f"Zeile {format_number(self.line)}")
        if self.column is not None:
            place.append(f"Spalte „{self.column}“")
        if self.value is not None:
            place.append(f"Wert „{self.value}“")
        return ", ".join(place) + ": " + self.message


MAX_PROBLEMS = 50
"""Problems kept per file: enough to fix a file in one pass, bounded however broken the file is."""


class Problems(list):
    """A list of problems that keeps the first ``MAX_PROBLEMS`` and counts every one in ``total``.

    Error output is bounded like every input (DESIGN.md): a file with 200,000 bad cells
    yields 50 problems and ``total == 200_000``, never 200,000 objects or megabytes of text
    (``tests/data_access/test_import_memory_cap.py`` feeds such a file; no bench re-measures its size).
    ``append``, ``extend``, ``+=`` and ``insert`` all count. A plain list built from it (a
    comprehension) loses ``total``: use :meth:`replaced` to change every problem instead.
    """

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        self.total = 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        """Keep ``problem`` if fewer than ``MAX_PROBLEMS`` are kept; count it anyway."""
        self.total += 1
        if len(self) < MAX_PROBLEMS:
            super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Append every problem (counted, kept up to the limit)."""
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> Problems:  # type: ignore[override]
        self.extend(problems)
        return self

    def insert(self, index: SupportsIndex, problem: Problem) -> None:
        """Insert ``problem`` (counted); the last kept one drops out when the list is full."""
        self.total += 1
        super().insert(index, problem)
        if len(self) > MAX_PROBLEMS:
            super().pop()

    def copy(self) -> Problems:
        """A copy with the same ``total``."""
        return self.replaced(lambda problem: problem)

    @property
    def hidden(self) -> int:
        """How many problems were counted but not kept."""
        return self.total - len(self)

    def replaced(self, function: Callable[[Problem], Problem]) -> Problems:
        """A new :class:`Problems` with ``function`` applied to every kept problem and the same ``total``."""
        result = Problems(function(problem) for problem in self)
        result.total = self.total
        return result
