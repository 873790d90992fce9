"""Cached access to the database for the pages: one engine per process, small cached frames.

Caches have a ttl so figures written by another process (a data steward's import on
the shared database) appear within minutes even without an explicit clear.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import queries
from data_access.engine import Engine, database_url, read_connection
from data_access.filters import DashboardFilter
from data_access.setup import prepare_database

CACHE_SECONDS = 300


@st.cache_resource(show_spinner="Datenbank wird vorbereitet …")
def engine() -> Engine:
    """The process-wide engine; the first call migrates (and on a new SQLite file fills demo data)."""
    return prepare_database(database_url())


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def filter_options() -> queries.FilterOptions:
    """Options of the filter widgets and the year span of the data."""
    with read_connection(engine()) as connection:
        return queries.filter_options(connection)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def dataset_facts() -> queries.DatasetFacts:
    """The data set's "Stand" and demo flag."""
    with read_connection(engine()) as connection:
        return queries.dataset_facts(connection)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=256, show_spinner=False)
def active_members_by_year(filter_: DashboardFilter, year_from: int, year_to: int) -> pd.DataFrame:
    """Active members per year and type for the filter."""
    with read_connection(engine()) as connection:
        return queries.active_members_by_year(connection, filter_, year_from, year_to)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=256, show_spinner=False)
def event_counts_by_year_and_type(filter_: DashboardFilter) -> pd.DataFrame:
    """Events per year and type for the filter."""
    with read_connection(engine()) as connection:
        return queries.event_counts_by_year_and_type(connection, filter_)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=256, show_spinner=False)
def members_by_state(filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Members active in ``year`` per Land for the filter."""
    with read_connection(engine()) as connection:
        return queries.members_by_state(connection, filter_, year)
