"""An empty database shows "Erste Schritte" on the Überblick; an admin removes the demo data in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from data_access import queries
from data_access.accounts import add_account, authenticate
from data_access.engine import make_engine
from data_access.importing.templates import TEMPLATES
from data_access.models import AuditEntry
from data_access.setup import prepare_database
from tests.conftest import page_app, run_query
from ui.auth import ACCOUNT_KEY

pytestmark = pytest.mark.usefixtures("fresh_caches")
PASSWORD = "richtig-langes-passwort"


@pytest.fixture
def empty_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'leer.sqlite'}"
    prepare_database(url, demo_if_new=False).dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def own_demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A demo database of this test alone (the removal changes it)."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    prepare_database(url).dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _badge(app) -> bool:
    return any("Beispieldaten" in markdown.value for markdown in app.markdown)


def test_an_empty_database_shows_first_steps_instead_of_charts(empty_url: str) -> None:
    app = page_app("ueberblick")

    assert [header.value for header in app.main.subheader] == ["Erste Schritte"]
    steps = "\n".join(markdown.value for markdown in app.markdown)
    assert steps.index("Anmelden") < steps.index("Mitglieder einlesen") < steps.index("Danach die übrigen Daten")
    later = steps[steps.index("Danach die übrigen Daten") :]
    titles = {kind: template.title for kind, template in TEMPLATES.items()}
    assert all(titles[kind] in later for kind in ("veranstaltungen", "selbsthilfe", "mindeststandards", "berichte"))
    assert titles["kriterien"] not in steps
    downloads = [element.proto for element in app.get("download_button")]
    assert [button.label for button in downloads] == ["Vorlage Mitglieder (CSV)", "Vorlage Mitglieder (Excel)"]
    links = [element.proto for element in app.get("page_link")]
    assert ("Zum Import: anmelden, Vorlagen, Dateien hochladen", "daten") in {(link.label, link.page) for link in links}
    assert not app.metric
    assert not app.get("arrow_vega_lite_chart")
    assert not _badge(app)


def test_a_filter_without_members_still_says_so_on_a_full_database(demo_url: str) -> None:
    app = page_app("ueberblick", land="SH", art="Bezirk")
    assert "keine Mitglieder" in app.info[0].value
    assert "Erste Schritte" not in [header.value for header in app.subheader]


def _signed_in(url: str, name: str, role: str):
    engine = make_engine(url)
    add_account(engine, name, PASSWORD, role, None, actor="test")
    account = authenticate(engine, name, PASSWORD)
    engine.dispose()
    return account


def _import_page(account):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state[ACCOUNT_KEY] = account
    app.run()
    app.switch_page("app_pages/daten.py").run()
    assert not app.exception, app.exception
    return app


def test_an_editor_is_not_offered_the_demo_removal(own_demo_url: str) -> None:
    app = _import_page(_signed_in(own_demo_url, "redaktion", "editor"))
    assert "demo_removal_open" not in [button.key for button in app.button]


def test_an_admin_removes_the_demo_data_after_a_confirmation_naming_the_counts(own_demo_url: str) -> None:
    assert _badge(page_app("ueberblick"))
    app = _import_page(_signed_in(own_demo_url, "geschaeftsstelle", "admin"))

    app.button(key="demo_removal_open").click().run()

    assert not app.exception, app.exception
    dialog = "\n".join(markdown.value for markdown in app.markdown)
    assert "Gelöscht werden: **104 Mitglieder, 6 Regionalnetzwerke, " in dialog
    assert "Selbsthilfe-Zahlen" in dialog
    assert run_query(own_demo_url, queries.dataset_facts).is_demo  # nothing deleted before the confirmation

    app.button(key="demo_removal_confirm").click().run()

    assert not app.exception, app.exception
    assert "Beispieldaten entfernt: 104 Mitglieder" in app.success[0].value
    assert "demo_removal_open" not in [button.key for button in app.button]
    assert not run_query(own_demo_url, queries.dataset_facts).is_demo
    engine = make_engine(own_demo_url)
    with engine.connect() as connection:
        actor, source = connection.execute(
            select(AuditEntry.actor, AuditEntry.source).where(
                AuditEntry.table_name == "demo", AuditEntry.action == "delete"
            )
        ).one()
    engine.dispose()
    assert (actor, source) == ("geschaeftsstelle", "Beispieldaten entfernen (Browser)")
    overview = page_app("ueberblick")
    assert not _badge(overview)
    assert [header.value for header in overview.main.subheader] == ["Erste Schritte"]


def test_cancelling_the_confirmation_deletes_nothing(own_demo_url: str) -> None:
    app = _import_page(_signed_in(own_demo_url, "geschaeftsstelle", "admin"))
    app.button(key="demo_removal_open").click().run()
    assert "demo_removal_confirm" in [button.key for button in app.button]

    app.button(key="demo_removal_cancel").click().run()

    assert not app.exception, app.exception
    assert "demo_removal_confirm" not in [button.key for button in app.button]
    assert "demo_removal_open" in [button.key for button in app.button]
    assert run_query(own_demo_url, queries.dataset_facts).is_demo
