"""Issue 17, the whole path of going live, in Chromium on a real server.

Empty database → "Erste Schritte" on the Überblick → login → upload the member template
filled with 5 real-looking rows → the Überblick shows 5 members without the "Beispieldaten"
badge → the Meldestand lists all 5 as missing self-help figures → the reminder list
download holds 5 rows. Screenshots of "Erste Schritte" and the Meldestand go to ``shots/``.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from data_access.accounts import add_account
from data_access.importing.plan import import_file
from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, EDITOR, EDITOR_PASSWORD, log_in, serve, shoot, wait_until_idle

pytestmark = BROWSER_MARKS
TODAY = datetime.date.today()

MEMBERS = (
    "kommune;art;bundesland;beitritt;austritt;einwohner;regionalnetzwerk;kontaktstelle\n"
    "Kiel;Stadt;SH;2018;;247000;;KIBIS Kiel\n"
    "Lübeck;Stadt;Schleswig-Holstein;2019;;216000;;\n"
    "Kreis Stormarn;Landkreis;SH;2020;;245000;;Selbsthilfe-Kontaktstelle Stormarn\n"
    "Hannover;Stadt;NI;2018;;545000;;KIBIS Hannover\n"
    "Landkreis Harburg;Landkreis;Niedersachsen;2021;;255000;;\n"
)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty database with one Geschäftsstelle account (editor without Kommune)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('first_start') / 'leer.sqlite'}"
    engine = prepare_database(url, demo_if_new=False)
    add_account(engine, EDITOR, EDITOR_PASSWORD, "editor", None, actor="test")
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[str]:
    """A dashboard on ``database_url``."""
    yield from serve(database_url)


def test_from_an_empty_database_to_the_first_reminder_list(server: str, page, tmp_path: Path) -> None:
    page.goto(server, timeout=60_000)
    page.get_by_text("Erste Schritte").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    shoot(page, "erste_schritte")
    assert page.get_by_text("Stand: noch keine Daten").count() == 1  # not "Stand: –"
    assert page.locator("[data-testid='stMetricValue']").count() == 0  # no empty KPIs and charts
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 0

    members = tmp_path / "mitglieder.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    log_in(page, server)
    page.locator("[data-testid='stButtonGroup']").get_by_text("Mitglieder", exact=True).click()
    uploader = page.get_by_label("Mitglieder: CSV- oder XLSX-Datei", exact=True)
    uploader.wait_for(timeout=30_000)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(members))
    page.wait_for_selector("text=Neue Zeilen", timeout=30_000)
    page.get_by_role("button", name="Jetzt schreiben").click()
    page.wait_for_selector("text=mitglieder.csv geschrieben: 5 neu, 0 geändert", timeout=30_000)

    page.goto(server, timeout=60_000)
    first = page.locator("[data-testid='stMetricValue']").first
    first.wait_for(timeout=60_000)
    wait_until_idle(page)
    assert first.inner_text() == "5"  # Mitglieder
    assert page.get_by_text("Beispieldaten").count() == 0
    assert page.get_by_text("Erste Schritte").count() == 0

    page.goto(f"{server}/meldestand", timeout=60_000)  # no years chosen: up to the last complete year
    page.get_by_text(f"Wer hat was gemeldet? {TODAY.year - 5}–{TODAY.year - 1}").wait_for(timeout=60_000)
    page.wait_for_selector("text=Erinnerungsliste für die Geschäftsstelle", timeout=60_000)
    wait_until_idle(page)
    shoot(page, "meldestand_erste_mitglieder")
    with page.expect_download(timeout=30_000) as started:
        page.locator(".st-key-reminders_csv button").click()
    rows = list(csv.reader(io.StringIO(started.value.path().read_text(encoding="utf-8-sig")), delimiter=";"))
    header, reminders = rows[0], rows[1:]
    assert len(reminders) == 5, rows
    names = {row[header.index("Kommune")] for row in reminders}
    assert names == {"Kiel", "Lübeck", "Kreis Stormarn", "Hannover", "Landkreis Harburg"}
    missing = header.index("Fehlt")
    assert all("Selbsthilfe" in row[missing] for row in reminders), reminders


EVENTS_WITH_A_HINT_AND_A_PROBLEM = (
    "kommune;art;titel;beginn;teilnehmende\n"
    f"Kiel;Fachtag;Fachtag Selbsthilfe Kiel;12.05.{TODAY.year};120\n"
    f"Kiel;Fachtag;fachtag selbsthilfe  kiel {TODAY.year};12.05.{TODAY.year};120\n"  # valid, but nearly line 2
    f"Hannover;Fachtag;Fachtag Hannover;31.04.{TODAY.year};80\n"  # no 31 April: a problem
)


def test_the_import_preview_lists_hints_with_and_without_problems(
    server: str, database_url: str, page, tmp_path: Path
) -> None:
    """The steward sees a hint next to the problems of a rejected file, and again before writing the fixed file."""
    engine = create_engine(database_url)
    import_file(engine, "mitglieder", "mitglieder.csv", MEMBERS.encode(), actor="test")  # as the path above left it
    engine.dispose()
    log_in(page, server)
    page.locator("[data-testid='stButtonGroup']").get_by_text("Veranstaltungen", exact=True).click()
    uploader = page.get_by_label("Veranstaltungen: CSV- oder XLSX-Datei", exact=True)
    uploader.wait_for(timeout=30_000)
    rejected = tmp_path / "veranstaltungen.csv"
    rejected.write_text(EVENTS_WITH_A_HINT_AND_A_PROBLEM, encoding="utf-8")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(rejected))
    page.wait_for_selector("text=1 Problem und 1 Hinweis", timeout=30_000)
    page.wait_for_selector("text=Außerdem in gültigen Zeilen: 1 Hinweis", timeout=30_000)
    wait_until_idle(page)
    shoot(page, "import_hinweis_und_problem")
    assert page.get_by_role("button", name="Jetzt schreiben").count() == 0

    fixed = tmp_path / "veranstaltungen_korrigiert.csv"
    fixed.write_text(EVENTS_WITH_A_HINT_AND_A_PROBLEM.replace("31.04.", "30.04."), encoding="utf-8")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(fixed))
    page.wait_for_selector("text=Neue Zeilen", timeout=30_000)
    wait_until_idle(page)
    shoot(page, "import_hinweis")
    hints = page.locator(".st-key-upload_hints")
    assert hints.count() == 1
    assert page.get_by_text("1 Hinweis auf ungewöhnliche, aber gültige Werte").count() == 1
    page.get_by_role("button", name="Jetzt schreiben").click()
    page.wait_for_selector(
        "text=veranstaltungen_korrigiert.csv geschrieben: 3 neu, 0 geändert, 1 Hinweis im Protokoll.", timeout=30_000
    )
