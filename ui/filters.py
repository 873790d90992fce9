"""The shared filter sidebar: widgets bound to the URL, and the filter object built from them.

Each widget is bound with ``bind="query-params"`` under the DESIGN.md name, so the
address bar always holds the current view and a shared link reopens it. Bound widgets
take their values from the URL as formatted option strings, which is why the Land
picker lists codes (``SH``): ``land`` carries codes by contract. The page head repeats
the whole filter as a German sentence with full names.
"""

from __future__ import annotations

import streamlit as st

from data_access.filters import URL_KEYS, DashboardFilter
from data_access.reference import STATES, german_sort_key
from ui import data

FILTER_STATE_KEY = "gsn_filter"
MULTI_KEYS = ("land", "art", "netzwerk", "veranstaltung")


def reset_filters() -> None:
    """Callback of "Filter zurücksetzen": every widget to its default, which clears the URL."""
    for key in MULTI_KEYS:
        st.session_state[key] = []
    for key in ("von", "bis", "kommune"):
        st.session_state[key] = None


def set_filter_value(key: str, value: str | list[str] | None) -> None:
    """Set one filter widget (a chart click, a table selection); the URL follows."""
    st.session_state[key] = value


def sidebar_filter() -> DashboardFilter:
    """Render the filter sidebar and return the filter of this run (also kept in session state)."""
    options = data.filter_options()
    years = list(range(options.first_year, options.last_year + 1))
    states = sorted(options.states, key=lambda code: german_sort_key(STATES[code]))
    with st.sidebar:
        st.subheader("Filter")
        st.multiselect(
            "Bundesland",
            states,
            key="land",
            bind="query-params",
            placeholder="Alle Länder",
            help="Kürzel: " + ", ".join(f"{code} {STATES[code]}" for code in states),
        )
        st.multiselect("Art", options.member_types, key="art", bind="query-params", placeholder="Alle Arten")
        year_from, year_to = st.columns(2)
        year_from.selectbox(
            "Von", years, index=None, key="von", bind="query-params", placeholder=str(options.first_year)
        )
        year_to.selectbox("Bis", years, index=None, key="bis", bind="query-params", placeholder=str(options.last_year))
        st.multiselect(
            "Regionalnetzwerk", options.networks, key="netzwerk", bind="query-params", placeholder="Alle Netzwerke"
        )
        st.selectbox(
            "Kommune", options.members, index=None, key="kommune", bind="query-params", placeholder="Alle Kommunen"
        )
        st.multiselect(
            "Veranstaltungsart",
            options.event_types,
            key="veranstaltung",
            bind="query-params",
            placeholder="Alle Veranstaltungsarten",
        )
        st.button("Filter zurücksetzen", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")
    state = st.session_state
    filter_ = DashboardFilter(
        states=tuple(state.get("land") or ()),
        member_types=tuple(state.get("art") or ()),
        year_from=state.get("von"),
        year_to=state.get("bis"),
        networks=tuple(state.get("netzwerk") or ()),
        member=state.get("kommune"),
        event_types=tuple(state.get("veranstaltung") or ()),
    )
    state[FILTER_STATE_KEY] = filter_
    return filter_


def current_filter() -> DashboardFilter:
    """The filter of this run: the sidebar's, or (a page run on its own) the URL's."""
    existing = st.session_state.get(FILTER_STATE_KEY)
    if isinstance(existing, DashboardFilter):
        return existing
    options = data.filter_options()
    params = {key: st.query_params.get_all(key) for key in URL_KEYS}
    return DashboardFilter.from_query_params(
        params, known_networks=options.networks, known_members=options.members, latest_year=options.last_year + 1
    )
