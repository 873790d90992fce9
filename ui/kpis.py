"""KPI cards: the Überblick's KPIs (``views.overview``) rendered as st.metric.

On a phone Streamlit stacks columns one below the other, so eight cards would fill four
screens; the style sheet keeps two cards to a row there, with figures small enough to fit
half a phone ("28.716.900", not "28.716…") and a change that wraps instead of ending in "…"
("+11 ggü. 1.1.–30.11.2025"). It is a constant of this module,
never built from data (DESIGN.md: no user data through HTML).
"""

from __future__ import annotations

import streamlit as st

from metrics.kpis import Kpi
from metrics.periods import Periods
from ui.text import plain

CARDS_KEY = "kpi_cards"
NARROW_SCREEN_PX = 640
"""Streamlit 1.67 stacks columns up to this width (its theme breakpoint ``columns``); there two cards share a row."""
CARDS_STYLE = f"""
<style>
@media (max-width: {NARROW_SCREEN_PX}px) {{
  .st-key-{CARDS_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap !important; }}
  .st-key-{CARDS_KEY} [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; max-width: calc(50% - 0.5rem) !important;
  }}
  .st-key-{CARDS_KEY} [data-testid="stMetricValue"] * {{ font-size: 1.5rem !important; }}
  .st-key-{CARDS_KEY} [data-testid="stMetricDelta"] * {{ white-space: normal !important; }}
}}
</style>
"""


def kpi_cards(kpis: tuple[Kpi, ...], periods: Periods, per_row: int = 4) -> None:
    """Show the KPIs as cards, ``per_row`` to a row (two on a phone), each with change and help text."""
    cards = st.container(key=CARDS_KEY)
    cards.html(CARDS_STYLE)
    for start in range(0, len(kpis), per_row):
        columns = cards.columns(per_row, border=True)
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
