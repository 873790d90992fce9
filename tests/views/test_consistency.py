"""One definition per figure, checked through the real renderers.

For a set of filters, every figure that appears on more than one surface is equal
everywhere it appears: the Überblick's cards, the Präsentation's Kennzahlen slide on
screen, the PDF's text and the PPTX's table (both read back), and the tables behind
the Veranstaltungen and Selbsthilfe charts (as their CSV download carries them).
"""

from __future__ import annotations

import datetime
import io
import re

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.engine import make_engine
from data_access.exporting import to_csv
from domain.formatting import format_number
from reports.deck_content import deck_from_database
from reports.deck_pdf import deck_pdf
from reports.deck_pptx import deck_pptx
from tests.conftest import open_lazy_parts, page_app, run_query
from ui.downloads import table_cells

pytestmark = pytest.mark.usefixtures("fresh_caches")
FIRST_NETWORK = "<erstes Netzwerk>"
FILTERS: dict[str, dict[str, str]] = {
    "ohne Filter": {},
    "ein Land": {"land": "SH"},
    "Jahresbereich": {"von": "2015", "bis": "2025"},
    "Art und Netzwerk": {"art": "Stadt", "netzwerk": FIRST_NETWORK},
    "eine Kommune": {"kommune": "Kiel"},
    "leere Auswahl": {"land": "SH", "art": "Bezirk"},
}


def url_params(demo_url: str, name: str) -> dict[str, str]:
    params = dict(FILTERS[name])
    if params.get("netzwerk") == FIRST_NETWORK:
        params["netzwerk"] = run_query(demo_url, queries.filter_options).networks[0]
    return params


def cards(app: AppTest) -> list[tuple[str, str, str | None, str]]:
    """The KPI cards of a page: label, value, change and the card's own period as shown."""
    found = []
    for column in app.main.columns:
        if len(column.metric) != 1:
            continue
        metric = column.metric[0]
        captions = [caption.value for caption in column.caption]
        found.append((metric.label, metric.value, metric.delta or None, captions[0] if captions else ""))
    return found


def download_frame(app: AppTest, panel: str) -> pd.DataFrame:
    """The table behind a chart as its CSV download carries it (the panel opened, the file read back)."""
    open_lazy_parts(app, (panel,))
    key = f"{panel.removesuffix('_panel')}"
    shown = next(frame.value for frame in app.main.dataframe if frame.key is None or key in str(frame.key))
    header = [str(column) for column in shown.columns]
    return pd.read_csv(io.BytesIO(to_csv(header, table_cells(shown))), sep=";", encoding="utf-8-sig", decimal=",")


@pytest.mark.parametrize("name", FILTERS)
def test_key_figures_are_the_same_on_the_page_the_slide_the_pdf_and_the_pptx(demo_url: str, name: str) -> None:
    params = url_params(demo_url, name)
    overview = page_app("ueberblick", **params)
    on_page = cards(overview)
    slide = page_app("praesentation", folie="2", folien="Kennzahlen", **params)
    assert not slide.exception, slide.exception
    assert cards(slide) == on_page
    _, deck = deck_from_database(
        make_engine(demo_url, create=False),
        {key: [value] for key, value in params.items()},
        ("kennzahlen",),
        datetime.date.today(),
    )
    if name == "leere Auswahl":
        assert on_page == []
        assert deck.slides[1].kpis == ()
        return
    assert len(on_page) == 8
    pdf_text = " ".join(PdfReader(io.BytesIO(deck_pdf(deck))).pages[1].extract_text().split())
    for label, value, change, period in on_page:
        assert f"{label} {value}" in pdf_text
        assert period
        assert " ".join(period.split()) in pdf_text
        if change:
            assert " ".join(change.split()) in pdf_text
    pptx = Presentation(io.BytesIO(deck_pptx(deck)))
    table = {shape.name: shape for shape in pptx.slides[1].shapes}["Kennzahlen"].table
    rows = [tuple(cell.text for cell in row.cells) for row in list(table.rows)[1:]]
    assert rows == [(label, value, period, change or "") for label, value, change, period in on_page]


@pytest.mark.parametrize("name", FILTERS)
def test_the_events_card_is_the_events_page_total_for_the_same_period(demo_url: str, name: str) -> None:
    params = url_params(demo_url, name)
    overview = page_app("ueberblick", **params)
    shown = {label: value for label, value, _, _ in cards(overview)}
    events = page_app("veranstaltungen", **params)
    assert not events.exception, events.exception
    if name == "leere Auswahl":
        assert shown == {}
        return
    options = run_query(demo_url, queries.filter_options)
    first = int(params.get("von", options.last_year))
    last = int(params.get("bis", options.last_year))
    if events.main.info and "keine Veranstaltungen" in events.main.info[0].value:
        assert shown["Veranstaltungen"] == "0"
        return
    table = download_frame(events, "events_by_year_panel")
    in_period = table[(table["Jahr"] >= first) & (table["Jahr"] <= last)]
    assert shown["Veranstaltungen"] == format_number(int(in_period["Veranstaltungen"].sum()))
    assert shown["Teilnehmende"] == format_number(int(in_period["Teilnehmende"].sum()))


@pytest.mark.parametrize("name", FILTERS)
def test_the_self_help_card_is_the_self_help_page_total_of_its_year(demo_url: str, name: str) -> None:
    params = url_params(demo_url, name)
    overview = page_app("ueberblick", **params)
    if name == "leere Auswahl":
        assert cards(overview) == []
        return
    card = next(card for card in cards(overview) if card[0] == "Selbsthilfegruppen")
    said = re.match(r"neuestes gemeldetes Jahr (\d{4})", card[3])
    help_year = int(said.group(1)) if said else None
    self_help = page_app("selbsthilfe", **params)
    assert not self_help.exception, self_help.exception
    if help_year is None:
        assert card[1] == "–"
        return
    totals = download_frame(self_help, "groups_by_year_panel")
    row = totals[totals["Jahr"] == help_year]
    assert card[1] == format_number(int(row["Gruppen"].iloc[0]))
