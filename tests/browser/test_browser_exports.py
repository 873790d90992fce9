"""Browser test of the downloads: file names carry the selection; chart images carry title, filter and Stand.

A real server and Chromium: what a coordinator gets when clicking "Excel herunterladen"
or "Als Bild" → "Bild (PNG)" on ``/mitglieder?land=SH&von=2015&bis=2025``. The PNG lands
in ``shots/`` to be looked at.
"""

from __future__ import annotations

import datetime
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, SHOTS, download, serve, wait_until_idle

pytestmark = BROWSER_MARKS
SELECTION = "land=SH&von=2015&bis=2025"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def test_downloads_name_the_selection_and_chart_images_say_what_they_show(server: str, page, tmp_path: Path) -> None:
    import openpyxl

    page.goto(f"{server}/mitglieder?{SELECTION}", timeout=60_000)
    page.wait_for_selector("h1:has-text('Mitglieder')", timeout=60_000)
    context = page.locator("[data-testid='stCaptionContainer']").first.inner_text()
    assert context.startswith("Schleswig-Holstein · 2015–2025 · Stand: ")
    stand = context.rsplit("Stand: ", 1)[1]
    stem = f"GSN_Mitglieder_SH_2015-2025_{datetime.date.today().isoformat()}"

    excel = download(page, "Excel herunterladen")
    assert excel.suggested_filename == f"{stem}.xlsx"
    workbook = tmp_path / excel.suggested_filename
    excel.save_as(workbook)
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet["A1"].value == context
    assert sheet["A2"].value == "Kommune"
    assert download(page, "CSV herunterladen").suggested_filename == f"{stem}.csv"

    # The first chart, "Nach Art": its images sit in an "Als Bild" menu or in its "Daten zum Diagramm" panel.
    menu = page.get_by_role("button", name="Als Bild")
    if menu.count():
        menu.first.click()
    else:
        page.get_by_text("Daten zum Diagramm").first.click()
    wait_until_idle(page)
    image_stem = f"GSN_Mitglieder_nach_Art_SH_2015-2025_{datetime.date.today().isoformat()}"
    svg = download(page, "Bild (SVG)")
    assert svg.suggested_filename == f"{image_stem}.svg"
    svg_text = Path(svg.path()).read_text(encoding="utf-8")
    lines = [
        html.unescape(a or b) for a, b in re.findall(r"<tspan[^>]*>([^<]*)</tspan>|<text[^>]*>([^<]*)</text>", svg_text)
    ]
    assert "Mitglieder nach Art" in lines
    assert "Schleswig-Holstein · 2015–2025" in lines
    assert f"Stand: {stand}" in lines

    png = download(page, "Bild (PNG)")
    assert png.suggested_filename == f"{image_stem}.png"
    data = Path(png.path()).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.height > 2 * 3 * 12  # at least the three caption lines at twice the CSS size
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "export_bild_mitglieder_nach_art.png").write_bytes(data)
