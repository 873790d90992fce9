"""Reading CSV and XLSX files the way German offices write them.

CSV: ``;``, ``,`` or tab separated; UTF-8 with or without BOM, or Windows-1252 (German
Excel's "CSV (Trennzeichen-getrennt)"). XLSX: the first worksheet, typed cells kept
(numbers and dates stay numbers and dates). Line numbers are the row numbers the data
steward sees in Excel: the header is line 1. Completely empty rows are skipped, so
trailing blank lines and rows that only carry formatting do not count.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from data_access.importing.values import is_blank

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
DELIMITERS = (";", ",", "\t")


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read; the message is German."""


@dataclass(frozen=True)
class Sheet:
    """The cells of one file: header cells and data rows with their line numbers."""

    header: list[Any]
    header_line: int
    rows: list[tuple[int, list[Any]]]


def decode(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFileError(
            "Die Datei ist weder UTF-8 noch Windows-1252 kodiert; bitte als CSV (UTF-8) speichern."
        ) from None


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _sheet(raw_rows: list[tuple[int, list[Any]]]) -> Sheet:
    """Split rows into header and data, dropping empty rows."""
    filled = [(line, cells) for line, cells in raw_rows if not all(is_blank(cell) for cell in cells)]
    if not filled:
        raise UnreadableFileError("Die Datei ist leer.")
    header_line, header = filled[0]
    return Sheet(header=header, header_line=header_line, rows=filled[1:])


def read_csv(data: bytes) -> Sheet:
    """Read CSV bytes into a :class:`Sheet`."""
    if b"\x00" in data[:4096]:
        raise UnreadableFileError("Die Datei ist keine CSV- oder Excel-Datei (sie enthält Binärdaten).")
    content = decode(data)
    if not content.strip():
        raise UnreadableFileError("Die Datei ist leer.")
    first_line = next((line for line in content.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(first_line))
    try:
        # Each record is one spreadsheet row, even when a quoted cell spans lines.
        rows = [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise UnreadableFileError(f"Die CSV-Datei ist fehlerhaft aufgebaut ({error}).") from None
    return _sheet(rows)


def read_xlsx(data: bytes) -> Sheet:
    """Read the first worksheet of XLSX bytes into a :class:`Sheet` (typed cells kept)."""
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFileError(f"Die Excel-Datei kann nicht gelesen werden ({type(error).__name__}).") from None
    try:
        worksheet = workbook.worksheets[0]
        rows = [(number, list(cells)) for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    return _sheet(rows)


def read_sheet(file_name: str, data: bytes) -> Sheet:
    """Read a CSV or XLSX file, recognised by its content (the name may lie)."""
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        raise UnreadableFileError(
            "Das alte Excel-Format .xls wird nicht unterstützt; bitte als .xlsx oder CSV speichern."
        )
    if file_name.lower().endswith(".xlsx"):
        raise UnreadableFileError("Die Datei heißt .xlsx, ist aber keine Excel-Datei.")
    return read_csv(data)
