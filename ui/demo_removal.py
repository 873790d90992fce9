"""The "Beispieldaten entfernen" button for administrators (``python -m data_access demo --entfernen``).

Shown on the Import page only to an administrator, only while the database holds demo
rows and may be written. A dialog names what will be deleted (counts per kind) and what is
kept because real data refers to it, before anything happens; the removal itself is
``data_access.demo_removal.remove_demo_data`` in one write transaction, audited under the
administrator's name.
"""

from __future__ import annotations

import streamlit as st

from data_access.accounts import Account
from data_access.demo_removal import has_demo_rows, plan_removal, remove_demo_data
from data_access.engine import DatabaseBusyError, read_connection, write_transaction
from ui import data
from ui.text import plain

AUDIT_SOURCE = "Beispieldaten entfernen (Browser)"
DONE_KEY = "demo_removal_done"
ASKED_KEY = "demo_removal_asked"
"""Set while the confirmation is open: the dialog is drawn again on every run until confirmed or dismissed."""


def _close() -> None:
    st.session_state.pop(ASKED_KEY, None)


def _demo_rows_present() -> bool:
    """Whether there is demo data to remove (the cached flag first, so other databases pay nothing)."""
    if not data.dataset_facts().is_demo:
        return False
    with read_connection(data.engine()) as connection:
        return has_demo_rows(connection)


@st.dialog("Beispieldaten entfernen", on_dismiss=_close)
def _confirm(account: Account) -> None:
    with read_connection(data.engine()) as connection:
        planned = plan_removal(connection)
    st.markdown(f"Gelöscht werden: **{plain(planned.sentence())}**.")
    if planned.kept_sentence():
        st.markdown(
            f"Behalten, weil eingelesene Daten darauf verweisen (sie gelten danach als eigene Daten): "
            f"{plain(planned.kept_sentence())}."
        )
    st.markdown(
        "Alles, was eingelesen oder bearbeitet wurde, bleibt erhalten. Die Löschung steht im Änderungsprotokoll "
        "und lässt sich nicht rückgängig machen."
    )
    confirm, cancel = st.columns(2)
    if cancel.button("Abbrechen", key="demo_removal_cancel", width="stretch"):
        _close()
        st.rerun()
    if confirm.button(
        "Endgültig entfernen", type="primary", icon=":material/delete_forever:", key="demo_removal_confirm"
    ):
        try:
            with write_transaction(data.engine()) as connection:
                removal = remove_demo_data(connection, actor=account.name, source=AUDIT_SOURCE)
        except DatabaseBusyError as problem:
            st.error(str(problem), icon=":material/sync_problem:")
            return
        data.clear_caches()
        _close()
        st.session_state[DONE_KEY] = removal.sentence()
        st.rerun()


def demo_removal_section(account: Account) -> None:
    """The administrator's "Beispieldaten entfernen" button (nothing for editors, or without demo rows)."""
    done = st.session_state.pop(DONE_KEY, None)
    if done is not None:
        st.success(f"Beispieldaten entfernt: {plain(done)}.", icon=":material/check_circle:")
    if not account.is_admin or not data.writable() or not _demo_rows_present():
        return
    st.caption("Die Datenbank enthält Beispieldaten. Vor dem Einlesen eigener Daten können sie entfernt werden.")
    if st.button("Beispieldaten entfernen", icon=":material/delete_sweep:", key="demo_removal_open"):
        st.session_state[ASKED_KEY] = True
    if st.session_state.get(ASKED_KEY):
        _confirm(account)
