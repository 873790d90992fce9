"""The Meldestand queries on SQLite and PostgreSQL, against the hand-made network (``tests/conftest.py``)."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import Engine, insert, update

from data_access import queries
from data_access.engine import write_transaction
from data_access.models import Event, Member, ReportSubmission
from domain.filter import DashboardFilter

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def network(small_network: Engine) -> Engine:
    """The small network plus Kiel's reports for 2006 and 2021, its Kontaktstelle and a New Year's Eve event."""
    with write_transaction(small_network) as connection:
        connection.execute(
            insert(ReportSubmission),
            [
                {"member_id": 1, "year": 2006, "submitted_on": None},
                {"member_id": 1, "year": 2021, "submitted_on": datetime.date(2021, 12, 1)},
            ],
        )
        connection.execute(update(Member).where(Member.id == 1).values(contact_point="KIBIS Kiel"))
        connection.execute(
            insert(Event),
            [
                {
                    "member_id": 3,
                    "event_type": "Fachtag",
                    "title": "Silvester",
                    "start_date": datetime.date(2019, 12, 31),
                    "participants": 10,
                },
            ],
        )
    return small_network


def read(engine: Engine, function, *arguments):
    with engine.connect() as connection:
        return function(connection, *arguments)


def test_members_of_the_range_with_their_last_report_before_it(network: Engine) -> None:
    members = read(network, queries.reporting_members, DashboardFilter(), 2019, 2021)
    assert members["name"].tolist() == ["Herne", "Kiel", "Kreis Segeberg", "München", "Rosenheim", "Saerbeck"]
    kiel = members.set_index("name").loc["Kiel"]
    assert (kiel["contact_point"], kiel["join_year"], kiel["report_before"]) == ("KIBIS Kiel", 2002, 2006)
    assert members["report_before"].isna().sum() == 5
    later = read(network, queries.reporting_members, DashboardFilter(), 2020, 2021)
    assert "Rosenheim" not in later["name"].tolist()  # left in 2019
    assert read(network, queries.reporting_members, DashboardFilter(), 2019, 2019)["name"].tolist() == [
        "Herne",
        "Kiel",
        "Kreis Segeberg",
        "München",
        "Rosenheim",
    ]  # Saerbeck joined in 2020
    north = read(network, queries.reporting_members, DashboardFilter(states=("SH",)), 2019, 2021)
    assert north["name"].tolist() == ["Kiel", "Kreis Segeberg"]


def test_what_arrived_per_member_year_and_kind(network: Engine) -> None:
    arrivals = read(network, queries.reporting_arrivals, DashboardFilter(), 2020, 2021)
    got = {(name, int(year), kind) for name, year, kind in zip(*(arrivals[c] for c in arrivals.columns), strict=True)}
    assert got == {
        ("Kiel", 2020, "self_help"),
        ("Kiel", 2021, "self_help"),
        ("Herne", 2020, "self_help"),
        ("Saerbeck", 2020, "self_help"),
        ("Kiel", 2019, "assessment"),  # the year before the range: an assessment covers two years
        ("Kiel", 2021, "assessment"),
        ("Herne", 2019, "assessment"),
        ("Kiel", 2021, "report"),
        ("Kiel", 2020, "event"),
        ("Kiel", 2021, "event"),
        ("Herne", 2020, "event"),
        ("München", 2021, "event"),
        ("Kreis Segeberg", 2021, "event"),
    }  # the MV 2020 has no member; München's event of 31 December 2019 is before the range
    assert len(arrivals) == len(got)  # one row each, though Kiel reported two topics for 2020
    assert list(arrivals.columns) == ["name", "year", "kind"]
    eve = read(network, queries.reporting_arrivals, DashboardFilter(states=("BY",)), 2019, 2019)
    assert {(name, int(year), kind) for name, year, kind in eve.itertuples(index=False)} == {("München", 2019, "event")}
