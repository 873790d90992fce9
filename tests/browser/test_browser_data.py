"""Browser tests of data stewardship and of what protects it.

The whole way from template to Protokoll, deleting after a second question; and against
a running server: a forged form post, an upload without the XSRF token, a websocket from
another site and a copied browser state all gain no write access. The server has its own
demo database and one editor account without a Kommune.
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from data_access.accounts import add_account
from data_access.engine import make_engine
from data_access.models import AuditEntry, LoginAttempt, UserAccount
from data_access.setup import prepare_database
from tests.served import (
    BROWSER_MARKS,
    EDITOR,
    EDITOR_PASSWORD,
    download,
    grid_cell,
    grid_cell_text,
    log_in,
    member_count,
    open_in_sidebar,
    serve,
    shoot,
    wait_until_idle,
)

pytestmark = BROWSER_MARKS
NEW_MEMBER = "Neustadt in Holstein"


@pytest.fixture(scope="module")
def served_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('stewardship') / 'demo.sqlite'}"
    engine = prepare_database(url)
    add_account(engine, EDITOR, EDITOR_PASSWORD, "editor", None, actor="test")
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(served_database: str) -> Iterator[str]:
    yield from serve(served_database)


def test_a_steward_fills_the_excel_template_and_finds_the_change_everywhere(server: str, page, tmp_path: Path) -> None:
    import openpyxl

    page.goto(server, timeout=60_000)
    before = member_count(page)
    log_in(page, server)  # Daten → Import opens on "Mitglieder"
    page.get_by_text("Vorlagen und Spalten").click()
    blank = download(page, "Leere Vorlage (Excel)")
    template = tmp_path / blank.suggested_filename
    blank.save_as(template)
    assert template.name == "GSN_Vorlage_mitglieder.xlsx"
    workbook = openpyxl.load_workbook(template)  # "filling it in Excel"
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    values = {"kommune": NEW_MEMBER, "art": "Stadt", "bundesland": "SH", "beitritt": 2025, "einwohner": 16_000}
    sheet.append([values.get(name) for name in header])
    workbook.save(template)
    uploader = page.get_by_label("Mitglieder: CSV- oder XLSX-Datei", exact=True)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(template))
    page.wait_for_selector("text=Neue Zeilen", timeout=30_000)
    page.get_by_role("button", name="Jetzt schreiben").click()
    page.wait_for_selector(f"text={template.name} geschrieben: 1 neu, 0 geändert.", timeout=30_000)
    open_in_sidebar(page, "Überblick", "Überblick")
    card = page.locator("[data-testid='stMetric']").filter(has_text="Mitglieder").first
    expect(card.locator("[data-testid='stMetricValue']")).to_have_text(
        f"{before + 1:,}".replace(",", "."), timeout=60_000
    )
    open_in_sidebar(page, "Protokoll", "Protokoll")
    grid_cell(page, NEW_MEMBER).wait_for(state="attached", timeout=30_000)  # the newest entry comes first
    shoot(page, "daten_protokoll")


def test_a_steward_deletes_a_row_after_a_second_question(server: str, page) -> None:
    log_in(page, server)
    open_in_sidebar(page, "Bearbeiten", "Bearbeiten")  # opens on "Selbsthilfe"
    page.get_by_test_id("stMainBlockContainer").get_by_label("Kommune").click()
    page.keyboard.type("Kiel")
    page.keyboard.press("Enter")
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=30_000)
    first_key = " / ".join(grid_cell_text(page, row=0, column=column) for column in (1, 2, 3))
    page.wait_for_timeout(1_000)
    box = table.bounding_box()
    page.mouse.click(box["x"] + 66, box["y"] + 35 + 17)  # the checkbox of "löschen" (first column), row 1
    shoot(page, "bearbeiten_markiert")
    page.get_by_role("button", name="Speichern").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("1 Zeile wird endgültig gelöscht").wait_for(timeout=30_000)
    shoot(page, "bearbeiten_loeschen")
    dialog.get_by_role("button", name="Endgültig löschen").click()
    page.wait_for_selector("text=1 Zeile gelöscht.", timeout=30_000)
    open_in_sidebar(page, "Protokoll", "Protokoll")
    grid_cell(page, first_key).wait_for(state="attached", timeout=30_000)
    assert "gelöscht" in grid_cell(page, first_key).locator("xpath=..").inner_text()


def audit_and_accounts(url: str) -> tuple:
    """Everything a forged request could have changed: the audit log and the accounts with their counters."""
    engine = make_engine(url)
    with engine.connect() as connection:
        audit = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        accounts = connection.execute(
            select(UserAccount.name, UserAccount.password_hash).order_by(UserAccount.name)
        ).all()
        accounts += connection.execute(select(LoginAttempt.name, LoginAttempt.failures)).all()
    engine.dispose()
    return audit, accounts


def test_a_forged_form_post_changes_nothing(server: str, served_database: str) -> None:
    before = audit_and_accounts(served_database)
    form = urllib.parse.urlencode({"name": EDITOR, "password": EDITOR_PASSWORD, "kommune": "Kiel"}).encode()
    for path in ("/daten", "/bearbeiten", "/"):
        request = urllib.request.Request(f"{server}{path}", data=form, method="POST")
        request.add_header("Origin", "http://angreifer.example")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 405, path  # the app has no form endpoint: writes only go through a session
    assert audit_and_accounts(served_database) == before


def test_an_upload_without_the_xsrf_token_is_refused(server: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{server}/_stcore/health", timeout=10).read()  # sets the XSRF cookie, as for the app
    token = next(cookie.value for cookie in jar if cookie.name == "_streamlit_xsrf")
    target = f"{server}/_stcore/upload_file/keine-sitzung/datei"

    def put(headers: dict[str, str]) -> int:
        request = urllib.request.Request(target, data=b"kommune;jahr\n", method="PUT", headers=headers)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as refused:
            return refused.code

    assert put({}) == 403  # cookie, but no token in the header: a cross-site request
    assert put({"X-Xsrftoken": "gefaelscht"}) == 403
    assert put({"X-Xsrftoken": token}) == 400  # with the token it gets past XSRF (and fails on the session)


def test_a_websocket_from_another_site_is_refused(server: str) -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    stream = server.replace("http://", "ws://") + "/_stcore/stream"
    with pytest.raises(InvalidStatus):
        connect(stream, origin="http://angreifer.example", subprotocols=["streamlit"], open_timeout=10)
    with connect(stream, origin=server, subprotocols=["streamlit"], open_timeout=10) as own:
        assert own.subprotocol == "streamlit"  # the same site connects


def test_a_login_travels_neither_in_cookies_nor_in_the_url(server: str, page, browser) -> None:
    log_in(page, server)
    state = page.context.storage_state()
    assert {cookie["name"] for cookie in state["cookies"]} <= {"_streamlit_xsrf"}
    # Someone who got hold of every cookie and stored value of the logged-in browser:
    copy = browser.new_context(storage_state=state, locale="de-DE")
    try:
        other = copy.new_page()
        other.goto(f"{server}/daten?gsn_account={EDITOR}&user={EDITOR}&rolle=admin", timeout=60_000)
        other.wait_for_selector("text=Daten ändern dürfen nur angemeldete", timeout=60_000)
        assert other.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0
        assert other.get_by_role("button", name="Abmelden").count() == 0
    finally:
        copy.close()
    # The logged-in page itself still works: the copy took nothing away.
    open_in_sidebar(page, "Protokoll", "Protokoll")


HOSTILE_UPLOADS = [
    # file name, content, what the German refusal names
    ("dimension.xlsx", "dimension", "In der Zelle XFD1048576 steht ein Wert"),
    ("riesig.csv", "kommune;art;titel;beginn;teilnehmende\nKiel;Fachtag;A;05.05.2024;1e300\n", "ohne Exponent"),
    ("gross.csv", "kommune;art;titel;beginn;teilnehmende\nKiel;Fachtag;A;05.05.2024;99999999999999999999\n", "100.000"),
    ("kaputt.xlsx", "broken", "beschädigt"),
]


@pytest.mark.parametrize(("name", "content", "expected"), HOSTILE_UPLOADS, ids=[case[0] for case in HOSTILE_UPLOADS])
def test_a_hostile_upload_gets_a_german_message_and_changes_nothing(
    server: str, served_database: str, page, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    from tests import hostile_files as hostile
    from tests.hostile_cases import BROKEN

    before = audit_and_accounts(served_database)[0]
    path = tmp_path / name
    if content == "dimension":  # one cell at the very end of the sheet, the dimension says all of it
        rows = [
            hostile.text_row(1, ["kommune", "art", "titel", "beginn"]),
            hostile.row(1_048_576, [hostile.text_cell("XFD1048576", "x")]),
        ]
        path.write_bytes(hostile.xlsx(hostile.simple_sheet(rows, dimension="A1:XFD1048576")))
    elif content == "broken":
        path.write_bytes(BROKEN["workbook-xml"])
    else:
        path.write_text(content, encoding="utf-8")
    log_in(page, server)
    page.get_by_role("radio", name="Veranstaltungen", exact=True).click()  # the kind of data (segmented control)
    wait_until_idle(page)
    uploader = page.get_by_label("Veranstaltungen: CSV- oder XLSX-Datei", exact=True)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.wait_for_selector("text=kann so nicht eingelesen werden", timeout=60_000)
    page.get_by_text(expected, exact=False).first.wait_for(state="attached", timeout=30_000)  # a grid cell
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("button", name="Jetzt schreiben").count() == 0
    assert audit_and_accounts(served_database)[0] == before
