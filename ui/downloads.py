"""Download buttons for tables: CSV for German Excel and typed XLSX, formula-neutralised."""

from __future__ import annotations

import datetime

import pandas as pd
import streamlit as st

from data_access.exporting import to_csv, to_xlsx


def table_cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows of plain Python values (None for gaps), as the writers expect."""
    rows = []
    for row in frame.itertuples(index=False):
        rows.append([None if pd.isna(value) else (value.item() if hasattr(value, "item") else value) for value in row])
    return rows


def table_downloads(frame: pd.DataFrame, subject: str, key: str) -> None:
    """CSV and XLSX buttons for exactly ``frame`` (its column names are the German headers)."""
    stem = f"GSN_{subject}_{datetime.date.today().isoformat()}"
    header = [str(column) for column in frame.columns]
    left, right = st.columns(2)
    # The files are built only when a button is clicked (deferred data), not on every rerun:
    # the Excel file of a thousand members took 67 ms, more than the rest of the page.
    left.download_button(
        "CSV herunterladen",
        lambda: to_csv(header, table_cells(frame)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        "Excel herunterladen",
        lambda: to_xlsx(header, table_cells(frame), subject[:31]),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        key=f"{key}_xlsx",
        on_click="ignore",
    )
