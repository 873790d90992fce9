"""The writers' cells: a missing value is truly empty; numbers are numbers and dates are dates in XLSX."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import openpyxl

from data_access.exporting import to_csv, to_xlsx

HEADER = ["Kommune", "Letzter Bericht", "Ende"]
ROWS: list[list[object]] = [
    ["Kiel", 2022, datetime.date(2025, 6, 12)],
    ["Herne", None, None],
    ["Lübeck", "", ""],
]


def cells(data: bytes) -> dict[str, object]:
    """Every cell the XLSX holds, by coordinate ("B3"); a cell that is not written is absent."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


def test_a_missing_value_writes_no_xlsx_cell_at_all() -> None:
    data = to_xlsx(HEADER, ROWS)
    written = cells(data)
    assert {"B3", "C3", "B4", "C4"}.isdisjoint(written)  # None and "" alike: no cell, not an empty text
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    for coordinate in ("B3", "C3", "B4", "C4"):
        assert f'r="{coordinate}"' not in sheet_xml
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert "<t></t>" not in strings
    assert "<t/>" not in strings


def test_numbers_are_numbers_and_dates_are_dates_in_xlsx() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(HEADER, ROWS, title="Gesamtes Netzwerk"))).active
    assert sheet["A1"].value == "Gesamtes Netzwerk"
    year, end = sheet["B3"], sheet["C3"]
    assert (year.data_type, year.value) == ("n", 2022)
    assert end.is_date
    assert end.value == datetime.datetime(2025, 6, 12)
    assert end.number_format == "dd.mm.yyyy"
    assert sheet["B4"].value is None
    assert sheet["C5"].value is None


def test_a_missing_value_is_an_empty_csv_field() -> None:
    text = to_csv(HEADER, ROWS).decode("utf-8-sig")
    assert text.splitlines() == ["Kommune;Letzter Bericht;Ende", "Kiel;2022;12.06.2025", "Herne;;", "Lübeck;;"]
    assert '""' not in text


def test_a_row_without_any_value_is_bare_separators_not_quotes() -> None:
    """The csv module writes a lone empty field as ``""``; an empty cell is nothing at all."""
    single = to_csv(["Austritt"], [[None], [""], [2019]]).decode("utf-8-sig")
    assert single == "Austritt\r\n\r\n\r\n2019\r\n"
    wide = to_csv(HEADER, [[None, None, None]]).decode("utf-8-sig")
    assert wide.splitlines()[1] == ";;"
    assert list(csv.reader(io.StringIO(wide), delimiter=";"))[1] == ["", "", ""]
