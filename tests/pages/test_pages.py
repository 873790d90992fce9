"""Page tests with Streamlit's AppTest: no exception, and the figures the query layer returns."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import create_engine, insert, update
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.engine import write_transaction
from data_access.exporting import to_csv, to_xlsx
from data_access.models import Member
from data_access.setup import prepare_database
from domain.filter import DashboardFilter
from metrics.kpis import KPI_LABELS
from tests.conftest import POSTGRES_URL, allow_connections, new_database_url, page_app, run_query
from ui import data
from ui.downloads import table_cells
from ui.text import plain

ROOT = Path(__file__).resolve().parents[2]
# Every dashboard view (they all carry the page head with filter sentence and demo badge);
# the data stewardship pages have no filter and is tested in test_data_pages.py.
PAGES = sorted(
    str(path.relative_to(ROOT))
    for path in (ROOT / "app_pages").glob("[a-z]*.py")
    if path.stem not in ("daten", "bearbeiten", "protokoll", "konten")
)
HOSTILE_NAMES = ("<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")')


pytestmark = pytest.mark.usefixtures("fresh_caches")


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_its_own_with_default_filter(demo_url: str, page: str) -> None:
    app = page_app(Path(page).stem)
    assert not app.exception, app.exception
    assert app.title[0].value
    assert any("Beispieldaten" in markdown.value for markdown in app.markdown), "demo data must be flagged"
    assert "Gesamtes Netzwerk" in app.caption[0].value


def test_overview_kpis_match_the_query_layer(demo_url: str) -> None:
    app = page_app("ueberblick", land="SH", bis="2024")
    assert not app.exception
    expected = run_query(demo_url, queries.members_by_state, DashboardFilter(states=("SH",)), 2024)
    values = metric_values(app)
    assert values["Mitglieder"] == str(int(expected["members"].sum()))
    assert values["Bundesländer"] == "1 von 16"
    assert [metric.label for metric in app.metric] == list(KPI_LABELS)
    assert "Schleswig-Holstein · 1989–2024" in app.caption[0].value
    assert any("Kommune" in info.value for info in app.info), "the narrative names what changed"


def test_members_page_lists_exactly_the_filtered_members(demo_url: str) -> None:
    app = page_app("mitglieder", land=["SH", "NI"])
    assert not app.exception
    options = run_query(demo_url, queries.filter_options)
    expected = run_query(demo_url, queries.member_list, DashboardFilter(states=("SH", "NI")), options.last_year)
    table = app.dataframe[0].value
    assert table["Kommune"].tolist() == expected["name"].tolist()
    assert set(table["Land"]) == {"Niedersachsen", "Schleswig-Holstein"}
    assert "Berichtsstatus" in table.columns


def test_url_parameters_give_the_same_view_as_setting_the_widgets(demo_url: str) -> None:
    by_link = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    by_link.query_params.update({"land": "SH", "von": "2010", "bis": "2025"})
    by_link.run()
    by_hand = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    unfiltered = metric_values(by_hand)
    by_hand.multiselect(key="land").set_value(["SH"])
    by_hand.selectbox(key="von").set_value(2010)
    by_hand.selectbox(key="bis").set_value(2025)
    by_hand.run()
    assert not by_link.exception
    assert not by_hand.exception
    assert metric_values(by_link) == metric_values(by_hand)
    assert metric_values(by_link) != unfiltered
    assert by_link.caption[0].value == by_hand.caption[0].value
    assert by_link.caption[0].value.startswith("Schleswig-Holstein · 2010–2025")


def test_reset_clears_every_filter(demo_url: str) -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.query_params.update({"land": "SH", "art": "Stadt", "von": "2010"})
    app.run()
    assert app.caption[0].value.startswith("Schleswig-Holstein · Städte")
    app.button[0].click().run()
    assert app.multiselect(key="land").value == []
    assert app.selectbox(key="von").value is None
    assert app.caption[0].value.startswith("Gesamtes Netzwerk")


def test_empty_selection_is_a_friendly_sentence(demo_url: str) -> None:
    app = page_app("ueberblick", land="SH", art="Bezirk")
    assert not app.exception
    assert "keine Mitglieder" in app.info[0].value
    assert not app.metric


@pytest.fixture
def hostile_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A demo database in which two members carry hostile names."""
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    engine = prepare_database(url)
    with write_transaction(engine) as connection:
        for old, new in zip(("Kiel", "Flensburg"), HOSTILE_NAMES, strict=True):
            connection.execute(update(Member).where(Member.name == old).values(name=new))
        connection.execute(
            insert(Member).values(
                name="**fett** [Link](http://x)", member_type="Stadt", state_code="SH", join_year=2020
            )
        )
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_hostile_names_are_shown_as_text(hostile_url: str) -> None:
    app = page_app("mitglieder", land="SH")
    assert not app.exception
    names = app.dataframe[0].value["Kommune"].tolist()
    assert HOSTILE_NAMES[0] in names
    assert HOSTILE_NAMES[1] in names
    app = page_app("mitglieder", kommune="**fett** [Link](http://x)")
    caption = app.caption[0].value
    assert caption.startswith("\\*\\*fett\\*\\* \\[Link\\](http\\://x)"), caption


