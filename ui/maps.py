"""Chart clicks that filter: a selected Land or member goes into the shared URL-bound filter."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import data
from ui.filters import set_filter_value


def selection_to_filter(chart_key: str, selection: str, field: str, url_key: str) -> Callable[[], None]:
    """A chart ``on_select`` callback: put the clicked ``field`` value into the ``url_key`` widget.

    ``land`` and the other multi-value keys get a one-element list; ``kommune`` the name.
    An empty click (outside any mark) changes nothing, and so does a click on a Land
    without any member (a grey tile): the filter offers only values that exist.
    """

    def apply() -> None:
        state = st.session_state.get(chart_key)
        points = (state or {}).get("selection", {}).get(selection) or []
        values = [point[field] for point in points if field in point]
        options = data.filter_options()
        allowed = options.members if url_key == "kommune" else options.states
        if not values or values[0] not in allowed:
            return
        set_filter_value(url_key, values[0] if url_key == "kommune" else [values[0]])

    return apply
