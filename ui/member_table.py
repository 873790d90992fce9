"""The member table widget with German formats, and the detail view of a selected member."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from domain.headers import header
from metrics.members import member_facts
from ui.clicks import open_profile
from ui.tables import EVENT_WIDTHS, hidden_note, show_table
from ui.text import plain

YEAR = st.column_config.NumberColumn(format="%d")
HIDDEN_COLUMNS = ("leave_year", "regional_network", "contact_point", "last_report_year", "report_due_year")
"""Shown on request only (the table's column menu), in the selected member's details and in the downloads.

All twelve columns do not fit a 1440 px window beside each other; these are the ones a
row's detail view repeats ("Regionalnetzwerk", "Kontaktstelle", "Vier-Jahres-Bericht …
fällig") or that are empty for nearly every member ("Austritt").
"""
MEMBER_WIDTHS: dict[str, int] = {
    "name": EVENT_WIDTHS["name"],  # "Landkreis Vorpommern-Greifswald"
    "member_type": 76,  # "Landkreis"
    "state": EVENT_WIDTHS["state"],  # "Mecklenburg-Vorpommern"
    "join_year": 90,  # "Mitglied seit"
    "population": 82,
    "standards_met": 160,  # "Mindeststandards erfüllt"
    "report_status": 102,  # "Berichtsstatus"
}
"""Pixel widths of the visible columns: text plus padding (see ``ui.tables``), 936 px with the row markers."""


def member_table_view(table: pd.DataFrame | pa.Table) -> int | None:
    """Show the member table (sortable, searchable); return the position of the selected row."""
    event = show_table(
        table,
        on_select="rerun",
        selection_mode="single-row",
        key="member_table",
        column_config={
            "name": st.column_config.TextColumn(pinned=True, width=MEMBER_WIDTHS["name"]),
            "member_type": st.column_config.TextColumn(width=MEMBER_WIDTHS["member_type"]),
            "state": st.column_config.TextColumn(width=MEMBER_WIDTHS["state"]),
            "join_year": st.column_config.NumberColumn(format="%d", width=MEMBER_WIDTHS["join_year"]),
            # Years as numbers like "Bericht fällig" (right-aligned); a year missing reads "–" (ui.tables).
            "leave_year": {**YEAR, "hidden": True},
            "regional_network": {**st.column_config.TextColumn(), "hidden": True},
            "contact_point": {**st.column_config.TextColumn(), "hidden": True},
            "last_report_year": {**YEAR, "hidden": True},
            "population": st.column_config.NumberColumn(format="localized", width=MEMBER_WIDTHS["population"]),
            "standards_met": st.column_config.ProgressColumn(
                format="%d von 9",
                min_value=0,
                max_value=9,
                help="Erfüllte Punkte in der neuesten Selbsteinschätzung",
                width=MEMBER_WIDTHS["standards_met"],
            ),
            "report_due_year": {
                **st.column_config.NumberColumn(
                    format="%d", help="Vier Jahre nach Beitritt bzw. nach dem letzten Bericht"
                ),
                "hidden": True,
            },
            "report_status": st.column_config.TextColumn(width=MEMBER_WIDTHS["report_status"]),
        },
    )
    st.caption(hidden_note([header(column) for column in HIDDEN_COLUMNS]))
    rows = event.selection.rows if event is not None else []
    return rows[0] if rows else None


def facts_grid(facts: dict[str, str], per_row: int = 4) -> None:
    """Label above value, ``per_row`` to a row; every value shown as plain text."""
    columns = st.columns(per_row)
    for position, (label, value) in enumerate(facts.items()):
        with columns[position % per_row]:
            st.caption(label)
            st.markdown(f"**{plain(value)}**")


def member_details(row: pd.Series) -> None:
    """A short profile of the selected member below the table, with the way to its Steckbrief."""
    name = str(row["name"])
    with st.container(border=True):
        st.markdown(f"#### {plain(name)}")
        facts_grid(member_facts(row))
        st.button("Steckbrief öffnen", on_click=open_profile, args=(name,), icon=":material/badge:")
