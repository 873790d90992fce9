"""Daten → Konten in the browser: an admin manages accounts; editors and visitors get a German message."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from data_access.account_admin import account_overview
from data_access.accounts import Account, AccountError, add_account, authenticate, find_account
from data_access.engine import make_engine
from data_access.migrate import upgrade
from data_access.models import AuditEntry
from tests.conftest import ROOT, build_small_network
from ui.auth import ACCOUNT_KEY

PASSWORD = "richtig-langes-passwort"
pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def network_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The small network in a SQLite file of this test alone, with one admin "geschaeftsstelle"."""
    url = f"sqlite:///{tmp_path / 'konten.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    build_small_network(engine)
    add_account(engine, "geschaeftsstelle", PASSWORD, "admin", None, actor="test")
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _engine(url: str) -> Engine:
    return make_engine(url)


def _logged_in(url: str, name: str) -> Account:
    engine = _engine(url)
    account = authenticate(engine, name, PASSWORD)
    engine.dispose()
    return account


def accounts_page(account: Account | None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    if account is not None:
        app.session_state[ACCOUNT_KEY] = account
    app.run()
    app.switch_page("app_pages/konten.py").run()
    assert not app.exception, app.exception
    return app


def _table(app: AppTest):
    [table] = [frame for frame in app.dataframe if "locked" in frame.value.columns]
    return table.value


def _headers(app: AppTest) -> dict[str, str]:
    """The German header of each column, as the column configuration gives it."""
    [table] = [frame for frame in app.dataframe if "locked" in frame.value.columns]
    return {key: setting.get("label") for key, setting in json.loads(table.proto.columns).items()}


def _open(app: AppTest, name: str, action: str) -> None:
    app.selectbox(key="accounts_chosen").set_value(name).run()
    app.button(key=f"accounts_{action}_open").click().run()
    assert not app.exception, app.exception


def test_an_admin_adds_changes_locks_and_removes_an_editor(network_url: str) -> None:
    app = accounts_page(_logged_in(network_url, "geschaeftsstelle"))
    assert app.title[0].value == "Daten: Konten"
    table = _table(app)
    headers = _headers(app)
    assert [headers[key] for key in ("name", "role", "member", "locked", "login", "last_login_at")] == [
        "Name",
        "Rolle",
        "Kommune",
        "Gesperrt",
        "Anmeldung",
        "Letzte Anmeldung mit Passwort",
    ]
    assert table.iloc[0][["name", "role", "member", "locked"]].tolist() == [
        "geschaeftsstelle",
        "Administration",
        "alle Kommunen",
        False,
    ]
    assert not pd.isna(table.iloc[0]["last_login_at"])  # the login above was recorded

    # Add an editor for Kiel; the passwords must agree first.
    app.button(key="accounts_add_open").click().run()
    fields = {field.label: field for field in app.text_input}
    fields["Name (bei OpenID Connect: die E-Mail-Adresse)"].input("kiel-pflege")
    app.selectbox(key="accounts_add_member").set_value("Kiel")
    app.text_input(key="accounts_add_password_1").input(PASSWORD)
    app.text_input(key="accounts_add_password_2").input(PASSWORD + "x")
    app.button(key="FormSubmitter:accounts_add_form-Anlegen").click().run()
    assert not app.exception, app.exception
    assert "Die beiden Passwörter stimmen nicht überein." in [error.value for error in app.error]
    app.text_input(key="accounts_add_password_2").input(PASSWORD)
    app.button(key="FormSubmitter:accounts_add_form-Anlegen").click().run()
    assert not app.exception, app.exception
    assert "Konto „kiel-pflege“ angelegt" in app.success[0].value
    engine = _engine(network_url)
    assert authenticate(engine, "kiel-pflege", PASSWORD) == Account("kiel-pflege", "editor", "Kiel")
    assert "kiel-pflege" in _table(app)["name"].tolist()

    # Change the role: an admin with a Kommune is refused in German, then all Kommunen.
    _open(app, "kiel-pflege", "role")
    app.selectbox(key="accounts_role_role").set_value("admin")
    app.button(key="FormSubmitter:accounts_role_form-Speichern").click().run()
    assert "bitte keine Kommune angeben" in app.error[0].value
    app.selectbox(key="accounts_role_role").set_value("admin")
    app.selectbox(key="accounts_role_member").select_index(0)  # alle Kommunen
    app.button(key="FormSubmitter:accounts_role_form-Speichern").click().run()
    assert not app.exception, app.exception
    assert "Konto „kiel-pflege“ geändert (Administration" in app.success[0].value
    assert find_account(engine, "kiel-pflege") == Account("kiel-pflege", "admin", None)

    # Lock it: no login any more.
    _open(app, "kiel-pflege", "lock")
    assert "sperren?" in "\n".join(markdown.value for markdown in app.markdown)
    app.button(key="accounts_lock_confirm").click().run()
    assert not app.exception, app.exception
    assert "Konto „kiel-pflege“ gesperrt." in app.success[0].value
    table = _table(app)
    assert table.set_index("name").loc["kiel-pflege", "locked"]
    with pytest.raises(AccountError, match="gesperrt"):
        authenticate(engine, "kiel-pflege", PASSWORD)
    assert find_account(engine, "kiel-pflege") is None
    assert app.button(key="accounts_lock_open").label == "Entsperren"  # offered for the locked account

    # Remove it, after a confirmation that names it.
    _open(app, "kiel-pflege", "remove")
    assert "Das Konto **kiel-pflege** endgültig löschen?" in "\n".join(markdown.value for markdown in app.markdown)
    confirm = app.button(key="accounts_remove_confirm")
    assert confirm.label == "„kiel-pflege“ löschen"
    confirm.click().run()
    assert not app.exception, app.exception
    assert "Konto „kiel-pflege“ gelöscht." in app.success[0].value
    assert [row.name for row in account_overview(engine)] == ["geschaeftsstelle"]
    with engine.connect() as connection:
        entries = connection.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.source)
            .where(AuditEntry.natural_key == "kiel-pflege")
            .order_by(AuditEntry.id)
        ).all()
    engine.dispose()
    assert [(actor, action) for actor, action, _ in entries] == [("geschaeftsstelle", "insert")] + [
        ("geschaeftsstelle", "update")
    ] * 2 + [("geschaeftsstelle", "delete")]
    assert {source for _, _, source in entries} == {"Konten"}


