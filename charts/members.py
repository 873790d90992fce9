"""Charts about members: pure Altair builders (data in, chart out; no Streamlit, no SQL)."""

from __future__ import annotations

import altair as alt
import pandas as pd


def members_per_year(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars of active members per year by type (``active_members_by_year`` columns)."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Jahr"),
            y=alt.Y("sum(members):Q", title="Mitglieder"),
            color=alt.Color("member_type:N", title="Art"),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("member_type:N", title="Art"),
                alt.Tooltip("members:Q", title="Mitglieder", format=",d"),
            ],
        )
    )
