"""What a page shows when the database cannot be reached, and how it comes back by itself."""

from __future__ import annotations

import streamlit as st

from data_access.engine import DatabaseBusyError, DatabaseUnavailableError
from ui import data

RETRY_SECONDS = 10


def database_unavailable(problem: DatabaseUnavailableError | None = None) -> None:
    """Say in German that the database is unreachable (or busy); retry every few seconds, rerun when it is back.

    The driver's message (host, port, database, path) is never shown: it helps an attacker
    and no reader. A login stays in the session and holds again when the database is back.
    """
    if isinstance(problem, DatabaseBusyError):
        st.title("Datenbank belegt")
        reason = "Die Datenbank ist gerade durch einen anderen Schreibvorgang belegt."
    else:
        st.title("Datenbank nicht erreichbar")
        reason = "Die Datenbank ist gerade nicht erreichbar."
    st.error(
        f"{reason} Die Seite versucht es alle {RETRY_SECONDS} Sekunden erneut und lädt sich selbst neu, "
        "sobald die Datenbank wieder antwortet.",
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
