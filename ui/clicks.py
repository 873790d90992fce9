"""Chart clicks that filter: a clicked Land, member, type or network goes into the shared URL-bound filter."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from charts.figure import ClickTarget
from ui import data
from ui.filters import set_filter_value

PROFILE_PAGE = "app_pages/steckbrief.py"
_OPEN_PROFILE = "gsn_open_profile"


def _allowed(url_key: str) -> tuple[str, ...]:
    options = data.filter_options()
    return {
        "land": options.states,
        "kommune": options.members,
        "veranstaltung": options.event_types,
        "netzwerk": options.networks,
        "art": options.member_types,
    }[url_key]


def clicked_value(chart_key: str, selection: str, field: str) -> str | None:
    """The ``field`` of the first point selected in chart ``chart_key``'s ``selection``, if any."""
    state = st.session_state.get(chart_key)
    points = (state or {}).get("selection", {}).get(selection) or []
    values = [point[field] for point in points if field in point]
    return values[0] if values else None


def click_handler(chart_key: str, target: ClickTarget) -> Callable[[], None]:
    """A chart ``on_select`` callback: do what ``target`` says with the clicked value.

    A filter key gets the value (``kommune`` the name, the multi-value keys a one-element
    list); ``opens_profile`` also opens the member's Steckbrief. An empty click (outside
    any mark) changes nothing, and so does a value the filter does not offer (a grey Land
    tile without members, "ohne Regionalnetzwerk", a group of members): the filter holds
    only values that exist.
    """

    def apply() -> None:
        value = clicked_value(chart_key, target.selection, target.field)
        if value is None or value not in _allowed(target.url_key):
            return
        if target.opens_profile:
            open_profile(value)
        else:
            set_filter_value(target.url_key, value if target.url_key == "kommune" else [value])

    return apply


def open_profile(name: str) -> None:
    """Callback: select member ``name`` in the filter and ask for its Steckbrief (:func:`follow_profile_request`)."""
    if name in _allowed("kommune"):
        set_filter_value("kommune", name)
        st.session_state[_OPEN_PROFILE] = True


def row_to_profile(table_key: str, names: list[str]) -> Callable[[], None]:
    """A table ``on_select`` callback that opens the Steckbrief of the selected row's member.

    ``names`` are the table's member names in row order: a selection reports positions in
    the data as given, whatever order the reader sorted the table into.
    """

    def apply() -> None:
        state = st.session_state.get(table_key)
        rows = state.selection.rows if state is not None else []
        if rows and rows[0] < len(names):
            open_profile(names[rows[0]])

    return apply


def follow_profile_request() -> None:
    """Switch to the Steckbrief if a click asked for it; the URL keeps the whole filter.

    Called by ``dashboard.py`` right after the sidebar, not where the click happened: the
    click changes the filter, and the widget that was clicked (a table row selection) may
    not be drawn again on the run that follows.
    """
    if st.session_state.pop(_OPEN_PROFILE, False):
        # An empty mapping, not the filter: Streamlit refuses bound keys in switch_page and
        # refuses to clear them (the default None). The bound filter widgets keep their
        # state and write the URL themselves on the Steckbrief (checked in tests/browser/test_browser.py).
        st.switch_page(PROFILE_PAGE, query_params={})
