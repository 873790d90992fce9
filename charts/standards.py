"""Charts about the Mindeststandards: pure builders (data in, :class:`Figure` out)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure, named
from charts.german import german
from charts.members import YEAR_AXIS

STATUS_SCALE = alt.Scale(domain=["erfüllt", "teilweise", "nicht erfüllt"], range=["#0b6e4f", "#e0b01f", "#c43d5a"])
SHARE_COLOURS = ("#f7fcf5", "#4fb264")
"""The heat map's ramp, 0 % to 100 % fulfilled: Vega's "greens" from its palest to its middle.

Light enough that the dark cell labels keep 5:1 contrast or more on every cell. The whole
"greens" scheme ran into dark green, where neither dark nor white labels reach 4.5:1
around 75 % — exactly where most shares lie.
"""
CELL_LABEL_COLOUR = "#1a1a1a"
"""The cell labels' colour: the theme's text colour, as on the slide."""


def _criterion_shares() -> alt.TopLevelMixin:
    base = alt.Chart(named("shares")).encode(
        # Years upright: a column is wide enough for them, and a slide keeps their height for its nine rows.
        x=alt.X("year:O", title="Jahr", axis=alt.Axis(labelAngle=0, labelFlush=False)),
        # Every criterion is named, however tight the rows (a slide's big type made Vega drop every second one).
        y=alt.Y(
            "criterion:N",
            title=None,
            sort=alt.EncodingSortField("criterion_order"),
            axis=alt.Axis(labelOverlap=False),
        ),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "share:Q",
            title="Anteil erfüllt",
            scale=alt.Scale(domain=[0, 1], range=list(SHARE_COLOURS)),
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
    # No size on the mark: the text config decides (Vega's 11 px on a page, the body text's size on a slide).
    labels = base.mark_text(color=CELL_LABEL_COLOUR).encode(text=alt.Text("share:Q", format=".0%"))
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
