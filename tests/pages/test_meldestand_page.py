"""The Meldestand page with AppTest on the demo database (SQLite): matrix, shares, reminders, letters, links."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pandas as pd
import pytest

from data_access.engine import make_engine, read_connection
from data_access.exporting import to_csv, to_xlsx
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter
from domain.headers import german_headers
from tests.conftest import page_app
from ui.downloads import table_cells
from views import meldestand
from views.meldestand import MeldestandView
from views.scope import Scope

pytestmark = pytest.mark.usefixtures("fresh_caches")


def view_of(url: str, filter_: DashboardFilter) -> MeldestandView:
    engine = make_engine(url)
    try:
        with read_connection(engine) as connection:
            query = BoundQueries(connection)
            scope = Scope.build(filter_, query.filter_options(), query.dataset_facts(), datetime.date.today())
            return meldestand.build(scope, query)
    finally:
        engine.dispose()


def table_with(app, header: str) -> pd.DataFrame:
    return next(frame.value for frame in app.main.dataframe if header in frame.value.columns)


def test_the_page_shows_matrix_shares_reminders_and_one_letter_per_member(demo_url: str) -> None:
    app = page_app("meldestand", von="2021", bis="2024")
    assert not app.exception
    assert [header.value for header in app.main.subheader][:3] == [
        "Wer hat was gemeldet? 2021–2024",
        "Anteil vollständig je Jahr und Meldung",
        "Erinnerungsliste für die Geschäftsstelle",
    ]
    view = view_of(demo_url, DashboardFilter(year_from=2021, year_to=2024))
    matrix = table_with(app, "Lücken")
    assert list(matrix.columns) == ["Kommune", "Lücken", "2021", "2022", "2023", "2024"]
    assert matrix["Kommune"].tolist() == view.matrix["name"].tolist()
    assert matrix["Lücken"].is_monotonic_decreasing  # longest gaps first
    reminders = table_with(app, "Fehlt seit")
    assert list(reminders.columns) == ["Kommune", "Kontaktstelle", "Fehlt", "Fehlt seit", "Lücken"]
    assert len(reminders) == len(view.reminders) > 0
    assert reminders["Kontaktstelle"].notna().any()  # the demo data records some Kontaktstellen
    shares = table_with(app, "Meldung")
    assert set(shares["Jahr"]) == {2021, 2022, 2023, 2024}
    assert len(shares) == 16  # four kinds a year
    letters = [block.value for block in app.main.code]
    assert len(letters) == len(view.reminders)
    first = view.reminders.iloc[0]
    assert letters[0].startswith(first["name"])
    assert "Es fehlen:" in letters[0]
    keys = {button.proto.id for button in app.main.get("download_button")}
    assert any("reminders_csv" in key for key in keys)
    assert any("letters_file" in key for key in keys)


def test_the_reminder_files_hold_one_row_per_member_with_something_missing(demo_url: str) -> None:
    view = view_of(demo_url, DashboardFilter(year_from=2021, year_to=2024))
    shown = german_headers(view.reminders)
    header = [str(column) for column in shown.columns]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(header, table_cells(shown), "Erinnerungsliste"))).active
    rows = list(sheet.iter_rows(min_row=1, values_only=True))  # no title line: the header first
    assert list(rows[0]) == header
    assert len(rows) - 1 == len(view.reminders)
    assert {type(value) for value in [row[3] for row in rows[1:]]} == {int}  # "Fehlt seit" stays a number
    text = to_csv(header, table_cells(shown)).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), sep=";")
    assert back["Kommune"].tolist() == view.reminders["name"].tolist()
    letters = view.letters_file.decode("utf-8").split("\f")
    assert len(letters) == len(view.reminders)


def test_a_former_member_is_not_missing_after_it_left(demo_url: str) -> None:
    # Rosenheim (demo) was a member 2007–2019.
    view = view_of(demo_url, DashboardFilter(year_from=2019, year_to=2022))
    row = view.matrix.set_index("name").loc["Rosenheim"]
    assert pd.notna(row["reported_2019"])
    assert row[["reported_2020", "reported_2021", "reported_2022"]].isna().all()
    assert "Rosenheim" not in view_of(demo_url, DashboardFilter(year_from=2020, year_to=2022)).matrix["name"].tolist()


def test_overview_and_selbsthilfe_link_to_the_meldestand(demo_url: str) -> None:
    for name in ("ueberblick", "selbsthilfe"):
        app = page_app(name)
        assert not app.exception
        links = [element.proto for element in app.main.get("page_link")]
        assert any("meldestand" in link.page for link in links), name


def test_without_von_the_head_names_the_years_the_page_shows(demo_url: str) -> None:
    # Open years: the filter spans the whole data (from 1989), the page the last five complete years.
    app = page_app("meldestand", land="Bayern")
    assert not app.exception
    last = datetime.date.today().year - 1
    years = f"{last - 4}–{last}"
    assert app.main.caption[0].value.startswith(f"Bayern · {years} · Stand\\: ")  # ":" escaped for Markdown
    assert app.main.subheader[0].value == f"Wer hat was gemeldet? {years}"
