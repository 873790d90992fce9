"""Who reaches Daten → Import: viewers get a German message and the login, editors the upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access.accounts import Account, add_account, authenticate, find_account, remove_account, set_password
from data_access.engine import make_engine
from data_access.exporting import to_csv
from data_access.importing.editing import load_rows
from data_access.importing.preview import fingerprint, preview, write_previewed
from data_access.importing.templates import TEMPLATES
from ui.auth import ACCOUNT_KEY

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "richtig-langes-passwort"
pytestmark = pytest.mark.usefixtures("fresh_caches")


def signed_in(url: str, name: str, member: str | None = None, role: str = "editor") -> Account:
    """The account ``name`` as a real login returns it (created first if needed)."""
    engine = make_engine(url)
    if find_account(engine, name) is None:
        add_account(engine, name, PASSWORD, role, member, actor="test")
    account = authenticate(engine, name, PASSWORD)
    engine.dispose()
    return account


def data_page(account: Account | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    if account is not None:
        app.session_state[ACCOUNT_KEY] = account
    app.run()
    app.switch_page("app_pages/daten.py").run()
    assert not app.exception, app.exception
    return app


def test_a_viewer_finds_the_login_in_the_sidebar_and_an_editor_does_not(demo_url: str) -> None:
    viewer = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    [link] = [element.proto for element in viewer.sidebar.get("page_link")]
    assert (link.label, link.page) == ("Anmelden (Datenpflege)", "daten")
    editor = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    editor.session_state[ACCOUNT_KEY] = signed_in(demo_url, "geschaeftsstelle")
    editor.run()
    assert not editor.sidebar.get("page_link")


def test_a_viewer_gets_a_german_message_and_the_login_not_the_upload(demo_url: str) -> None:
    app = data_page()
    assert app.title[0].value == "Daten: Import"
    assert "Daten ändern dürfen nur angemeldete" in app.warning[0].value
    assert not app.get("file_uploader")
    assert [field.label for field in app.text_input] == ["Name", "Passwort"]


def test_logging_in_with_an_account_opens_the_upload(demo_url: str) -> None:
    signed_in(demo_url, "kiel-pflege", "Kiel")
    app = data_page()
    app.text_input[0].input("kiel-pflege")
    app.text_input[1].input("falsch-falsch")
    app.button(key="FormSubmitter:login-Anmelden").click().run()
    assert "Name oder Passwort stimmt nicht." in app.error[0].value
    assert not app.get("file_uploader")
    app.text_input[0].input("kiel-pflege")
    app.text_input[1].input(PASSWORD)
    app.button(key="FormSubmitter:login-Anmelden").click().run()
    assert not app.exception
    assert app.session_state[ACCOUNT_KEY] == Account("kiel-pflege", "editor", "Kiel")
    assert app.get("file_uploader")
    assert any("Kommune Kiel" in caption.value for caption in app.caption)


def test_an_editor_sees_the_upload_and_the_templates(demo_url: str) -> None:
    app = data_page(signed_in(demo_url, "geschaeftsstelle"))
    assert app.get("file_uploader")
    assert any("Angemeldet" in caption.value for caption in app.sidebar.caption)
    columns = app.dataframe[0].value
    assert columns["Spalte"].tolist()[:3] == ["kommune", "art", "bundesland"]


def test_the_audit_log_shows_every_write_with_old_and_new_values(demo_url: str) -> None:
    viewer = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    viewer.switch_page("app_pages/protokoll.py").run()
    assert "Das Änderungsprotokoll sehen nur angemeldete" in viewer.warning[0].value
    assert not viewer.dataframe
    engine = make_engine(demo_url)
    office = signed_in(demo_url, "geschaeftsstelle")
    content = b"kommune;jahr;themenbereich;gruppen\nKiel;2026;Sucht;40\n"
    plan = preview(engine, "selbsthilfe", "kiel.csv", content, office)
    write_previewed(engine, "selbsthilfe", "kiel.csv", content, office, fingerprint(plan))
    changed = b"kommune;jahr;themenbereich;gruppen\nKiel;2026;Sucht;42\n"
    plan = preview(engine, "selbsthilfe", "kiel.csv", changed, office)
    write_previewed(engine, "selbsthilfe", "kiel.csv", changed, office, fingerprint(plan))
    engine.dispose()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.session_state[ACCOUNT_KEY] = office
    app.run()
    app.switch_page("app_pages/protokoll.py").run()
    assert not app.exception
    log = app.dataframe[0].value
    newest = log.iloc[0]
    assert (newest["Wer"], newest["Aktion"], newest["Bereich"]) == ("geschaeftsstelle", "geändert", "Selbsthilfe")
    assert newest["Schlüssel"] == "Kiel / 2026 / Sucht"
    assert newest["Änderung"] == "gruppen: 40 → 42"
    assert log.iloc[1]["Aktion"] == "neu"
    app.selectbox(key="audit_actor").set_value("geschaeftsstelle").run()
    assert set(app.dataframe[0].value["Wer"]) == {"geschaeftsstelle"}
    assert len(app.dataframe[0].value) == 2


def test_editing_needs_a_login_and_shows_a_stewards_rows(demo_url: str) -> None:
    viewer = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    viewer.switch_page("app_pages/bearbeiten.py").run()
    assert "Daten bearbeiten dürfen nur angemeldete" in viewer.warning[0].value
    assert not viewer.dataframe
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.session_state[ACCOUNT_KEY] = signed_in(demo_url, "kiel-pflege", "Kiel")
    app.run()
    app.switch_page("app_pages/bearbeiten.py").run()
    assert not app.exception
    rows = app.dataframe[0].value  # st.data_editor is a dataframe element in AppTest
    assert set(rows["kommune"]) == {"Kiel"}
    assert list(rows.columns) == ["löschen", "kommune", "jahr", "themenbereich", "gruppen", "neue_gruppen"]
    assert not rows["löschen"].any()
    # The criteria belong to the whole network: a Kiel steward sees them but cannot change them.
    app.segmented_control(key="edit_kind").set_value("kriterien").run()
    assert "ändern kann sie die Geschäftsstelle" in app.info[0].value
    criteria = app.dataframe[0].value
    assert list(criteria.columns) == ["punkt", "titel"]
    assert list(criteria["punkt"]) == list(range(1, 10))
    assert "Speichern" not in [button.label for button in app.button]


def test_viewing_can_be_made_to_require_a_login(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GSN_REQUIRE_LOGIN", "1")
    closed = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not closed.exception
    assert closed.title[0].value == "GSN-Dashboard"
    assert "nur nach Anmeldung sichtbar" in closed.info[0].value
    assert not closed.metric
    opened = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    opened.session_state[ACCOUNT_KEY] = signed_in(demo_url, "geschaeftsstelle")
    opened.run()
    assert opened.title[0].value == "Überblick"
    assert len(opened.metric) == 8


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_the_example_file_holds_the_stewards_rows_and_imports_unchanged(demo_url: str, kind: str) -> None:
    engine = make_engine(demo_url)
    header, rows = load_rows(engine, kind, "Kiel")
    content = to_csv(header, rows[:30])
    plan = preview(engine, kind, "beispiel.csv", content, Account("kiel-pflege", "editor", "Kiel"))
    engine.dispose()
    assert rows  # the demo data has rows of every kind for Kiel (the criteria: all nine)
    assert {row[0] for row in rows} == ({"Kiel"} if TEMPLATES[kind].per_member else set(range(1, 10)))
    assert plan.accepted, plan.problems
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 0, min(len(rows), 30))


def test_a_changed_password_or_a_removed_account_ends_the_session_at_once(demo_url: str) -> None:
    account = signed_in(demo_url, "vertretung")
    app = data_page(account)
    assert app.get("file_uploader")
    engine = make_engine(demo_url)
    set_password(engine, "vertretung", "ein-ganz-neues-passwort", actor="admin")
    app.run()
    assert ACCOUNT_KEY not in app.session_state
    assert "Ihre Anmeldung gilt nicht mehr" in app.toast[0].value
    assert not app.get("file_uploader")
    assert [field.label for field in app.text_input] == ["Name", "Passwort"]
    # A new login works again; removing the account ends that session too.
    app.session_state[ACCOUNT_KEY] = authenticate(engine, "vertretung", "ein-ganz-neues-passwort")
    app.run()
    assert app.get("file_uploader")
    remove_account(engine, "vertretung", actor="admin")
    engine.dispose()
    app.run()
    assert not app.get("file_uploader")


def test_an_account_object_not_made_by_a_login_grants_nothing(demo_url: str) -> None:
    signed_in(demo_url, "geschaeftsstelle")
    forged = Account("geschaeftsstelle", "admin", None)  # right name, no stamp of a real login
    app = data_page(forged)
    assert "Daten ändern dürfen nur angemeldete" in app.warning[0].value
    assert not app.get("file_uploader")
