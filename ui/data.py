"""Cached access to the database for the pages: one engine per process, small cached frames.

Every query of ``data_access.queries`` is offered here under the same name, cached per
argument (the frozen filter is a good key) with a ttl, so figures written by another
process (a data steward's import on the shared database) appear within minutes even
without an explicit clear. A database that cannot be reached raises
``DatabaseUnavailableError``; nothing is cached then, so the next rerun tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from data_access import queries
from data_access.engine import Engine, database_url, read_connection
from data_access.setup import prepare_database

CACHE_SECONDS = 300
MAX_ENTRIES = 256


@st.cache_resource(show_spinner="Datenbank wird vorbereitet …")
def engine() -> Engine:
    """The process-wide engine; the first call migrates (and on a new SQLite file fills demo data)."""
    return prepare_database(database_url())


def _cached(query: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a query function (connection first) into a cached function of its other arguments."""

    def run(*arguments: Any) -> Any:
        with read_connection(engine()) as connection:
            return query(connection, *arguments)

    # Streamlit keys caches by function name and source; every wrapper has the same
    # source, so each gets its query's name to keep the caches apart.
    run.__name__ = run.__qualname__ = f"cached_{query.__name__}"
    run.__doc__ = query.__doc__
    return st.cache_data(ttl=CACHE_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)(run)


filter_options = _cached(queries.filter_options)
dataset_facts = _cached(queries.dataset_facts)
active_members_by_year = _cached(queries.active_members_by_year)
member_flows_by_year = _cached(queries.member_flows_by_year)
members_by_state = _cached(queries.members_by_state)
member_list = _cached(queries.member_list)
event_counts_by_year_and_type = _cached(queries.event_counts_by_year_and_type)
self_help_by_year = _cached(queries.self_help_by_year)
self_help_by_topic = _cached(queries.self_help_by_topic)
standards_met_by_member = _cached(queries.standards_met_by_member)
