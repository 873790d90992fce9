"""Daten → Bearbeiten: a member's rows in ``st.data_editor``, saved through the import's checks.

Cells are changed in place; a row is deleted by ticking "löschen" and confirming in a
dialog. The outcome of a save is kept in the session for the next run, so that after a
save the table is reloaded at once and the message stays in view.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.accounts import Account
from data_access.engine import DatabaseBusyError
from data_access.importing.editing import ConcurrentEditError, load_rows, row_key, save_rows
from data_access.importing.preview import changed_cells, problem_rows
from data_access.importing.templates import TEMPLATES, Column
from data_access.importing.validation import key_text
from ui import data
from ui.downloads import table_cells
from ui.text import plain

LOADED_KEY = "gsn_edit_loaded"
OUTCOME_KEY = "gsn_edit_outcome"
DELETE_COLUMN = "löschen"


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


def _save(
    kind: str, header: list[str], rows: list[list], edited: list[list], marked: frozenset[int], account: Account
) -> None:
    """Save and keep the outcome (kind of message, text, table) for the next run."""
    try:
        plan = save_rows(data.engine(), kind, header, rows, edited, account, delete=marked)
    except (ConcurrentEditError, DatabaseBusyError) as problem:
        st.session_state[OUTCOME_KEY] = ("error", str(problem), None)
        return
    if not plan.accepted:
        st.session_state[OUTCOME_KEY] = ("error", "Nicht gespeichert; bitte diese Zeilen prüfen:", problem_rows(plan))
        return
    if not plan.updates and not plan.deletes:
        st.session_state[OUTCOME_KEY] = ("info", "Keine Änderungen.", None)
        return
    data.clear_caches()  # every page shows the new figures on its next run
    reload()
    parts = []
    if plan.updates:
        parts.append(f"{len(plan.updates)} {'Zeile' if len(plan.updates) == 1 else 'Zeilen'} gespeichert")
    if plan.deletes:
        parts.append(f"{len(plan.deletes)} {'Zeile' if len(plan.deletes) == 1 else 'Zeilen'} gelöscht")
    st.session_state[OUTCOME_KEY] = ("success", ", ".join(parts) + ".", changed_cells(plan) or None)


def _show_outcome() -> None:
    """The message of the last save (once)."""
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if outcome is None:
        return
    level, message, table = outcome
    icons = {"error": ":material/error:", "info": ":material/check:", "success": ":material/check_circle:"}
    getattr(st, level)(plain(message), icon=icons[level])
    if table:
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", placeholder="–", key="edit_outcome")


@st.dialog("Zeilen löschen?")
def _confirm(
    kind: str, header: list[str], rows: list[list], edited: list[list], marked: frozenset[int], account: Account
) -> None:
    """Name the rows to delete and delete them only on an explicit second click."""
    keys = [key_text(row_key(kind, header, rows[position])) for position in sorted(marked)]
    st.write(f"{len(keys)} {'Zeile wird' if len(keys) == 1 else 'Zeilen werden'} endgültig gelöscht:")
    st.dataframe(pd.DataFrame({"Zeile": keys}), hide_index=True, width="stretch", placeholder="–")
    st.caption("Das Protokoll behält die gelöschten Werte. Andere Änderungen in der Tabelle werden mitgespeichert.")
    if st.button("Endgültig löschen", type="primary", icon=":material/delete:", key="edit_delete_confirm"):
        _save(kind, header, rows, edited, marked, account)
        st.rerun()


def _column_config(column: Column) -> object:
    """A choice as a list to pick from, a date as TT.MM.JJJJ, each with the template's one-line help."""
    if column.choices:
        return st.column_config.SelectboxColumn(help=column.description, options=list(column.choices))
    if column.is_date:
        return st.column_config.DateColumn(help=column.description, format="DD.MM.YYYY")
    return st.column_config.Column(help=column.description)


def edit_rows(kind: str, member: str | None, account: Account) -> None:
    """Show the editor for ``kind`` and ``member``; "Speichern" writes the changes or explains why not."""
    template = TEMPLATES[kind]
    header, rows = _loaded(kind, member)
    _show_outcome()
    if not rows:
        st.info("Für diese Auswahl gibt es noch keine Zeilen. Neue Zeilen kommen über Daten → Import.")
        return
    frame = pd.DataFrame(rows, columns=header)
    if not template.per_member and not account.may_change(None):
        st.info("Diese Angaben gelten für das ganze Netzwerk; ändern kann sie die Geschäftsstelle.")
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="–")
        return
    frame.insert(0, DELETE_COLUMN, False)
    keys = list(template.natural_key)
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=keys,  # the key says which row it is; change it by import, not by typing over it
        key=f"editor_{kind}_{member}",
        column_config={
            DELETE_COLUMN: st.column_config.CheckboxColumn(
                "löschen", help="Zeile zum Löschen vormerken; gelöscht wird erst nach einer Rückfrage."
            ),
            **{column.name: _column_config(column) for column in template.columns},
        },
    )
    st.caption(
        f"Schlüsselspalten ({', '.join(keys)}) sind gesperrt; neue Zeilen kommen über Daten → Import. "
        "Jede Änderung steht danach im Protokoll."
    )
    save, again = st.columns([1, 4])
    again.button("Neu laden", on_click=reload, icon=":material/refresh:")
    if not save.button("Speichern", type="primary", icon=":material/save:"):
        return
    marked = frozenset(position for position, flag in enumerate(edited[DELETE_COLUMN]) if bool(flag))
    cells = table_cells(edited.drop(columns=DELETE_COLUMN))
    if marked:
        _confirm(kind, header, rows, cells, marked, account)
        return
    _save(kind, header, rows, cells, marked, account)
    st.rerun()
