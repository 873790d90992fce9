"""The queries of the analysis screens on SQLite and PostgreSQL, against figures worked out by hand.

The hand-made network is described in ``tests/conftest.py``; the council seats and
four-year reports below are added here.
"""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import Engine, insert, select

from data_access import queries
from data_access.engine import write_transaction
from data_access.models import CouncilSeat, Event, EventAttendance, ReportSubmission
from domain.filter import DashboardFilter

pytestmark = pytest.mark.usefixtures("backend")

day = datetime.date


@pytest.fixture
def network(small_network: Engine) -> Engine:
    """The small network plus three council seats, two four-year reports and who came to the MV 2020."""
    with write_transaction(small_network) as connection:
        connection.execute(
            insert(CouncilSeat),
            [
                {"member_id": 1, "side": "Kommune", "term_start": day(2024, 6, 15), "term_end": day(2026, 6, 14)},
                {"member_id": 5, "side": "Selbsthilfe", "term_start": day(2026, 6, 15), "term_end": None},
                {"member_id": 3, "side": "Kommune", "term_start": day(2022, 6, 15), "term_end": day(2024, 6, 14)},
            ],
        )
        meeting = connection.execute(select(Event.id).where(Event.title == "MV 2020")).scalar_one()
        connection.execute(
            insert(EventAttendance),
            [
                {"event_id": meeting, "member_id": 1, "side": "Kommune"},
                {"event_id": meeting, "member_id": 1, "side": "Selbsthilfe"},
                {"event_id": meeting, "member_id": 5, "side": "Selbsthilfe"},
                {"event_id": meeting, "member_id": 2, "side": "Kommune"},
            ],
        )
        connection.execute(
            insert(ReportSubmission),
            [
                {"member_id": 1, "year": 2006, "submitted_on": day(2006, 10, 1)},
                {"member_id": 5, "year": 2022, "submitted_on": None},
            ],
        )
    return small_network


def read(engine: Engine, function, *arguments):
    with engine.connect() as connection:
        return function(connection, *arguments)


def test_event_list_is_newest_first_and_keeps_network_wide_events_only_without_member_filter(network: Engine) -> None:
    every = read(network, queries.event_list, DashboardFilter())
    assert every["title"].tolist() == ["SHT 2021", "Fachtag 2021", "GW 2021", "Konferenz 2020", "MV 2020", "GW 2020"]
    assert every.loc[every["title"] == "MV 2020", "name"].isna().all()
    schleswig_holstein = read(network, queries.event_list, DashboardFilter(states=("SH",)))
    assert schleswig_holstein["title"].tolist() == ["SHT 2021", "GW 2021", "GW 2020"]
    weeks = read(network, queries.event_list, DashboardFilter(year_from=2021, event_types=("Gesundheitswoche",)))
    assert weeks["title"].tolist() == ["GW 2021"]
    assert weeks["participants"].tolist() == [1200]
    assert read(network, queries.event_list, DashboardFilter(), 2)["title"].tolist() == ["SHT 2021", "Fachtag 2021"]


def test_network_events_are_the_events_without_member(network: Engine) -> None:
    assert read(network, queries.network_events, DashboardFilter())["title"].tolist() == ["MV 2020"]
    assert read(network, queries.network_events, DashboardFilter(year_from=2021)).empty


def test_self_help_by_member_lists_every_active_member_with_gaps_for_missing_figures(network: Engine) -> None:
    rows = read(network, queries.self_help_by_member, DashboardFilter(), 2020)
    # Rosenheim left in 2019; Kreis Segeberg and München reported nothing for 2020.
    assert rows["name"].tolist() == ["Herne", "Kiel", "Kreis Segeberg", "München", "Saerbeck"]
    groups = dict(zip(rows["name"], rows["groups"], strict=True))
    assert (groups["Kiel"], groups["Herne"], groups["Saerbeck"]) == (15, 20, 3)
    assert rows.loc[rows["name"].isin(["Kreis Segeberg", "München"]), "groups"].isna().all()
    assert rows.loc[rows["name"] == "Herne", "new_groups"].isna().all()  # reported without new groups


