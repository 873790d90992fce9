"""Every read of the dashboard: small aggregated DataFrames, computed in SQL.

Each function takes an open connection and a :class:`DashboardFilter` and returns a few
dozen to a few thousand rows, never a whole table: the database groups and counts, pandas
only carries the result. Statements are SQLAlchemy expressions, so every value is a
bound parameter. Column names of the returned frames are part of the contract with
``metrics/`` and ``charts/``. The functions live in modules by subject and are all
importable from here.
"""

from data_access.queries.activity import event_counts_by_year_and_type, self_help_by_topic, self_help_by_year
from data_access.queries.audit import AUDIT_LIST_LIMIT, audit_entries, audit_facets
from data_access.queries.common import member_conditions, summary_conditions
from data_access.queries.dataset import DatasetFacts, FilterOptions, data_version, dataset_facts, filter_options
from data_access.queries.events import (
    EVENT_LIST_LIMIT,
    event_list,
    event_totals,
    meeting_attendance,
    network_events,
)
from data_access.queries.members import active_members_by_year, member_flows_by_year, member_list, members_by_state
from data_access.queries.networks import council_seats, members_by_network
from data_access.queries.reporting_status import reporting_arrivals, reporting_members
from data_access.queries.selfhelp import self_help_by_member, self_help_member_years
from data_access.queries.standards import (
    member_assessments,
    report_submissions,
    standard_criteria,
    standard_status_counts,
    standard_statuses,
    standards_met_by_member,
)

__all__ = [
    "AUDIT_LIST_LIMIT",
    "EVENT_LIST_LIMIT",
    "DatasetFacts",
    "FilterOptions",
    "active_members_by_year",
    "audit_entries",
    "audit_facets",
    "council_seats",
    "data_version",
    "dataset_facts",
    "event_counts_by_year_and_type",
    "event_list",
    "event_totals",
    "filter_options",
    "meeting_attendance",
    "member_assessments",
    "member_conditions",
    "member_flows_by_year",
    "member_list",
    "members_by_network",
    "members_by_state",
    "network_events",
    "report_submissions",
    "reporting_arrivals",
    "reporting_members",
    "self_help_by_member",
    "self_help_by_topic",
    "self_help_by_year",
    "self_help_member_years",
    "standard_criteria",
    "standard_status_counts",
    "standard_statuses",
    "standards_met_by_member",
    "summary_conditions",
]
