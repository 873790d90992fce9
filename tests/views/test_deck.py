"""The meeting deck as PDF and PPTX: page counts, texts, figures from the query layer, real renderers.

The PDF is read back with pypdf and every page rendered with pdftoppm (PNGs kept in the
git-ignored ``shots/deck/`` to look at); the PPTX is read back with python-pptx and
converted by LibreOffice. Chart images are checked for size and German number formats.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader
from sqlalchemy import Engine

import charts.events
from charts.figure import chart_spec
from data_access import queries
from data_access.engine import read_connection
from domain.filter import DashboardFilter
from reports import cli
from reports.deck import SLIDES, Deck, chosen_slides
from reports.deck_content import deck_from_database
from reports.deck_pdf import deck_pdf
from reports.deck_pptx import deck_pptx
from reports.images import chart_png, chart_svg

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "shots" / "deck"
TODAY = datetime.date(2026, 11, 25)
PARAMS = {"land": ["SH", "BY"], "von": ["2019"], "bis": ["2021"]}
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm fehlt (poppler-utils; .ci/run)")
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice fehlt (.ci/run)")


@pytest.fixture
def deck(small_network: Engine) -> tuple[DashboardFilter, Deck]:
    return deck_from_database(small_network, PARAMS, tuple(SLIDES), TODAY)


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_chosen_slides_keep_deck_order_and_default_to_all() -> None:
    assert chosen_slides(["netzwerke", "kennzahlen", "quatsch"]) == ("kennzahlen", "netzwerke")
    assert chosen_slides([]) == tuple(SLIDES)
    assert chosen_slides(None) == tuple(SLIDES)


@pytest.mark.usefixtures("backend")
def test_the_deck_says_what_the_query_layer_says(small_network: Engine, deck: tuple[DashboardFilter, Deck]) -> None:
    filter_, built = deck
    assert filter_ == DashboardFilter(states=("BY", "SH"), year_from=2019, year_to=2021)
    assert built.filter_sentence == "Bayern, Schleswig-Holstein · 2019–2021"
    assert [slide.key for slide in built.slides] == ["titel", *SLIDES, "quellen"]
    with read_connection(small_network) as connection:
        by_state = queries.members_by_state(connection, filter_, 2021)
        counts = queries.event_counts_by_year_and_type(connection, filter_)
    kpis = {kpi.label: kpi.value for kpi in built.slides[1].kpis}
    assert kpis["Mitglieder"] == str(int(by_state["members"].sum())) == "3"  # Kiel, Segeberg, München
    assert kpis["Veranstaltungen"] == str(int(counts["events"].sum())) == "4"
    assert built.slides[0].lines[0] == "Stand: 01.11.2026"


@pytest.mark.usefixtures("backend")
def test_the_pdf_has_a_page_per_slide_with_filter_stand_and_figures(deck: tuple[DashboardFilter, Deck]) -> None:
    _, built = deck
    content = deck_pdf(built, created=datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC))
    pages = pdf_pages(content)
    assert len(pages) == len(built.slides)
    for number, (text, slide) in enumerate(zip(pages, built.slides, strict=True), start=1):
        flat = " ".join(text.split())
        assert slide.title in flat
        assert "Bayern, Schleswig-Holstein · 2019–2021" in flat
        assert "Stand: 01.11.2026" in flat
        assert f"{number} / {len(pages)}" in flat
    key_figures = " ".join(pages[1].split())
    for kpi in built.slides[1].kpis:
        assert f"{kpi.label} {kpi.value}" in key_figures
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata.title == "Gesunde Städte-Netzwerk: Bayern, Schleswig-Holstein · 2019–2021"
    assert metadata.creation_date.date() == datetime.date(2026, 11, 25)


@needs_poppler
def test_pdftoppm_renders_every_page(small_network: Engine, tmp_path: Path) -> None:
    _, built = deck_from_database(small_network, PARAMS, tuple(SLIDES), TODAY)
    source = tmp_path / "deck.pdf"
    source.write_bytes(deck_pdf(built))
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("seite-*.png"):
        old.unlink()
    result = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(source), str(SHOTS / "seite")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    images = sorted(SHOTS.glob("seite-*.png"))
    assert len(images) == len(built.slides)
    for image in images:
        with Image.open(image) as page:
            assert page.size[0] > page.size[1]  # 16:9 landscape


def test_the_pptx_has_a_slide_per_slide_with_titles_and_kpi_texts(small_network: Engine) -> None:
    _, built = deck_from_database(small_network, PARAMS, tuple(SLIDES), TODAY)
    presentation = Presentation(io.BytesIO(deck_pptx(built)))
    assert (presentation.slide_width, presentation.slide_height) == (12192120, 6858000)  # 33.867 × 19.05 cm, 16:9
    assert len(presentation.slides) == len(built.slides)
    for number, (slide, content) in enumerate(zip(presentation.slides, built.slides, strict=True), start=1):
        shapes = {shape.name: shape for shape in slide.shapes}
        assert shapes["Titel"].text_frame.text == content.title
        assert shapes["Fußzeile"].text_frame.text == built.footer
        assert shapes["Seite"].text_frame.text == f"{number} / {len(built.slides)}"
    table = {shape.name: shape for shape in presentation.slides[1].shapes}["Kennzahlen"].table
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Kennzahl", "Wert", "Zeitraum", "Veränderung"]
    assert [row[:3] for row in rows[1:]] == [[kpi.label, kpi.value, kpi.period] for kpi in built.slides[1].kpis]
    charts_shown = [shape.name for slide in presentation.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(charts_shown) == sum(1 for slide in built.slides if slide.chart is not None)
    assert presentation.core_properties.title == "Gesunde Städte-Netzwerk: Bayern, Schleswig-Holstein · 2019–2021"


@needs_libreoffice
def test_libreoffice_opens_the_pptx(small_network: Engine, tmp_path: Path) -> None:
    _, built = deck_from_database(small_network, PARAMS, ("kennzahlen", "veranstaltungen"), TODAY)
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck_pptx(built))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "deck.pdf"
    assert converted.exists(), result.stdout + result.stderr
    assert len(PdfReader(converted).pages) == len(built.slides) == 4


def test_chart_images_have_twice_the_size_and_german_numbers() -> None:
    per_year = pd.DataFrame({"year": [2020, 2021, 2022], "participants": [12_500, 18_000, 9_000], "events": [3, 4, 2]})
    figure = chart_spec(charts.events.participants_per_year(per_year))
    svg = chart_svg(figure, width=600, height=300)
    labels = re.findall(r">([^<]{1,30})</text>", svg)
    # German: a dot groups thousands; the axis ends on the tick above the highest bar (18.000).
    assert {"10.000", "15.000", "20.000", "Jahr", "Teilnehmende"} <= set(labels)
    assert not [label for label in labels if "," in label]
    svg_width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    with Image.open(io.BytesIO(chart_png(figure, width=600, height=300))) as image:
        assert image.format == "PNG"
        assert image.size[0] == round(svg_width * 2)


def test_the_command_line_writes_the_same_deck(
    small_network: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("DATABASE_URL", small_network.url.render_as_string(hide_password=False))
    target = tmp_path / "sitzung.pdf"
    arguments = ["deck", "--format", "pdf", "-o", str(target), "--land", "SH", "--land", "BY"]
    assert cli.main([*arguments, "--von", "2019", "--bis", "2021", "--folien", "kennzahlen,netzwerke"]) == 0
    assert "sitzung.pdf geschrieben: 4 Folien" in capsys.readouterr().out
    _, expected = deck_from_database(small_network, PARAMS, ("kennzahlen", "netzwerke"), datetime.date.today())
    assert pdf_pages(target.read_bytes()) == pdf_pages(deck_pdf(expected))
    assert cli.main(["deck", "--folien", "kennzahlen,quatsch"]) == 2
    assert "Unbekannte Folie: quatsch" in capsys.readouterr().err
    # A link's words work as they are: the address carries the slides' titles.
    linked = tmp_path / "link.pdf"
    titles = ["deck", "-o", str(linked), "--land", "SH", "--land", "BY", "--von", "2019", "--bis", "2021"]
    assert cli.main([*titles, "--folien", "Kennzahlen,Regionalnetzwerke"]) == 0
    assert pdf_pages(linked.read_bytes()) == pdf_pages(deck_pdf(expected))
