"""The analysis screens with Streamlit's AppTest: real content, checked against the query layer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.engine import make_engine, write_transaction
from data_access.models import StandardCriterion
from domain.filter import DashboardFilter
from domain.formatting import format_number, format_percent, rounded_percent
from metrics import networks, selfhelp, standards
from tests.conftest import open_lazy_parts, page_app, run_query

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("fresh_caches")


def page(name: str, **params: str | list[str]) -> AppTest:
    app = page_app(name, **params)
    assert not app.exception, app.exception
    open_lazy_parts(app)  # "Daten zum Diagramm" panels build their tables only when open
    return app


def event_table(app: AppTest):
    """The table of single events (newest first): the one with titles and Länder."""
    return next(frame.value for frame in app.dataframe if {"Titel", "Land"} <= set(frame.value.columns))


def infos(app: AppTest) -> str:
    return " ".join(info.value for info in app.info)


def test_events_page_counts_the_filtered_events(demo_url: str) -> None:
    app = page("veranstaltungen", land="SH", von="2015", bis="2025")
    filter_ = DashboardFilter(states=("SH",), year_from=2015, year_to=2025)
    counts = run_query(demo_url, queries.event_counts_by_year_and_type, filter_)
    total, people = int(counts["events"].sum()), int(counts["participants"].sum())
    assert (
        f"2015 bis 2025 fanden {format_number(total)} Veranstaltungen mit {format_number(people)} Teilnehmenden"
        in infos(app)
    )
    listed = run_query(demo_url, queries.event_list, filter_)
    table = event_table(app)
    assert table["Titel"].tolist() == listed["title"].tolist()
    assert set(table["Land"]) == {"Schleswig-Holstein"}


def test_events_page_shows_who_was_represented_at_the_meetings(demo_url: str) -> None:
    app = page("veranstaltungen", land="NW", von="2022")
    attendance = run_query(demo_url, queries.meeting_attendance, DashboardFilter(states=("NW",), year_from=2022))
    table = next(frame.value for frame in app.dataframe if "Vertretene Mitglieder" in frame.value.columns)
    assert table["Vertretene Mitglieder"].tolist() == attendance["represented"].tolist()
    assert table["Beide Seiten"].tolist() == attendance["both_sides"].tolist()
    # Shares read as whole percent by the one rounding rule, like the sentences and charts.
    members = table["Mitglieder"].astype(float)
    expected = [int(rounded_percent(r / m)) for r, m in zip(table["Vertretene Mitglieder"], members, strict=True)]
    assert table["Anteil in %"].tolist() == expected


def test_event_type_key_filters_the_events_page(demo_url: str) -> None:
    app = page("veranstaltungen", veranstaltung="Gesundheitswoche", von="2020")
    events = event_table(app)
    assert set(events["Art"]) == {"Gesundheitswoche"}
    assert "Gesundheitswoche" in app.caption[0].value
    headers = " ".join(header.value for header in app.subheader)
    assert "Mitgliederversammlungen" not in headers
    assert "Netzwerkweite" not in headers


def test_self_help_page_ranks_members_and_lists_the_missing(demo_url: str) -> None:
    app = page("selbsthilfe", land=["NW", "NI"])
    filter_ = DashboardFilter(states=("NW", "NI"))
    year = int(run_query(demo_url, queries.self_help_by_year, filter_)["year"].max())
    by_member = run_query(demo_url, queries.self_help_by_member, filter_, year)
    ranked = selfhelp.ranking(by_member)
    tables = [frame.value for frame in app.dataframe]
    ranking = next(table for table in tables if "Rang" in table.columns)
    assert ranking["Kommune"].tolist() == ranked["name"].tolist()
    assert ranking["Rang"].tolist()[:3] == [1, 2, 3]
    missing = selfhelp.missing_figures(by_member)
    if missing.empty:
        assert any(f"für {year} gemeldet" in success.value for success in app.success)
    else:
        assert tables[-1]["Kommune"].tolist() == missing["name"].tolist()
    median = selfhelp.median_rate(ranked["rate"])
    assert any(f"Median ({format_number(median, 1)})" in caption.value for caption in app.caption)


def test_standards_page_matrix_and_report_status(demo_url: str) -> None:
    app = page("mindeststandards", art="Stadt", bis="2025")
    filter_ = DashboardFilter(member_types=("Stadt",), year_to=2025)
    counts = run_query(demo_url, queries.standard_status_counts, filter_)
    year = int(counts["year"].max())
    statuses = run_query(demo_url, queries.standard_statuses, filter_, year)
    criteria = run_query(demo_url, queries.standard_criteria)
    expected = standards.standards_matrix(statuses, criteria)
    matrix = app.dataframe[0].value
    assert matrix["Kommune"].tolist() == expected["name"].tolist()
    assert matrix["Erfüllt"].tolist() == expected["criteria_met"].tolist()
    assert set(matrix["Punkt 1"]) <= {"✓", "◐", "✗", "–"}
    assert f"Punkt 1: {criteria.loc[0, 'title']}" in " ".join(caption.value for caption in app.caption)
    members = run_query(demo_url, queries.member_list, filter_, 2025)
    submissions = run_query(demo_url, queries.report_submissions, filter_)
    report = standards.report_counts(standards.report_overview(members, submissions, 2025))
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Überfällig"] == str(report["überfällig"])
    assert values["Eingereicht"] == str(report["eingereicht"])


def test_an_edited_criterion_title_shows_without_code_change(demo_url: str) -> None:
    engine = make_engine(demo_url)
    with write_transaction(engine) as connection:
        changed = connection.execute(
            update(StandardCriterion).where(StandardCriterion.number == 4).values(title="Selbsthilfe beteiligt (neu)")
        )
    try:
        app = page("mindeststandards")
        assert "Punkt 4: Selbsthilfe beteiligt (neu)" in " ".join(caption.value for caption in app.caption)
    finally:
        with write_transaction(engine) as connection:
            title = "Beteiligung von Selbsthilfe und Initiativen"
            connection.execute(update(StandardCriterion).where(StandardCriterion.number == 4).values(title=title))
        engine.dispose()
    assert changed.rowcount == 1


def test_networks_page_seats_on_the_reference_day(demo_url: str) -> None:
    app = page("netzwerke", bis="2023")
    filter_ = DashboardFilter(year_to=2023)
    seats = run_query(demo_url, queries.council_seats, filter_)
    current = networks.seats_on(seats, networks.reference_date(2023, datetime.date.today()))
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Sitze Kommune"] == str(int((current["side"] == "Kommune").sum()))
    assert values["Sitze Selbsthilfe"] == str(int((current["side"] == "Selbsthilfe").sum()))
    assert any(header.value == "Sprecher*innenrat am 31.12.2023" for header in app.subheader)
    by_network = run_query(demo_url, queries.members_by_network, filter_, 2023)
    share = networks.share_in_networks(by_network)
    assert f"{format_percent(share)} der Mitglieder" in infos(app)


def test_steckbrief_opened_by_url_shows_the_member(demo_url: str) -> None:
    app = page("steckbrief", kommune="Herne", von="2010")
    assert app.header[0].value == "Herne"
    counts = run_query(demo_url, queries.event_counts_by_year_and_type, DashboardFilter(member="Herne", year_from=2010))
    assert f"{format_number(int(counts['events'].sum()))} Veranstaltungen erfasst" in infos(app)
    assert "Herne (Stadt, Nordrhein-Westfalen) ist seit 1990 Mitglied." in infos(app)
    assert "Herne · 2010–" in app.caption[0].value


def test_steckbrief_of_a_member_that_left_and_without_member(demo_url: str) -> None:
    left = page("steckbrief", kommune="Rosenheim")
    assert "beigetreten 2007, ausgetreten 2019" in infos(left)
    empty = page("steckbrief")
    assert empty.selectbox(key="profile_pick").value is None
    assert "Bitte eine Kommune wählen" in infos(empty)
