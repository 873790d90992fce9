"""The head of every page: title, the filter as a sentence, the "Stand" date, the demo badge."""

from __future__ import annotations

import streamlit as st

from data_access.filters import DashboardFilter
from metrics.german import format_date
from ui import data
from ui.text import plain


def page_header(title: str, filter_: DashboardFilter) -> tuple[int, int]:
    """Render the page head and return the year range the page shows (filter, else data span)."""
    options = data.filter_options()
    facts = data.dataset_facts()
    years = filter_.years(options.first_year, options.last_year)
    st.title(title)
    if facts.is_demo:
        st.badge("Beispieldaten", icon=":material/science:", color="orange")
    st.caption(f"{plain(filter_.describe(years))} · Stand: {format_date(facts.stand)}")
    return years
