"""Charts about the Mindeststandards: pure builders (data in, :class:`Figure` out)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure, named
from charts.german import german
from charts.members import YEAR_AXIS

STATUS_SCALE = alt.Scale(domain=["erfüllt", "teilweise", "nicht erfüllt"], range=["#0b6e4f", "#e0b01f", "#c43d5a"])


def _criterion_shares() -> alt.TopLevelMixin:
    base = alt.Chart(named("shares")).encode(
        x=YEAR_AXIS,
        y=alt.Y("criterion:N", title=None, sort=alt.EncodingSortField("criterion_order")),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "share:Q",
            title="Anteil erfüllt",
            scale=alt.Scale(domain=[0, 1], scheme="greens"),
            legend=alt.Legend(format="%"),
        ),
        tooltip=[
            alt.Tooltip("year:O", title="Jahr"),
            alt.Tooltip("criterion:N", title="Punkt"),
            alt.Tooltip("title:N", title="Mindeststandard"),
            alt.Tooltip("share:Q", title="Anteil erfüllt", format=".0%"),
            alt.Tooltip("assessed:Q", title="Selbsteinschätzungen", format=",d"),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.condition("datum.share > 0.6", alt.value("white"), alt.value("#1b1b1b")),
    )
    return german(alt.layer(cells, labels).properties(height=alt.Step(30), width=alt.Step(46)))


def criterion_shares(shares: pd.DataFrame) -> Figure:
    """Share of members meeting each criterion per year as a heat map (``metrics.standards.criterion_shares``)."""
    rows = shares.assign(criterion_order=shares["criterion"].str.extract(r"(\d+)", expand=False).astype(int))
    return Figure(_criterion_shares, (), {"shares": rows.reset_index(drop=True)})


def _member_statuses() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("statuses"))
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("criterion_number:O", title="Punkt"),
            color=alt.Color("status:N", title="Status", scale=STATUS_SCALE, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("criterion_number:O", title="Punkt"),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
        .properties(height=alt.Step(26))
    )


def member_statuses(assessments: pd.DataFrame) -> Figure:
    """One member's self-assessments: year × criterion coloured by status (``member_assessments``)."""
    return Figure(_member_statuses, (), {"statuses": assessments[["year", "criterion_number", "status"]]})
