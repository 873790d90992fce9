"""Texts that look like formulas: text cells in XLSX (no apostrophe, never evaluated), an apostrophe in CSV.

Read back with openpyxl, as Excel would open the file: the cell type, the exact value
and the ``quotePrefix`` style flag (what Excel stores for a text typed as ``'=…``: the
cell shows no apostrophe and stays text when edited and confirmed again).
"""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import openpyxl.worksheet.worksheet
import pytest

from data_access.exporting import to_csv, to_xlsx

FORMULA_LIKE = ['=HYPERLINK("http://x";"klick")', "+49 431 901", "-5", "@SUMME(A1)", "=1+1", "\tTab vorne"]
PLAIN = ["Kiel", "Lübeck", "Gesundheit = Teilhabe", "5-Tage-Woche"]


def sheet_of(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_a_formula_like_text_is_a_text_cell_holding_exactly_the_text(text: str) -> None:
    sheet = sheet_of(to_xlsx(["Kommune", "Einwohner"], [[text, 1_000]]))
    cell = sheet["A2"]
    assert cell.data_type == "s"  # a text cell: Excel shows it, never evaluates it
    assert cell.value == text  # no apostrophe added to the value
    assert cell.quotePrefix  # marked as Excel marks '=…: no visible apostrophe, stays text on F2 + Enter
    assert (sheet["B2"].data_type, sheet["B2"].value) == ("n", 1_000)


def test_no_formula_is_written_at_all() -> None:
    data = to_xlsx(["=Kopf"], [[text] for text in FORMULA_LIKE], title="=Titel")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert "'=" not in strings
    assert "&apos;=" not in strings


def test_title_and_header_that_look_like_formulas_are_text_too_and_keep_their_style() -> None:
    sheet = sheet_of(to_xlsx(["=Kopf", "Name"], [["Kiel", "x"]], title="-Titel"))
    title, first, second = sheet["A1"], sheet["A2"], sheet["B2"]
    assert (title.value, title.data_type, title.quotePrefix, title.font.i) == ("-Titel", "s", True, True)
    assert (first.value, first.data_type, first.quotePrefix, first.font.b) == ("=Kopf", "s", True, True)
    assert (second.value, second.quotePrefix, second.font.b) == ("Name", False, True)


@pytest.mark.parametrize("text", PLAIN)
def test_an_ordinary_text_has_no_text_flag(text: str) -> None:
    cell = sheet_of(to_xlsx(["Kommune"], [[text]]))["A2"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, False)


def test_the_csv_keeps_the_apostrophe() -> None:
    """A CSV has no cell types: the apostrophe is what keeps Excel from running the text (the importer removes it)."""
    text = to_csv(["Kommune"], [[value] for value in FORMULA_LIKE + PLAIN]).decode("utf-8-sig")
    fields = [row[0] for row in csv.reader(io.StringIO(text), delimiter=";")][1:]
    assert fields == ["'" + value for value in FORMULA_LIKE] + PLAIN
