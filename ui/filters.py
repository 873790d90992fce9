"""The shared filter of the current run, read from the URL.

The filter widgets bound to the URL come with the dashboard shell (next issue); until
then a link with ``?land=SH&von=2015`` already filters every page.
"""

from __future__ import annotations

import streamlit as st

from data_access.filters import URL_KEYS, DashboardFilter
from ui import data


def current_filter() -> DashboardFilter:
    """Build the filter from the URL; unknown networks and members are dropped."""
    options = data.filter_options()
    params = {key: st.query_params.get_all(key) for key in URL_KEYS}
    return DashboardFilter.from_query_params(
        params, known_networks=options.networks, known_members=options.members, latest_year=options.last_year + 1
    )
