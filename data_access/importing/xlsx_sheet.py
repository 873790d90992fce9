"""Streaming the rows of one worksheet part: typed cell values, memory flat, limits checked per cell.

The worksheet XML is parsed with lxml ``iterparse`` (end events). The elements of a row
(its cells and their values) are kept until the row ends, then the row is cleared and
removed with everything before it. Every element ended since the last row is counted:
more than ``MAX_PENDING_ELEMENTS`` (a full Excel row of 16,384 cells needs about 50,000)
means a hostile or broken file, so even a worksheet of 100 MB of empty elements
(``<cols>``, unknown ones, millions of ``<c/>`` in one row) never becomes a tree in memory. A row is
built only up to its last valued column (``<dimension>`` is ignored, nothing is padded),
and a valued cell beyond ``MAX_COLUMNS`` or longer than ``MAX_CELL_CHARACTERS`` is refused
with its Excel reference.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel

from data_access.importing.readers import (
    FORMULA_WITHOUT_VALUE,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    CellError,
    UnreadableFileError,
    column_label,
)
from data_access.importing.xlsx_package import MAX_PENDING_ELEMENTS, PARSER_OPTIONS, broken, local_name
from domain.formatting import format_number

MAX_EXCEL_ROW = 1_048_576
MAX_EXCEL_COLUMN = 16_384
"""Excel's last column, XFD; a row with more cells than that is broken."""
_COLUMN_INDEXES = {get_column_letter(number): number - 1 for number in range(1, MAX_EXCEL_COLUMN + 1)}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?")


