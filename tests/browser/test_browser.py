"""Browser tests: a real ``streamlit run`` on a free loopback port, driven by Debian's Chromium.

The server fixture starts a fresh process for this module, so the first test's deep link
is the very first request the server answers (tests/served.py).
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import insert

from data_access.accounts import add_account
from data_access.engine import write_transaction
from data_access.models import Member
from data_access.setup import prepare_database
from tests.served import (
    BROWSER_MARKS,
    EDITOR,
    EDITOR_PASSWORD,
    SHOTS,
    caption_text,
    download,
    log_in,
    select_first_row,
    serve,
    shoot,
)

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard served by ``streamlit run`` on its own demo database (plus one hostile name)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.sqlite'}"
    engine = prepare_database(url)
    with write_transaction(engine) as connection:
        connection.execute(
            insert(Member).values(name=HOSTILE_NAME, member_type="Stadt", state_code="SH", join_year=2020)
        )
    add_account(engine, EDITOR, EDITOR_PASSWORD, "editor", None, actor="test")
    engine.dispose()
    yield from serve(url)


def test_deep_link_as_first_request_shows_the_filtered_view_with_sidebar(server: str, page) -> None:
    page.goto(f"{server}/mitglieder?land=SH&von=2010&bis=2025", timeout=60_000)
    page.wait_for_selector("h1:has-text('Mitglieder')", timeout=60_000)
    page.wait_for_selector("text=Schleswig-Holstein · 2010–2025", timeout=30_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    # Wait for each part (is_visible does not wait, and the sidebar may still be drawing).
    sidebar.get_by_text("Filter zurücksetzen").wait_for(timeout=30_000)
    picker = sidebar.locator("[data-testid='stMultiSelect']").first
    picker.get_by_text("Schleswig-Holstein", exact=True).wait_for(timeout=30_000)
    assert sidebar.is_visible()
    assert "land=Schleswig-Holstein" in page.url  # an old link with a code now carries the name
    shoot(page, "mitglieder")


def test_overview_renders_and_changing_a_filter_changes_the_url(server: str, page) -> None:
    page.goto(server, timeout=60_000)
    page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
    page.wait_for_selector("[data-testid='stMetric'] >> nth=7", timeout=30_000)
    assert page.locator("[data-testid='stMetric']").count() == 8
    assert page.get_by_text("Beispieldaten").first.is_visible()
    shoot(page, "ueberblick")
    types = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(1)
    types.click()
    page.keyboard.type("Stadt")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"art=Stadt"), timeout=30_000)
    page.wait_for_selector("text=Gesamtes Netzwerk", state="detached", timeout=30_000)
    assert caption_text(page).startswith("Städte")
    page.reload()
    page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stCaptionContainer']\")?.innerText.startsWith('Städte')",
        timeout=30_000,
    )
    assert "art=Stadt" in page.url


def test_clicking_a_land_on_the_map_filters_by_it(server: str, page) -> None:
    page.goto(server, timeout=60_000)
    page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
    # The Länder tiles: the chart in the first (open) tab of the map, once it is drawn.
    tiles = page.get_by_role("tabpanel").first.locator("[data-testid='stVegaLiteChart']")
    tiles.wait_for(timeout=30_000)
    tiles.scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    box = tiles.bounding_box()
    # Nordrhein-Westfalen is column 0, row 2 of a 5 × 5 grid below the chart title.
    title_height = 24
    tile = (box["height"] - title_height) / 5
    page.mouse.click(box["x"] + tile * 0.5 + 4, box["y"] + title_height + tile * 2.5)
    page.wait_for_url(re.compile(r"land=Nordrhein-Westfalen"), timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stCaptionContainer']\")?.innerText"
        ".startsWith('Nordrhein-Westfalen')",
        timeout=30_000,
    )
    shoot(page, "ueberblick_nw")


def test_hostile_member_name_is_plain_text(server: str, page) -> None:
    page.goto(f"{server}/mitglieder?kommune={urllib.parse.quote(HOSTILE_NAME)}", timeout=60_000)
    page.wait_for_selector("h1:has-text('Mitglieder')", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stCaptionContainer']\")?.innerText.startsWith('<img')",
        timeout=30_000,
    )
    assert caption_text(page).startswith(HOSTILE_NAME)
    assert page.locator("img[src='x']").count() == 0


def test_selecting_a_member_row_opens_its_steckbrief(server: str, page) -> None:
    select_first_row(page, f"{server}/mitglieder?land=SH", "Mitglieder")
    button = page.get_by_role("button", name="Steckbrief öffnen")
    button.wait_for(timeout=30_000)
    shoot(page, "mitglieder_profil")
    button.click()
    page.wait_for_url(re.compile(r"/steckbrief\?.*kommune="), timeout=30_000)
    assert "land=Schleswig-Holstein" in page.url
    page.wait_for_selector("h1:has-text('Kommunen-Steckbrief')", timeout=30_000)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("veranstaltungen", "Veranstaltungen"),
        ("selbsthilfe", "Selbsthilfe"),
        ("mindeststandards", "Mindeststandards"),
        ("netzwerke", "Netzwerke & Gremien"),
        ("steckbrief?kommune=Herne", "Kommunen-Steckbrief"),
    ],
)
def test_every_analysis_screen_renders(server: str, page, path: str, title: str) -> None:
    page.goto(f"{server}/{path}", timeout=60_000)
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
    page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30_000)
    assert page.locator("[data-testid='stAlertContentInfo']").first.inner_text().strip()  # the opening sentences
    shoot(page, path.split("?")[0])


def test_clicking_an_event_bar_filters_by_its_type(server: str, page) -> None:
    page.goto(f"{server}/veranstaltungen?von=2020", timeout=60_000)
    page.wait_for_selector("h1:has-text('Veranstaltungen')", timeout=60_000)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    box = chart.bounding_box()
    # The bars stand on the axis; try a few spots low in the plot until one hits a bar.
    for x_share in (0.62, 0.55, 0.48, 0.4, 0.3, 0.2):
        page.mouse.click(box["x"] + box["width"] * x_share, box["y"] + box["height"] * 0.62)
        try:
            page.wait_for_url(re.compile(r"veranstaltung="), timeout=4_000)
            break
        except Exception:
            continue
    chosen = urllib.parse.unquote(re.search(r"veranstaltung=([^&]+)", page.url).group(1)).replace("+", " ")
    assert "von=2020" in page.url
    # The rest of the page follows the filter: the sentence names only that type now.
    page.wait_for_selector(f"text=war {chosen} die häufigste Art", timeout=30_000)
    assert chosen in caption_text(page)
    shoot(page, "veranstaltungen_gefiltert")


def test_steckbrief_prints_on_one_page(server: str, page) -> None:
    page.goto(f"{server}/steckbrief?kommune=Region%20Hannover", timeout=60_000)
    page.wait_for_selector("h2:has-text('Region Hannover')", timeout=60_000)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] >> nth=2", timeout=30_000)
    page.wait_for_timeout(1_500)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "steckbrief_druck.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1, f"the printed Steckbrief has {len(pages)} pages"


def test_selecting_a_row_of_the_standards_matrix_opens_the_steckbrief(server: str, page) -> None:
    select_first_row(page, f"{server}/mindeststandards?land=NW", "Mindeststandards")
    page.wait_for_url(re.compile(r"/steckbrief\?.*kommune="), timeout=30_000)
    page.wait_for_selector("h1:has-text('Kommunen-Steckbrief')", timeout=30_000)
    assert "land=Nordrhein-Westfalen" in page.url


def test_an_editor_logs_in_uploads_checks_the_preview_and_writes(server: str, page, tmp_path: Path) -> None:
    upload = tmp_path / "selbsthilfe.csv"
    upload.write_text("kommune;jahr;themenbereich;gruppen;neue_gruppen\nKiel;2026;Sucht;40;3\n", encoding="utf-8")
    log_in(page, server)
    page.locator("[data-testid='stButtonGroup']").get_by_text("Selbsthilfe", exact=True).click()
    uploader = page.get_by_label("Selbsthilfe: CSV- oder XLSX-Datei", exact=True)
    uploader.wait_for(timeout=30_000)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    page.wait_for_selector("text=Neue Zeilen", timeout=30_000)
    shoot(page, "daten_vorschau")
    page.get_by_role("button", name="Jetzt schreiben").click()
    page.wait_for_selector("text=selbsthilfe.csv geschrieben: 1 neu, 0 geändert.", timeout=30_000)
    # Caches were cleared: the Selbsthilfe page now reports 2026, the year just written.
    page.goto(f"{server}/selbsthilfe?kommune=Kiel", timeout=60_000)
    page.wait_for_selector("text=2026 meldeten die Mitglieder 40 Selbsthilfegruppen", timeout=30_000)


def slide_footer(page) -> str:
    return page.locator(".st-key-slide_stage [data-testid='stCaptionContainer']").last.inner_text()


def press_arrow(page, key: str) -> None:
    """Press ← or → once the slide's buttons are on the page: their shortcuts exist only from then on.

    The footer is drawn before the buttons; on a warm server a key pressed the moment the
    footer appears reached a page without the shortcut and was lost.
    """
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("button", name="Zurück" if key == "ArrowLeft" else "Weiter").wait_for(state="visible")
    page.keyboard.press(key)


def test_the_presentation_opens_on_the_linked_slide_and_follows_the_arrow_keys(server: str, page) -> None:
    page.goto(f"{server}/praesentation?folie=3", timeout=60_000)
    page.wait_for_selector("text=Folie 3 / 10", timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Mitgliederentwicklung"
    # The sidebar starts collapsed: the slide begins near the left edge, not after the filters.
    # (Waited for: on a warm server the slide is there while the sidebar is still sliding shut.)
    page.wait_for_function(
        "document.querySelector(\"[data-testid='stMainBlockContainer']\").getBoundingClientRect().x < 150",
        timeout=10_000,
    )
    press_arrow(page, "ArrowRight")
    page.wait_for_url(re.compile(r"folie=4"), timeout=30_000)
    page.wait_for_selector("text=Folie 4 / 10", timeout=30_000)
    assert page.locator("h1").first.inner_text() == "Veranstaltungen"
    press_arrow(page, "ArrowLeft")
    page.wait_for_url(re.compile(r"folie=3"), timeout=30_000)
    # Every slide, photographed: back to the first, then forward through the deck.
    page.goto(f"{server}/praesentation?folie=1", timeout=60_000)
    for number in range(1, 11):
        page.wait_for_selector(f"text=Folie {number} / 10", timeout=30_000)
        assert "Stand:" in slide_footer(page)
        shoot(page, f"praesentation_{number:02d}")
        press_arrow(page, "ArrowRight")
    page.wait_for_timeout(1_000)  # the press on the last slide reran the page: it must stay there
    assert "folie=10" in page.url
    assert "Folie 10 / 10" in slide_footer(page)
    # The same deck as a file, built by the running server. On a fresh load, so no rerun in
    # flight replaces the button's deferred file while it is being clicked.
    page.goto(f"{server}/praesentation?folie=10", timeout=60_000)
    page.wait_for_selector("text=Folie 10 / 10", timeout=30_000)
    page.get_by_text("Folien auswählen und herunterladen").click()
    deck = download(page, "Als PDF")
    assert re.fullmatch(r"GSN_Praesentation_\d{4}-\d{2}-\d{2}\.pdf", deck.suggested_filename)
    pdf = PdfReader(deck.path())
    assert len(pdf.pages) == 10
    assert "Gesamtes Netzwerk" in pdf.pages[0].extract_text()
