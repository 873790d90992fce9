"""What a page shows when the database cannot be reached, and how it comes back by itself."""

from __future__ import annotations

import streamlit as st

from data_access.engine import DatabaseUnavailableError
from ui import data

RETRY_SECONDS = 10


def database_unavailable() -> None:
    """Say in German that the database is unreachable; retry every few seconds, rerun when it is back."""
    st.title("Datenbank nicht erreichbar")
    st.error(
        "Die Datenbank ist gerade nicht erreichbar. Die Seite versucht es alle "
        f"{RETRY_SECONDS} Sekunden erneut und lädt sich selbst neu, sobald die Datenbank wieder antwortet.",
        icon=":material/cloud_off:",
    )
    st.button("Jetzt erneut versuchen", icon=":material/refresh:")
    _watch_for_recovery()


@st.fragment(run_every=RETRY_SECONDS)
def _watch_for_recovery() -> None:
    try:
        data.filter_options.clear()
        data.filter_options()
    except DatabaseUnavailableError:
        return  # not back yet
    st.rerun(scope="app")