def unescape(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes (``_x000D_`` → CR, ``_x005F_x0041_`` → ``_x0041_``)."""
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text) if "_x" in text else text


def text_of(element: etree._Element) -> str:
    """The text of an ``<si>`` or ``<is>``: plain ``<t>`` or rich-text runs ``<r><t>``; phonetic ``<rPh>`` ignored."""
    parts = []
    for child in element:
        name = local_name(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(grandchild.text or "" for grandchild in child if local_name(grandchild.tag) == "t")
    return unescape("".join(parts))


def released(element: etree._Element) -> None:
    """Clear a finished element and drop its earlier siblings: the tree stays flat."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def reference(column: int, line: int) -> str:
    """The Excel reference of a cell: (0, 7) → "A7"."""
    return f"{get_column_letter(column + 1)}{line}"


def _number(text: str, column: int, line: int) -> int | float:
    """A ``<v>`` number as int or float (like openpyxl); broken for anything but a finite number."""
    if not _NUMBER.fullmatch(text):
        raise broken(f"die Zelle {reference(column, line)} enthält keine gültige Zahl", line=line)
    if "." in text or "e" in text or "E" in text or len(text) > 18:
        number = float(text)
        if not math.isfinite(number):
            raise broken(f"die Zelle {reference(column, line)} enthält keine gültige Zahl", line=line)
        return number
    return int(text)


class CellReader:
    """Typed cell values; knows what the sheet needs from the workbook (texts, date styles, date system)."""

    def __init__(self, strings: list[str], date_styles: frozenset[int], epoch: datetime.datetime) -> None:
        self.strings = strings
        self.date_styles = date_styles
        self.epoch = epoch

    def value(self, cell: etree._Element, column: int, line: int) -> Any:
        """The typed value of a ``<c>`` element (None for an empty cell)."""
        kind = cell.get("t", "n")
        raw = inline = None
        formula = False
        for child in cell:
            name = local_name(child.tag)
            if name == "v":
                raw = child.text or ""
            elif name == "f":
                formula = True
            elif name == "is":
                inline = child
        if kind == "inlineStr":
            return None if inline is None else text_of(inline)
        if raw is None or (raw == "" and kind != "str"):
            # openpyxl saves formulas as <f>…</f><v></v>: no result unless Excel computed one.
            return FORMULA_WITHOUT_VALUE if formula else None
        if len(raw) > MAX_CELL_CHARACTERS:
            return raw  # refused as too long by the caller, with the cell's reference
        if kind == "n":
            number = _number(raw, column, line)
            if int(cell.get("s") or 0) in self.date_styles:
                try:
                    return from_excel(number, self.epoch)
                except (OverflowError, ValueError):
                    return number  # no date: the date parser says so, in German
            return number
        if kind == "s":
            if not raw.isdigit() or int(raw) >= len(self.strings):
                raise broken(f"die Zelle {reference(column, line)} verweist auf einen fehlenden Text", line=line)
            return self.strings[int(raw)]
        if kind == "str":
            return unescape(raw)
        if kind == "b":
            return raw in ("1", "true")
        if kind == "e":
            return CellError(raw[:20])
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(raw)
            except ValueError:
                return raw  # the date parser names it
        raise broken(f"die Zelle {reference(column, line)} hat einen unbekannten Typ", line=line)


def _position(cell_reference: str | None, previous: int, line: int) -> int:
    """0-based column of a cell: from its reference ("B7" → 1), or the next one after ``previous``."""
    if cell_reference is None:
        position = previous + 1
    else:
        letters = cell_reference.rstrip("0123456789")
        position = _COLUMN_INDEXES.get(letters, _COLUMN_INDEXES.get(letters.upper(), -1))
    if not 0 <= position < MAX_EXCEL_COLUMN:
        raise broken(f"ungültiger Zellbezug in Zeile {format_number(line)}", line=line)
    return position


def _line_of(row: etree._Element, last_line: int) -> int:
    """The Excel row number of a ``<row>``: its ``r``, or the one after the previous row."""
    number = row.get("r") or str(last_line + 1)
    line = int(number) if number.isdigit() and len(number) <= 7 else 0
    if not 0 < line <= MAX_EXCEL_ROW:
        raise broken(f"ungültige Zeilennummer nach Zeile {format_number(last_line)}")
    return line


def _keep(value: Any, column: int, line: int, values: dict[int, Any]) -> None:
    """Keep a valued cell of the current row, or refuse it (beyond the columns, too long)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    if column >= MAX_COLUMNS:
        raise UnreadableFileError(
            f"In der Zelle {reference(column, line)} steht ein Wert; höchstens {MAX_COLUMNS} Spalten mit Werten "
            f"sind erlaubt (bis Spalte {get_column_letter(MAX_COLUMNS)}).",
            line=line,
            column=column_label(column),
            position=column,
        )
    if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
        raise UnreadableFileError(
            f"Die Zelle {reference(column, line)} hat {format_number(len(value))} Zeichen; höchstens "
            f"{format_number(MAX_CELL_CHARACTERS)} Zeichen je Zelle sind erlaubt.",
            line=line,
            column=column_label(column),
            position=column,
        )
    values[column] = value


def sheet_rows(sheet_part: Any, cells: CellReader) -> Iterator[tuple[int, list[Any]]]:
    """Stream ``(line, cells)`` per ``<row>`` of the worksheet part, up to the end of ``<sheetData>``."""
    values: dict[int, Any] = {}
    line: int | None = None
    last_line = 0
    column = -1
    pending = 0
    for _, element in etree.iterparse(sheet_part, events=("end",), **PARSER_OPTIONS):
        name = local_name(element.tag)
        if name == "c":
            if line is None:
                line = _line_of(element.getparent(), last_line)
            column = _position(element.get("r"), column, line)
            _keep(cells.value(element, column, line), column, line, values)
        elif name == "row":
            if line is None:
                line = _line_of(element, last_line)
            row = [None] * (max(values) + 1) if values else []
            for position, value in values.items():
                row[position] = value
            yield line, row
            last_line, line, column, values, pending = line, None, -1, {}, 0
            released(element)
            continue
        elif name == "sheetData":
            return
        pending += 1  # every element stays until its row ends; one row of 16,384 cells needs ~50,000
        if pending > MAX_PENDING_ELEMENTS:
            raise broken("das Tabellenblatt ist ungewöhnlich aufgebaut", line=last_line + 1)