def test_self_help_member_years_sums_topics_per_member_and_year(network: Engine) -> None:
    rows = read(network, queries.self_help_member_years, DashboardFilter())
    figures = {
        (name, year): groups for name, year, groups in zip(rows["name"], rows["year"], rows["groups"], strict=True)
    }
    assert figures == {("Kiel", 2020): 15, ("Herne", 2020): 20, ("Saerbeck", 2020): 3, ("Kiel", 2021): 12}
    assert read(network, queries.self_help_member_years, DashboardFilter(year_from=2021))["name"].tolist() == ["Kiel"]


def test_standard_statuses_of_a_year_include_members_without_assessment(network: Engine) -> None:
    rows = read(network, queries.standard_statuses, DashboardFilter(), 2019)
    assert sorted(set(rows["name"])) == ["Herne", "Kiel", "Kreis Segeberg", "München", "Rosenheim"]
    assert len(rows) == 9 + 3 + 3  # Kiel's nine, Herne's three, one empty row each for the others
    assert rows.loc[rows["name"] == "München", "criterion_number"].isna().all()
    kiel = rows[rows["name"] == "Kiel"].set_index("criterion_number")["status"]
    assert (kiel[1], kiel[6], kiel[9]) == ("erfüllt", "teilweise", "nicht erfüllt")


def test_standard_status_counts_per_year_and_criterion(network: Engine) -> None:
    rows = read(network, queries.standard_status_counts, DashboardFilter())
    counts = {(year, number, status): members for year, number, status, members in rows.itertuples(index=False)}
    assert counts[(2019, 1, "erfüllt")] == 2  # Kiel and Herne
    assert counts[(2019, 6, "teilweise")] == 1
    assert counts[(2021, 9, "erfüllt")] == 1
    assert (2019, 4, "nicht erfüllt") not in counts
    assert read(network, queries.standard_status_counts, DashboardFilter(states=("NW",)))["members"].sum() == 3


def test_member_assessments_and_criteria(network: Engine) -> None:
    herne = read(network, queries.member_assessments, "Herne")
    assert herne["criterion_number"].tolist() == [1, 2, 3]
    assert set(herne["year"]) == {2019}
    criteria = read(network, queries.standard_criteria)
    assert criteria["number"].tolist() == list(range(1, 10))
    assert criteria["title"].str.len().min() > 5


def test_report_submissions_in_the_filter_years(network: Engine) -> None:
    assert read(network, queries.report_submissions, DashboardFilter())["name"].tolist() == ["Kiel", "Herne"]
    assert read(network, queries.report_submissions, DashboardFilter(year_from=2010))["name"].tolist() == ["Herne"]


def test_members_by_network_counts_members_states_and_population(network: Engine) -> None:
    rows = read(network, queries.members_by_network, DashboardFilter(), 2020)
    names = rows["network"].fillna("ohne")
    figures = dict(zip(names, zip(rows["members"], rows["states"], rows["population"], strict=True), strict=True))
    assert figures["Nord"] == (2, 1, 530_000)
    assert figures["Bayern"] == (1, 1, 1_500_000)  # Rosenheim left in 2019
    assert figures["ohne"] == (2, 1, 157_000)  # Herne and Saerbeck (no population)


def test_council_seats_follow_the_member_filter(network: Engine) -> None:
    seats = read(network, queries.council_seats, DashboardFilter())
    assert seats["name"].tolist() == ["Herne", "Kiel", "München"]  # newest term first
    assert seats["term_end"].isna().tolist() == [True, False, False]  # Herne's term is open
    assert read(network, queries.council_seats, DashboardFilter(states=("SH",)))["name"].tolist() == ["Kiel"]


def test_meeting_attendance_counts_members_and_sides_among_the_filtered(network: Engine) -> None:
    every = read(network, queries.meeting_attendance, DashboardFilter())
    assert every["title"].tolist() == ["MV 2020"]
    # Kiel with both sides, Herne's self-help side, Kreis Segeberg's administration.
    assert every[["represented", "municipal", "self_help", "both_sides"]].iloc[0].tolist() == [3, 2, 2, 1]
    schleswig_holstein = read(network, queries.meeting_attendance, DashboardFilter(states=("SH",)))
    assert schleswig_holstein[["represented", "municipal", "self_help", "both_sides"]].iloc[0].tolist() == [2, 2, 1, 1]
    assert read(network, queries.meeting_attendance, DashboardFilter(year_from=2021)).empty
