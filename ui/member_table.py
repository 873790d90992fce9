"""The member table widget with German formats, and the detail view of a selected member."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from metrics.members import member_facts
from ui.clicks import open_profile
from ui.tables import show_table
from ui.text import plain

YEAR = st.column_config.NumberColumn(format="%d")


def member_table_view(table: pd.DataFrame | pa.Table) -> int | None:
    """Show the member table (sortable, searchable); return the position of the selected row."""
    event = show_table(
        table,
        on_select="rerun",
        selection_mode="single-row",
        key="member_table",
        column_config={
            "name": st.column_config.TextColumn(pinned=True),
            "join_year": YEAR,
            # Years as numbers like "Bericht fällig" (right-aligned); a year missing reads "–" (ui.tables).
            "leave_year": YEAR,
            "last_report_year": YEAR,
            "population": st.column_config.NumberColumn(format="localized"),
            "standards_met": st.column_config.ProgressColumn(
                format="%d von 9", min_value=0, max_value=9, help="Erfüllte Punkte in der neuesten Selbsteinschätzung"
            ),
            "report_due_year": st.column_config.NumberColumn(
                format="%d", help="Vier Jahre nach Beitritt bzw. nach dem letzten Bericht"
            ),
        },
    )
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
