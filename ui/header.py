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
    st.caption(plain(context_line(filter_)))
    return years


def context_line(filter_: DashboardFilter) -> str:
    """The filter as a sentence and the "Stand" date: what every page, download and slide says it shows."""
    options = data.filter_options()
    years = filter_.years(options.first_year, options.last_year)
    return f"{filter_.describe(years)} · Stand: {format_date(data.dataset_facts().stand)}"
