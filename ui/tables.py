"""Tables on screen with German headers and formats: every table, events, council seats, Mindeststandards, reports.

The frames of ``views/`` carry English column keys; :func:`show_table` is where a table
gets its German headers (``domain.headers``) on screen, as ``ui.downloads.table_downloads``
is for the files. Column settings are given by English key, like everything else.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from domain.formatting import MISSING, enumeration  # a table's own default for a gap is the word "None"
from domain.headers import SHARE_KEYS, criterion_column, german_headers, header
from metrics.standards import MET_COLUMN, STATUS_SYMBOLS, criterion_label
from ui.clicks import row_to_profile
from ui.downloads import table_downloads
from ui.text import plain

DATE = st.column_config.DateColumn(format="DD.MM.YYYY", width=84)
COUNT = st.column_config.NumberColumn(format="localized")
YEAR = st.column_config.NumberColumn(format="%d")

# Column widths in pixels: the text (Source Sans, 14 px, measured in Chromium) plus the
# cell padding, so a column shows its header and its longest demo value uncut, and the
# visible columns together fit the content width of a 1440 px window (978 px beside the
# sidebar). tests/browser/test_browser_widths.py checks both at 1440 × 900.
EVENT_WIDTHS: dict[str, int] = {
    "event_type": 162,  # "Regionalnetzwerktreffen"
    "title": 334,  # "Regionalnetzwerk Nordrhein-Westfalen 2026, Treffen 3"
    "name": 222,  # "Landkreis Vorpommern-Greifswald"
    "state": 176,  # "Mecklenburg-Vorpommern"
    "participants": 102,
    "sessions": 74,
    "partners": 62,
    "event_format": 64,
}
MEMBER_EVENT_HIDDEN = ("end_date", "state", "sessions", "partners")
"""Columns of the member events table shown only on request: all ten do not fit beside each other."""
CRITERION_WIDTH = 66
"""A matrix column "Punkt 9" with its symbol; nine of them, the name and "Erfüllt" fit 1440 px."""


def hidden_note(headers: list[str]) -> str:
    """The caption under a table with columns hidden on screen: which, and how to show them (German)."""
    names = enumeration(headers)
    return (
        f"Weitere Spalten ({names}) blendet das Augen-Symbol oben rechts an der Tabelle ein; "
        "die CSV- und Excel-Dateien enthalten alle Spalten."
    )


def _german_arrow(table: pa.Table) -> pa.Table:
    """An Arrow table with German headers; its pandas metadata follows, so the pandas types stay (Int64)."""
    renamed = table.rename_columns([header(name) for name in table.column_names])
    metadata = table.schema.metadata or {}
    if b"pandas" not in metadata:
        return renamed
    described = json.loads(metadata[b"pandas"])
    for column in described.get("columns", []):
        for part in ("name", "field_name"):
            if isinstance(column.get(part), str):
                column[part] = header(column[part])
    return renamed.replace_schema_metadata({**metadata, b"pandas": json.dumps(described).encode()})


def show_table(frame: pd.DataFrame | pa.Table, *, column_config: dict[str, Any] | None = None, **options: Any) -> Any:
    """``st.dataframe`` of ``frame`` full width without index, under its German headers.

    ``frame`` may be the Arrow form a view model keeps (renaming it copies no data);
    ``column_config`` is keyed by the English column keys. A missing value (None, NA, NaN,
    NaT) reads :data:`MISSING` in every column, numbers and dates included, while the
    columns keep their types (``st.dataframe``'s ``placeholder``; column settings have no
    such option). Returns what ``st.dataframe`` returns (the selection, with ``on_select``).
    """
    if isinstance(frame, pa.Table) and SHARE_KEYS.intersection(frame.column_names):
        frame = frame.to_pandas()  # shares become whole percent in german_headers
    shown = _german_arrow(frame) if isinstance(frame, pa.Table) else german_headers(frame)
    config = None if column_config is None else {header(key): value for key, value in column_config.items()}
    options.setdefault("placeholder", MISSING)
    return st.dataframe(shown, hide_index=True, width="stretch", column_config=config, **options)


def event_table_view(shown: pd.DataFrame | pa.Table, table: pd.DataFrame, key: str) -> None:
    """Show an event table (sortable, searchable) and its CSV/XLSX downloads; ``shown`` may be its Arrow form.

    The member events (with Kommune and Land) hide end, Land, Angebote and Partner on screen,
    so the rest fits a 1440 px window uncut; the table's column menu shows them again.
    """
    hidden = MEMBER_EVENT_HIDDEN if "name" in table.columns else ()
    config: dict[str, Any] = {
        "start_date": DATE,
        "end_date": DATE,
        "title": st.column_config.TextColumn(width=EVENT_WIDTHS["title"]),
        "event_type": st.column_config.TextColumn(width=EVENT_WIDTHS["event_type"]),
        "name": st.column_config.TextColumn(width=EVENT_WIDTHS["name"]),
        "state": st.column_config.TextColumn(width=EVENT_WIDTHS["state"]),
        "event_format": st.column_config.TextColumn(width=EVENT_WIDTHS["event_format"]),
        "participants": st.column_config.NumberColumn(format="localized", width=EVENT_WIDTHS["participants"]),
        "sessions": st.column_config.NumberColumn(format="localized", width=EVENT_WIDTHS["sessions"]),
        "partners": st.column_config.NumberColumn(format="localized", width=EVENT_WIDTHS["partners"]),
    }
    for column in hidden:
        config[column] = {**config[column], "hidden": True}  # a column setting is a dict
    settings = {name: config[name] for name in table.columns if name in config}
    show_table(shown, key=f"{key}_table", column_config=settings)
    if hidden:
        st.caption(hidden_note([header(column) for column in hidden]))
    table_downloads(table, key.capitalize(), key=key)


def seat_table_view(seats: pd.DataFrame, subject: str, key: str) -> None:
    """Show seats (Kommune, Land, Seite, Amtszeit ab/bis) sortable and searchable, with CSV/XLSX."""
    show_table(seats, key=key, column_config={"term_start": DATE, "term_end": DATE})
    table_downloads(seats, subject, key=f"{key}_files")


def matrix_table(matrix: pd.DataFrame, criteria: pd.DataFrame) -> None:
    """The member × criterion matrix; each criterion column carries its title (from the data) as help."""
    config: dict[str, Any] = {
        "name": st.column_config.TextColumn(pinned=True, width=EVENT_WIDTHS["name"]),
        MET_COLUMN: st.column_config.ProgressColumn(
            "Erfüllt",
            format=f"%d von {len(criteria)}",
            min_value=0,
            max_value=len(criteria),
            help="Erfüllte Punkte",
            width=110,
        ),
    }
    for number, title in zip(criteria["number"], criteria["title"], strict=True):
        config[criterion_column(int(number))] = st.column_config.TextColumn(
            help=plain(str(title)), width=CRITERION_WIDTH
        )
    show_table(
        matrix,
        column_config=config,
        key="standards_matrix",
        on_select=row_to_profile("standards_matrix", matrix["name"].tolist()),
        selection_mode="single-row",
    )
    titles = zip(criteria["number"], criteria["title"], strict=True)
    st.caption(" · ".join(f"{symbol} {status}" for status, symbol in STATUS_SYMBOLS.items()))
    st.caption(" · ".join(f"{criterion_label(int(number))}: {plain(str(title))}" for number, title in titles))


def report_table(reports: pd.DataFrame) -> None:
    """Four-year report status per member, most urgent first."""
    show_table(reports, key="report_table", column_config={"joined": YEAR, "last_report_year": YEAR, "due_year": YEAR})
