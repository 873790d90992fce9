"""A print layout for one-page handouts (the Steckbrief): no sidebar, no buttons, tighter spacing.

The style sheet is a constant of this module, never built from data, so ``st.html`` shows
no database text (DESIGN.md: no user data through HTML).
"""

from __future__ import annotations

import streamlit as st

PRINT_STYLE = """
<style>
@media print {
  @page { size: A4 portrait; margin: 8mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stExpander"], [data-testid="stDownloadButton"],
  [data-testid="stElementToolbar"], [data-testid="stSelectbox"], [data-testid="stButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stMain"] { zoom: 0.48; }
  [data-testid="stVerticalBlock"] { gap: 0.35rem !important; }
  h1 { font-size: 1.8rem !important; padding: 0 !important; }
}
</style>
"""


def print_layout() -> None:
    """Add the print style sheet to the page (it changes nothing on screen)."""
    st.html(PRINT_STYLE)
