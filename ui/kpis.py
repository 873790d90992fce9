"""KPI cards: the Überblick's KPIs (``views.overview``) rendered as st.metric."""

from __future__ import annotations

import streamlit as st

from metrics.kpis import Kpi
from metrics.periods import Periods
from ui.text import plain


def kpi_cards(kpis: tuple[Kpi, ...], periods: Periods, per_row: int = 4) -> None:
    """Show the KPIs as cards, ``per_row`` to a row, each with change and help text."""
    for start in range(0, len(kpis), per_row):
        columns = st.columns(per_row, border=True)
        for column, kpi in zip(columns, kpis[start : start + per_row], strict=False):
            change = kpi.change_text(periods.previous_label)
            column.metric(
                kpi.label,
                kpi.text,
                change,
                help=kpi.help,
                delta_color="off" if kpi.neutral else "normal",
                delta_arrow="off" if kpi.neutral else "auto",
            )
            if kpi.period:
                column.caption(plain(kpi.period))  # the card's own period: every card says what it counts
