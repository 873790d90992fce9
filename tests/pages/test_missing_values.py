"""Missing values (issue 15, point 8): "–" on screen and on slides, empty cells in the files.

Streamlit draws a missing cell as the word "None" unless ``st.dataframe`` gets a
``placeholder``; the tables' files leave such a cell empty (no empty text), and their
numbers and dates stay typed cells in the XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from data_access.engine import make_engine, read_connection
from data_access.exporting import to_csv, to_xlsx
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter
from domain.headers import german_headers
from reports.deck import SLIDES, Deck, KpiText, Slide
from reports.deck_content import deck_from_database
from reports.deck_pdf import deck_pdf
from reports.deck_pptx import deck_pptx
from tests.conftest import open_lazy_parts, page_app
from ui.downloads import table_cells
from views import events, standards
from views.scope import Scope

pytestmark = pytest.mark.usefixtures("fresh_caches")
DASH = "–"
MISSING_WORDS = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b|<NA>")
PAGES_WITH_TABLES = [
    ("mitglieder", {}),
    ("steckbrief", {"kommune": "Herne"}),  # never reported
    ("steckbrief", {"kommune": "Rosenheim"}),  # left the network
    ("veranstaltungen", {}),
    ("veranstaltungen", {"land": "HB", "von": "2020"}),
    ("selbsthilfe", {}),
    ("mindeststandards", {}),
    ("netzwerke", {}),
]


def view_of(url: str, build, filter_: DashboardFilter | None = None):
    """A view model of the demo data, built as the page builds it (``build(scope, query)``)."""
    engine = make_engine(url, create=False)
    try:
        with read_connection(engine) as connection:
            query = BoundQueries(connection)
            scope = Scope.build(
                filter_ or DashboardFilter(), query.filter_options(), query.dataset_facts(), datetime.date.today()
            )
            return build(scope, query)
    finally:
        engine.dispose()


def xlsx_columns(frame: pd.DataFrame) -> dict[str, list[object]]:
    """The XLSX download of ``frame`` read back: German header → the cells' values (None: no cell)."""
    header = [str(column) for column in german_headers(frame).columns]
    data = to_xlsx(header, table_cells(frame), "Tabelle", title="Gesamtes Netzwerk")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    return {name: [row[position] for row in rows] for position, name in enumerate(header)}


def csv_fields(frame: pd.DataFrame) -> tuple[str, list[list[str]]]:
    """The CSV download of ``frame``: its text and its rows as fields."""
    header = [str(column) for column in german_headers(frame).columns]
    text = to_csv(header, table_cells(frame)).decode("utf-8-sig")
    return text, list(csv.reader(io.StringIO(text), delimiter=";"))[1:]


@pytest.mark.parametrize(("name", "params"), PAGES_WITH_TABLES, ids=lambda value: str(value))
def test_every_table_shows_a_dash_for_a_missing_value(demo_url: str, name: str, params: dict[str, str]) -> None:
    app = page_app(name, **params)
    open_lazy_parts(app)  # the tables behind the charts too
    tables = list(app.main.dataframe)
    assert tables, name
    for table in tables:
        assert table.proto.placeholder == DASH, (name, list(table.value.columns))


def test_the_event_table_keeps_gaps_missing_and_shows_them_as_a_dash(demo_url: str) -> None:
    app = page_app("veranstaltungen")
    table = next(frame for frame in app.main.dataframe if {"Titel", "Land"} <= set(frame.value.columns))
    shown = table.value
    for column in ("Ende", "Angebote", "Partner", "Land"):
        assert shown[column].isna().any(), column  # the demo data has gaps there …
    assert not (shown == "").any().any()  # … and they are missing, not empty texts
    assert table.proto.placeholder == DASH


