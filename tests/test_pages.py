"""Page tests with Streamlit's AppTest: no exception, and the figures the query layer returns."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.engine import make_engine
from data_access.filters import DashboardFilter
from data_access.setup import prepare_database

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app_pages/ueberblick.py"]


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Every page test starts with empty Streamlit caches (engine and data)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    prepare_database(url).dispose()  # a new file: migrated and filled with demo data
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_its_own_with_default_filter(demo_url: str, page: str) -> None:
    app = AppTest.from_file(str(ROOT / page), default_timeout=30).run()
    assert not app.exception, app.exception
    assert app.title[0].value
    assert any("Beispieldaten" in markdown.value for markdown in app.markdown), "demo data must be flagged"


def test_overview_shows_the_members_of_the_filter(demo_url: str) -> None:
    app = AppTest.from_file(str(ROOT / "app_pages/ueberblick.py"), default_timeout=30)
    app.query_params["land"] = "SH"
    app.query_params["bis"] = "2024"
    app.run()
    assert not app.exception
    engine = make_engine(demo_url)
    with engine.connect() as connection:
        expected = queries.members_by_state(connection, DashboardFilter(states=("SH",)), 2024)
    engine.dispose()
    values = metric_values(app)
    assert values["Mitglieder"] == str(int(expected["members"].sum()))
    assert values["Bundesländer"] == "1 von 16"
    assert "Schleswig-Holstein · 1989–2024" in app.caption[0].value


def test_dashboard_entry_runs(demo_url: str) -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not app.exception
    assert app.title[0].value == "Überblick"
