"""The queries bound to one open connection: the typed interface views and reports read through.

Every method is one function of ``data_access.queries`` with the connection filled in, so
a reader can jump from a view straight to its SQL. A page view or a deck reads all its
frames through one connection instead of one per query: a connection checkout, a
transaction and a cache store less per query (re-measure with ``python bench/bench_pages.py``).
The methods look the functions up on the package at call time, so the page benchmark
can record which queries a page issues.
"""

from __future__ import annotations

import datetime

import pandas as pd
from sqlalchemy import Connection

from data_access import queries
from data_access.queries.dataset import DatasetFacts, FilterOptions
from domain.filter import DashboardFilter


class BoundQueries:
    """The read queries of the dashboard on one open connection (see each function's docstring)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def active_members_by_year(self, filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
        """Members active in each year of ``year_from..year_to``, by type: year, member_type, members, population."""
        return queries.active_members_by_year(self._connection, filter_, year_from, year_to)

    def audit_entries(
        self,
        table_name: str | None = None,
        actor: str | None = None,
        since: datetime.date | None = None,
        limit: int = queries.AUDIT_LIST_LIMIT,
    ) -> pd.DataFrame:
        """The newest ``limit`` audit entries matching the optional table, actor and first day, newest first."""
        return queries.audit_entries(self._connection, table_name, actor, since, limit)

    def audit_facets(self) -> tuple[tuple[str, ...], tuple[str, ...], int]:
        """The tables and actors that occur in the audit log (sorted), and the number of entries."""
        return queries.audit_facets(self._connection)

    def council_seats(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Seats of the Sprecher*innenrat held by filtered members, newest term first."""
        return queries.council_seats(self._connection, filter_)

    def data_version(self) -> str | None:
        """The moment of the last write (the "Stand"), read fresh: other processes compare it to drop stale caches."""
        return queries.data_version(self._connection)

    def dataset_facts(self) -> DatasetFacts:
        """Return the data set's "Stand", demo flag, newest event and the reported years of figures."""
        return queries.dataset_facts(self._connection)

    def event_counts_by_year_and_type(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Events per year and type: year, event_type, events, participants, sessions, partners."""
        return queries.event_counts_by_year_and_type(self._connection, filter_)

    def event_list(self, filter_: DashboardFilter, limit: int = queries.EVENT_LIST_LIMIT) -> pd.DataFrame:
        """The newest ``limit`` events of the filter, newest first."""
        return queries.event_list(self._connection, filter_, limit)

    def event_totals(
        self, filter_: DashboardFilter, first_day: datetime.date, last_day: datetime.date
    ) -> tuple[int, int]:
        """Events and their participants that start from ``first_day`` to ``last_day`` (both included)."""
        return queries.event_totals(self._connection, filter_, first_day, last_day)

    def filter_options(self, today: datetime.date | None = None) -> FilterOptions:
        """Return the options for the filter widgets and the year span the data covers (up to ``today``)."""
        return queries.filter_options(self._connection, today)

    def meeting_attendance(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Who was represented at each network-wide event of the filter's years, counted among the filtered members."""
        return queries.meeting_attendance(self._connection, filter_)

    def member_assessments(self, name: str) -> pd.DataFrame:
        """All self-assessments of one member: year, criterion_number, status (for its Steckbrief)."""
        return queries.member_assessments(self._connection, name)

    def member_flows_by_year(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Joins and leaves per year and type: year, member_type, joins, leaves (years in the filter range)."""
        return queries.member_flows_by_year(self._connection, filter_)

    def member_list(self, filter_: DashboardFilter, year: int | None = None) -> pd.DataFrame:
        """The filtered members (active in ``year`` when given) with what the member table shows, by name."""
        return queries.member_list(self._connection, filter_, year)

    def members_by_network(self, filter_: DashboardFilter, year: int) -> pd.DataFrame:
        """Filtered members active in ``year`` per regional network: network, members, states, population."""
        return queries.members_by_network(self._connection, filter_, year)

    def members_by_state(self, filter_: DashboardFilter, year: int) -> pd.DataFrame:
        """Members active in ``year`` per Land: state_code, members, population."""
        return queries.members_by_state(self._connection, filter_, year)

    def network_events(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Network-wide events (no member: Mitgliederversammlung, Symposium) in the filter's years, newest first."""
        return queries.network_events(self._connection, filter_)

    def report_submissions(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Four-year reports of the filtered members in the filter's years: name, year, submitted_on."""
        return queries.report_submissions(self._connection, filter_)

    def reporting_arrivals(self, filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
        """What arrived from the filtered members in ``year_from..year_to``: name, year, kind (the Meldestand)."""
        return queries.reporting_arrivals(self._connection, filter_, year_from, year_to)

    def reporting_members(self, filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
        """Filtered members of any year of the range: name, contact_point, join_year, leave_year, report_before."""
        return queries.reporting_members(self._connection, filter_, year_from, year_to)

    def self_help_by_member(self, filter_: DashboardFilter, year: int) -> pd.DataFrame:
        """Every filtered member active in ``year`` with its self-help figures of that year, by name."""
        return queries.self_help_by_member(self._connection, filter_, year)

    def self_help_by_topic(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Self-help groups per year and topic area: year, topic, groups, new_groups."""
        return queries.self_help_by_topic(self._connection, filter_)

    def self_help_by_year(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Self-help per year: year, groups, new_groups, reporting_members, population, groups_with_population."""
        return queries.self_help_by_year(self._connection, filter_)

    def self_help_member_years(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Groups per member and year in the filter's years: name, member_type, year, groups, population."""
        return queries.self_help_member_years(self._connection, filter_)

    def standard_criteria(self) -> pd.DataFrame:
        """The nine criteria as the data holds them: number, title (editable, never hard-coded)."""
        return queries.standard_criteria(self._connection)

    def standard_status_counts(self, filter_: DashboardFilter) -> pd.DataFrame:
        """Members per year, criterion and status in the filter's years: year, criterion_number, status, members."""
        return queries.standard_status_counts(self._connection, filter_)

    def standard_statuses(self, filter_: DashboardFilter, year: int) -> pd.DataFrame:
        """The self-assessments of ``year`` of every filtered member active in ``year``."""
        return queries.standard_statuses(self._connection, filter_, year)

    def standards_met_by_member(self, filter_: DashboardFilter, year: int) -> pd.DataFrame:
        """Each filtered member active in ``year`` with its latest self-assessment up to ``year``."""
        return queries.standards_met_by_member(self._connection, filter_, year)