def test_the_report_table_has_its_last_report_as_a_number_like_the_due_year(demo_url: str) -> None:
    reports = view_of(demo_url, standards.build).reports
    assert pd.api.types.is_integer_dtype(reports["last_report_year"])
    assert pd.api.types.is_integer_dtype(reports["due_year"])
    assert reports["last_report_year"].isna().any()  # members that never reported
    app = page_app("mindeststandards")
    shown = next(frame.value for frame in app.main.dataframe if "Letzter Bericht" in frame.value.columns)
    assert pd.api.types.is_numeric_dtype(shown["Letzter Bericht"])


def test_the_report_download_has_numbers_and_empty_cells(demo_url: str) -> None:
    reports = view_of(demo_url, standards.build).reports
    cells = xlsx_columns(reports)
    for column in ("Letzter Bericht", "Fällig", "Beitritt"):
        assert {type(value) for value in cells[column]} <= {int, type(None)}, column
    assert None in cells["Letzter Bericht"]
    assert any(isinstance(value, int) for value in cells["Letzter Bericht"])
    text, rows = csv_fields(reports)
    position = list(german_headers(reports).columns).index("Letzter Bericht")
    assert "" in {row[position] for row in rows}
    assert not re.search(r'(^|;)""(;|\r?$)', text, flags=re.MULTILINE)


def test_the_event_download_has_dates_numbers_and_empty_cells(demo_url: str) -> None:
    table = view_of(demo_url, events.build_lists).event_table
    cells = xlsx_columns(table)
    for column in ("Beginn", "Ende"):
        assert {type(value) for value in cells[column]} <= {datetime.datetime, type(None)}, column
    for column in ("Teilnehmende", "Angebote", "Partner"):
        assert {type(value) for value in cells[column]} <= {int, type(None)}, column
    for column in ("Ende", "Angebote", "Partner", "Land"):
        assert None in cells[column], column
    assert "" not in {value for values in cells.values() for value in values}  # no empty texts, no cell at all
    text, _ = csv_fields(table)
    assert not re.search(r'(^|;)""(;|\r?$)', text, flags=re.MULTILINE)
    assert not MISSING_WORDS.search(text)


def deck_texts(deck: Deck) -> tuple[str, str]:
    """The text of the deck's PDF and of its PPTX (text boxes and table cells)."""
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(deck_pdf(deck))).pages)
    presentation = Presentation(io.BytesIO(deck_pptx(deck)))
    parts: list[str] = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return pdf, " ".join(parts)


@pytest.mark.parametrize("params", [{}, {"land": "HB"}, {"land": "SH", "art": "Bezirk"}], ids=str)
def test_no_slide_of_the_pdf_or_pptx_says_none_or_nan(demo_url: str, params: dict[str, str]) -> None:
    _, deck = deck_from_database(
        make_engine(demo_url, create=False),
        {key: [value] for key, value in params.items()},
        tuple(SLIDES),
        datetime.date.today(),
    )
    for text in deck_texts(deck):
        assert not MISSING_WORDS.search(text), MISSING_WORDS.findall(text)


def test_a_missing_kpi_reads_a_dash_in_the_pdf_and_the_pptx() -> None:
    kpis = (KpiText("Gruppen je 100.000 EW", "nan", "+nan ggü. 2024"), KpiText("Mitglieder", "", None))
    deck = Deck(
        "Test",
        "Gesamtes Netzwerk",
        "30.11.2026",
        "2026-11-30",
        False,
        (Slide("kennzahlen", "Kennzahlen", "Ein Satz.", kpis=kpis),),
    )
    pdf, pptx = deck_texts(deck)
    for text in (pdf, pptx):
        assert not MISSING_WORDS.search(text), text
        assert "Gruppen je 100.000 EW –" in " ".join(text.split())
        assert "Mitglieder –" in " ".join(text.split())
    table = next(shape for shape in Presentation(io.BytesIO(deck_pptx(deck))).slides[0].shapes if shape.has_table)
    values = [row.cells[1].text for row in list(table.table.rows)[1:]]
    assert values == [DASH, DASH]
