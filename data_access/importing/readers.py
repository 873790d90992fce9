"""Reading CSV and XLSX files the way German offices write them, within fixed limits.

CSV: ``;``, ``,`` or tab separated; UTF-8 with or without BOM, UTF-16 with BOM (German
Excel's "Unicode-Text") or Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)").
XLSX: the worksheet named after the kind (a workbook of all kinds), else the first one,
typed cells kept (numbers and dates stay numbers and dates).
Line numbers are the row numbers the data steward sees in Excel: the header is line 1.
Completely empty rows are skipped, so trailing blank lines and rows that only carry
formatting do not count.

Every input is bounded before or while it is parsed (DESIGN.md "Reliability and
security rules"): the file size first, then for XLSX the zip directory and the
decompressed size of every part actually read, and while streaming the number of data
rows, the columns with a value and the characters of a cell. Declared sizes (the zip
directory, ``<dimension>``) are never trusted alone. Rows are streamed: :class:`Sheet`
holds the header and an iterator over the data rows, so memory does not grow with the
file, and a limit found while streaming raises :class:`UnreadableFileError` from that
iterator, located by line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from data_access.importing.values import is_blank
from domain.formatting import format_number

MAX_FILE_BYTES = 50_000_000
"""Largest file read at all (50 MB), checked before anything is parsed."""
MAX_ROWS = 100_000
"""Data rows (non-empty rows after the header) per file."""
MAX_COLUMNS = 50
"""Columns that may hold a value; the widest template has 10."""
MAX_CELL_CHARACTERS = 10_000
"""Characters per cell; the longest template text has 300."""
MAX_LINES = 1_048_576
"""Rows of any kind, empty ones included (Excel's own limit): 50 MB of empty lines stop here, long before their end."""

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format (and password-protected .xlsx)


class UnreadableFileError(ValueError):
    """The file cannot be read (as a whole, or from a row on); ``str(error)`` is the German sentence.

    ``line`` (the Excel row number), ``column`` (a column label such as "Nr. 51", ready for
    ``Problem.column``) and ``position`` (0-based column index) locate the cause when it
    has a place, so the caller can report a located problem.
    """

    def __init__(
        self, message: str, *, line: int | None = None, column: str | None = None, position: int | None = None
    ) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.position = position


class FormulaWithoutValue:
    """The marker for an Excel formula cell saved without its result (openpyxl and some tools do this).

    There is one instance, :data:`FORMULA_WITHOUT_VALUE`; validation reports it in every
    column, because an empty result would silently read as a missing value.
    """

    _instance: FormulaWithoutValue | None = None

    def __new__(cls) -> FormulaWithoutValue:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"

    def __str__(self) -> str:
        return ""


FORMULA_WITHOUT_VALUE = FormulaWithoutValue()


@dataclass(frozen=True)
class CellError:
    """An Excel error value in a cell (``#DIV/0!``, ``#NV``, …); validation reports it with its code."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Sheet:
    """The cells of one file: the header cells, its line, and the data rows as a one-shot iterator.

    ``rows`` yields ``(line, cells)`` for every non-empty row after the header, cells only
    up to the last one with a value. It may raise :class:`UnreadableFileError` (a limit or
    a broken file found while streaming) and can be consumed once.
    """

    header: list[Any]
    header_line: int
    rows: Iterator[tuple[int, list[Any]]]
    name: str | None = None
    """Which sheet of a workbook of several ("Blatt „Kriterien“"), for messages; None for a CSV or one sheet."""


def column_label(position: int) -> str:
    """The label of a column without a header name, as problems show it: 0 → "Nr. 1"."""
    return f"Nr. {position + 1}"


def is_blank_row(cells: list[Any]) -> bool:
    """True when no cell of the row holds a value."""
    return all(is_blank(cell) for cell in cells)


def _within_lines(rows: Iterable[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    """``rows`` unchanged; UnreadableFileError after ``MAX_LINES`` rows, empty ones included."""
    for count, (line, cells) in enumerate(rows, start=1):
        if count > MAX_LINES:
            raise UnreadableFileError(
                f"Die Datei hat mehr als {format_number(MAX_LINES)} Zeilen (leere mitgezählt); "
                "so viele hat kein Tabellenblatt. Bitte leere Zeilen löschen oder die Datei aufteilen.",
                line=line,
            )
        yield line, cells


def _counted(rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    """The non-empty rows of ``rows``; UnreadableFileError at the first row beyond ``MAX_ROWS``."""
    count = 0
    for line, cells in rows:
        if is_blank_row(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise UnreadableFileError(
                f"Die Datei hat mehr als {format_number(MAX_ROWS)} Datenzeilen; bitte in mehrere Dateien aufteilen.",
                line=line,
            )
        yield line, cells


def sheet_from_rows(rows: Iterable[tuple[int, list[Any]]], name: str | None = None) -> Sheet:
    """Find the header (the first non-empty row) and stream the rest, counted against the limits."""
    iterator = _within_lines(rows)
    for line, cells in iterator:
        if not is_blank_row(cells):
            return Sheet(header=cells, header_line=line, rows=_counted(iterator), name=name)
    raise UnreadableFileError(f"Das Tabellenblatt ist leer ({name})." if name else "Die Datei ist leer.")


def read_sheet(file_name: str, data: bytes, sheet_names: tuple[str, ...] = ()) -> Sheet:
    """Read a CSV or XLSX file, recognised by its content (the name may lie).

    Of an XLSX workbook, the worksheet named one of ``sheet_names`` is read, else the
    first worksheet (``xlsx_reader.read_xlsx``).

    Raises UnreadableFileError for a file that is too large, broken or of another kind;
    the returned sheet's rows may raise it too (see :class:`Sheet`).
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFileError(
            f"Die Datei ist {format_number(len(data) // 1_000_000)} MB groß; höchstens "
            f"{format_number(MAX_FILE_BYTES // 1_000_000)} MB sind erlaubt. Bitte in mehrere Dateien aufteilen."
        )
    if data.startswith(XLSX_MAGIC):
        from data_access.importing.xlsx_reader import read_xlsx  # only XLSX imports load lxml

        return read_xlsx(data, sheet_names)
    if data.startswith(OLE_MAGIC):
        raise UnreadableFileError(
            "Das alte Excel-Format .xls wird nicht unterstützt; bitte als .xlsx oder CSV speichern."
        )
    if file_name.lower().endswith(".xlsx"):
        raise UnreadableFileError("Die Datei heißt .xlsx, ist aber keine Excel-Datei.")
    from data_access.importing.csv_reader import read_csv

    return read_csv(data)
