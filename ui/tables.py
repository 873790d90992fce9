"""Table widgets of the analysis pages with German formats: events, council seats, Mindeststandards, reports."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from metrics.standards import MET_COLUMN, STATUS_SYMBOLS, criterion_label
from ui.clicks import row_to_profile
from ui.downloads import table_downloads
from ui.text import plain

DATE = st.column_config.DateColumn(format="DD.MM.YYYY")
COUNT = st.column_config.NumberColumn(format="localized")
YEAR = st.column_config.NumberColumn(format="%d")


def event_table_view(shown: pd.DataFrame | pa.Table, table: pd.DataFrame, key: str) -> None:
    """Show an event table (sortable, searchable) and its CSV/XLSX downloads; ``shown`` may be its Arrow form."""
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=f"{key}_table",
        column_config={
            "Beginn": DATE,
            "Ende": DATE,
            "Titel": st.column_config.TextColumn(width="large"),
            "Teilnehmende": COUNT,
            "Angebote": COUNT,
            "Partner": COUNT,
        },
    )
    table_downloads(table, key.capitalize(), key=key)


def seat_table_view(seats: pd.DataFrame, subject: str, key: str) -> None:
    """Show seats (Kommune, Land, Seite, Amtszeit ab/bis) sortable and searchable, with CSV/XLSX."""
    st.dataframe(
        seats,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={"Amtszeit ab": DATE, "Amtszeit bis": DATE},
    )
    table_downloads(seats, subject, key=f"{key}_files")


def matrix_table(matrix: pd.DataFrame, criteria: pd.DataFrame) -> None:
    """The member × criterion matrix; each criterion column carries its title (from the data) as help."""
    config: dict[str, object] = {
        "Kommune": st.column_config.TextColumn(pinned=True),
        MET_COLUMN: st.column_config.ProgressColumn(
            "Erfüllt", format=f"%d von {len(criteria)}", min_value=0, max_value=len(criteria), help="Erfüllte Punkte"
        ),
    }
    for number, title in zip(criteria["number"], criteria["title"], strict=True):
        config[criterion_label(int(number))] = st.column_config.TextColumn(help=plain(str(title)), width="small")
    st.dataframe(
        matrix,
        hide_index=True,
        width="stretch",
        column_config=config,
        key="standards_matrix",
        on_select=row_to_profile("standards_matrix", matrix["Kommune"].tolist()),
        selection_mode="single-row",
    )
    titles = zip(criteria["number"], criteria["title"], strict=True)
    st.caption(" · ".join(f"{symbol} {status}" for status, symbol in STATUS_SYMBOLS.items()))
    st.caption(" · ".join(f"{criterion_label(int(number))}: {plain(str(title))}" for number, title in titles))


def report_table(reports: pd.DataFrame) -> None:
    """Four-year report status per member, most urgent first."""
    st.dataframe(
        reports,
        hide_index=True,
        width="stretch",
        key="report_table",
        column_config={"Beitritt": YEAR, "Letzter Bericht": YEAR, "Fällig": YEAR},
    )