def test_unreachable_database_gives_a_german_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:9/nirgends?connect_timeout=2")
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not app.exception
    assert app.title[0].value == "Datenbank nicht erreichbar"
    assert "versucht es alle 10 Sekunden erneut" in app.error[0].value


def test_plain_escapes_markdown_but_keeps_words() -> None:
    assert plain("Schleswig-Holstein · 2015–2025") == "Schleswig-Holstein · 2015–2025"
    assert plain("<img src=x>") == "\\<img src=x\\>"
    assert plain(":red[rot]") == "\\:red\\[rot\\]"
    assert plain("- Liste") == "\\- Liste"
    assert plain("1. Punkt") == "1\\. Punkt"
    assert plain("1) Liste **x**") == "1\\) Liste \\*\\*x\\*\\*"  # "1)" starts an ordered list too
    assert plain("157.000") == "157\\.000"  # a population shown in bold must not grow a backslash


@pytest.mark.postgres
def test_page_recovers_by_itself_when_the_database_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real PostgreSQL database refuses connections, then accepts them again."""
    urls = new_database_url("postgresql", tmp_path)
    url = next(urls)
    name = make_url(url).database
    prepare_database(url, demo_if_new=False).dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")

    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
        assert app.title[0].value == "Überblick"
        allow_connections(admin, name, False)
        data.clear_caches()  # as after the ttl: the page must ask the database again
        app.run()
        assert not app.exception
        assert app.title[0].value == "Datenbank nicht erreichbar"
        allow_connections(admin, name, True)
        app.run()
        assert not app.exception
        assert app.title[0].value == "Überblick"
    finally:
        allow_connections(admin, name, True)
        st.cache_resource.clear()  # drops the engine and its pooled connections
        admin.dispose()
        next(urls, None)


def test_table_downloads_neutralise_formulas() -> None:
    frame = pd.DataFrame({"Kommune": [HOSTILE_NAMES[1], "Kiel"], "Einwohner": pd.array([None, 247_000], dtype="Int64")})
    csv_text = to_csv([str(column) for column in frame.columns], table_cells(frame)).decode("utf-8-sig")
    assert csv_text.splitlines()[1] == '"\'=HYPERLINK(""http://x"")";'
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(list(frame.columns), table_cells(frame))))
    cell = workbook.active["A2"]  # a text cell with exactly the name, flagged as text (no visible apostrophe)
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", HOSTILE_NAMES[1], True)
    assert workbook.active["B3"].value == 247_000


def test_table_files_read_back_as_the_table_on_screen(demo_url: str) -> None:
    app = page_app("mitglieder", land="SH")
    assert not app.exception
    shown = app.dataframe[0].value
    options = run_query(demo_url, queries.filter_options)
    stand = run_query(demo_url, queries.dataset_facts).stand
    context = f"Schleswig-Holstein · 1989–{options.last_year} · Stand: {stand:%d.%m.%Y}"
    assert plain(context) == app.caption[0].value  # the line the page shows, as the download's first row
    header = [str(column) for column in shown.columns]
    workbook_bytes = to_xlsx(header, table_cells(shown), "Mitglieder", title=context)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).active
    assert sheet["A1"].value == context  # what the table shows, above the column names
    assert [cell.value for cell in sheet[2]] == header
    assert sheet.freeze_panes == "A3"
    back = pd.read_excel(io.BytesIO(workbook_bytes), header=1)
    assert list(back.columns) == header
    assert back["Kommune"].tolist() == shown["Kommune"].tolist()
    assert back["Einwohner"].tolist() == shown["Einwohner"].tolist()  # numbers stay numbers
    csv_back = pd.read_csv(io.BytesIO(to_csv(header, table_cells(shown))), sep=";", encoding="utf-8-sig")
    assert csv_back["Kommune"].tolist() == shown["Kommune"].tolist()
