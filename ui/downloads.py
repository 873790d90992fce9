"""Download buttons for tables: CSV for German Excel and typed XLSX, formula-neutralised."""

from __future__ import annotations

import datetime
import re
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from data_access.exporting import to_csv, to_xlsx
from domain.headers import german_headers


def _cell(value: object) -> object:
    """One value as the writers expect: None for gaps, dates as dates, yes/no in German, numpy as Python."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, bool | np.bool_):
        return "ja" if value else "nein"
    return value.item() if hasattr(value, "item") else value


def table_cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows of plain Python values, as the CSV and XLSX writers expect."""
    return [[_cell(value) for value in row] for row in frame.itertuples(index=False)]


def file_stem(subject: str, filter_part: str = "", today: datetime.date | None = None) -> str:
    """``GSN_<subject>_<filter>_<today>``, e.g. ``GSN_Mitglieder_SH_2015-2025_2026-11-30``.

    The subject is made safe for file and sheet names (no spaces, slashes, colons);
    ``filter_part`` is the selection (``Scope.file_part``), so downloads of different
    selections get different names. Words of the filter the subject already names (the
    Kommune in "Steckbrief_Veranstaltungen_Kiel") are not repeated.
    """
    subject = safe_subject(subject)
    named = f"_{subject.casefold()}_"
    words = [word for word in filter_part.split("_") if word and f"_{word.replace('-', '_').casefold()}_" not in named]
    day = (today or datetime.date.today()).isoformat()
    return "_".join(["GSN", subject, *words, day])


def safe_subject(subject: str) -> str:
    """The subject with every run of characters other than letters, digits, ``-`` and ``_`` as one ``_``."""
    return re.sub(r"[^\w-]+", "_", subject).strip("_")


def table_downloads(
    frame: pd.DataFrame, subject: str, key: str, context: str | None = None, filter_part: str | None = None
) -> None:
    """CSV and XLSX buttons for exactly ``frame``, under its German headers (``domain.headers``).

    The XLSX starts with a line saying what the table shows: ``context``, by default the
    page's filter sentence and "Stand" (the CSV stays plain rows, for machines). The file
    names carry the selection: ``filter_part``, by default the page's ``Scope.file_part``
    when the context is the page's, none with a context of its own (the Protokoll).
    """
    if context is None:
        from ui.filters import page_scope

        scope = page_scope()
        context = scope.context_line
        filter_part = scope.file_part if filter_part is None else filter_part
    stem = file_stem(subject, filter_part or "")
    subject = safe_subject(subject)
    shown = german_headers(frame)
    header = [str(column) for column in shown.columns]
    left, right = st.columns(2)
    # The files are built only when a button is clicked (deferred data), not on every rerun:
    # the Excel file of a thousand members cost more than the rest of the page (bench/load.py).
    left.download_button(
        "CSV herunterladen",
        lambda: to_csv(header, table_cells(shown)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        "Excel herunterladen",
        lambda: to_xlsx(header, table_cells(shown), subject[:31], title=context),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        key=f"{key}_xlsx",
        on_click="ignore",
    )


def empty_template_buttons(
    columns: list[Any], kind: str, header: list[str], title: str, label: str, key: str | None
) -> None:
    """CSV and XLSX buttons for the empty import template of ``kind`` (its ``header`` only), in two ``columns``.

    ``label`` starts the button texts ("Leere Vorlage" → "Leere Vorlage (CSV)"); the files
    are built only when clicked. Used by the Import page and by "Erste Schritte".
    """
    csv_column, xlsx_column = columns
    csv_column.download_button(
        f"{label} (CSV)",
        lambda: to_csv(header, []),
        file_name=f"GSN_Vorlage_{kind}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=None if key is None else f"{key}_csv",
    )
    xlsx_column.download_button(
        f"{label} (Excel)",
        lambda: to_xlsx(header, [], title),
        file_name=f"GSN_Vorlage_{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key=None if key is None else f"{key}_xlsx",
    )
