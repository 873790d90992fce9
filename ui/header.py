"""The head of every page: title, the filter as a sentence, the "Stand" date, the demo badge."""

from __future__ import annotations

import streamlit as st

from ui.text import plain
from views.scope import Scope


def page_header(title: str, scope: Scope) -> None:
    """Render the page head: title, demo badge, and the scope's filter sentence with its Stand."""
    st.title(title)
    if scope.is_demo:
        st.badge("Beispieldaten", icon=":material/science:", color="orange")
    st.caption(plain(scope.context_line))
