"""Daten → Bearbeiten: a member's rows in ``st.data_editor``, saved through the import's checks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.accounts import Account
from data_access.importing.editing import ConcurrentEditError, load_rows, save_rows
from data_access.importing.preview import changed_cells, problem_rows
from data_access.importing.templates import TEMPLATES
from ui import data
from ui.downloads import table_cells
from ui.text import plain

LOADED_KEY = "gsn_edit_loaded"


def _loaded(kind: str, member: str | None) -> tuple[list[str], list[list]]:
    """The rows as loaded for this kind and member, kept until saved or reloaded (the concurrency baseline)."""
    key = (kind, member)
    stored = st.session_state.get(LOADED_KEY)
    if not stored or stored[0] != key:
        st.session_state[LOADED_KEY] = (key, *load_rows(data.engine(), kind, member))
    _, header, rows = st.session_state[LOADED_KEY]
    return header, rows


def reload() -> None:
    """Forget the loaded rows and the editor's edits: the next run shows the database as it is."""
    st.session_state.pop(LOADED_KEY, None)
    for key in [key for key in st.session_state if str(key).startswith("editor_")]:
        del st.session_state[key]


def edit_rows(kind: str, member: str | None, account: Account) -> None:
    """Show the editor for ``kind`` and ``member``; "Speichern" writes the changed cells or explains why not."""
    template = TEMPLATES[kind]
    header, rows = _loaded(kind, member)
    if not rows:
        st.info("Für diese Auswahl gibt es noch keine Zeilen. Neue Zeilen kommen über Daten → Import.")
        return
    frame = pd.DataFrame(rows, columns=header)
    keys = list(template.natural_key)
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=keys,  # the key says which row it is; change it by import, not by typing over it
        key=f"editor_{kind}_{member}",
        column_config={column.name: st.column_config.Column(help=column.description) for column in template.columns},
    )
    st.caption(f"Schlüsselspalten ({', '.join(keys)}) sind gesperrt; neue Zeilen kommen über Daten → Import.")
    save, again = st.columns([1, 4])
    again.button("Neu laden", on_click=reload, icon=":material/refresh:")
    if not save.button("Speichern", type="primary", icon=":material/save:"):
        return
    try:
        plan = save_rows(data.engine(), kind, header, rows, table_cells(edited), account)
    except ConcurrentEditError as problem:
        st.error(str(problem), icon=":material/sync_problem:")
        return
    if not plan.accepted:
        st.error("Nicht gespeichert; bitte diese Zellen prüfen:", icon=":material/error:")
        st.dataframe(pd.DataFrame(problem_rows(plan)), hide_index=True, width="stretch")
        return
    if not plan.updates:
        st.info("Keine Änderungen.", icon=":material/check:")
        return
    data.clear_caches()
    reload()
    count = len(plan.updates)
    st.success(f"{count} {'Zeile' if count == 1 else 'Zeilen'} gespeichert.", icon=":material/check_circle:")
    st.dataframe(pd.DataFrame(changed_cells(plan)), hide_index=True, width="stretch")
    st.caption(plain("Die Tabelle oben zeigt nach dem nächsten Klick den neuen Stand."))