def test_an_admin_cannot_lock_or_remove_their_own_account(network_url: str) -> None:
    app = accounts_page(_logged_in(network_url, "geschaeftsstelle"))
    _open(app, "geschaeftsstelle", "remove")
    app.button(key="accounts_remove_confirm").click().run()
    assert not app.exception, app.exception
    assert "Das eigene Konto kann nicht gelöscht werden" in app.error[0].value
    engine = _engine(network_url)
    assert find_account(engine, "geschaeftsstelle") is not None
    engine.dispose()


def test_an_editor_sees_a_german_message_and_no_accounts(network_url: str) -> None:
    engine = _engine(network_url)
    add_account(engine, "redaktion", PASSWORD, "editor", None, actor="test")
    engine.dispose()
    app = accounts_page(_logged_in(network_url, "redaktion"))
    assert "Konten verwalten dürfen nur Administratorinnen und Administratoren" in app.warning[0].value
    assert not app.dataframe
    assert "accounts_add_open" not in [button.key for button in app.button]
    assert not [field for field in app.text_input if field.label == "Passwort"]  # logged in: no login form


def test_a_visitor_sees_the_login_hint(network_url: str) -> None:
    app = accounts_page(None)
    assert "Konten verwalten dürfen nur angemeldete" in app.warning[0].value
    assert [field.label for field in app.text_input] == ["Name", "Passwort"]
    assert not app.dataframe


def test_the_konten_page_is_listed_only_for_admins(network_url: str) -> None:
    from ui.navigation import navigation_pages

    titles = {
        (editor, admin): [
            page.title for page in navigation_pages(editor, admin)["Daten"] if page.visibility == "visible"
        ]
        for editor, admin in ((False, False), (True, False), (True, True))
    }
    assert titles[(False, False)] == []
    assert titles[(True, False)] == ["Import", "Bearbeiten", "Protokoll"]
    assert titles[(True, True)] == ["Import", "Bearbeiten", "Protokoll", "Konten"]


def test_locking_an_editor_in_the_browser_ends_their_open_session(network_url: str) -> None:
    engine = _engine(network_url)
    add_account(engine, "kiel-pflege", PASSWORD, "editor", "Kiel", actor="test")
    engine.dispose()
    steward = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    steward.session_state[ACCOUNT_KEY] = _logged_in(network_url, "kiel-pflege")
    steward.run()
    steward.switch_page("app_pages/daten.py").run()
    assert steward.get("file_uploader")
    admin = accounts_page(_logged_in(network_url, "geschaeftsstelle"))
    _open(admin, "kiel-pflege", "lock")
    admin.button(key="accounts_lock_confirm").click().run()
    assert "Konto „kiel-pflege“ gesperrt." in admin.success[0].value
    steward.run()  # the steward's next click
    assert not steward.exception, steward.exception
    assert ACCOUNT_KEY not in steward.session_state
    assert "Ihre Anmeldung gilt nicht mehr" in steward.toast[0].value
    assert not steward.get("file_uploader")
    steward.text_input[0].input("kiel-pflege")
    steward.text_input[1].input(PASSWORD)
    steward.button(key="FormSubmitter:login-Anmelden").click().run()
    assert "Dieses Konto ist gesperrt." in steward.error[0].value
    assert not steward.get("file_uploader")


def test_account_names_are_shown_as_text_not_markdown(network_url: str) -> None:
    name = "**fett** [link](http://x.de)"
    engine = _engine(network_url)
    add_account(engine, name, PASSWORD, "editor", None, actor="test")
    engine.dispose()
    app = accounts_page(_logged_in(network_url, "geschaeftsstelle"))
    assert name in _table(app)["name"].tolist()  # a table cell is text as it is
    _open(app, name, "remove")
    question = next(markdown.value for markdown in app.markdown if "endgültig löschen" in markdown.value)
    assert "\\*\\*fett\\*\\* \\[link\\](http\\://x.de)" in question.replace("\u2060", "")
    app.button(key="accounts_remove_confirm").click().run()
    assert not app.exception, app.exception
    assert "\\*\\*fett\\*\\*" in app.success[0].value
