"""Charts about members: pure Altair builders (data in, chart out; no Streamlit, no SQL)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.german import german
from data_access.reference import MEMBER_TYPES, STATES

TYPE_SCALE = alt.Scale(domain=list(MEMBER_TYPES), range=["#0b6e4f", "#3d8fd1", "#e07a1f", "#8e5bb5", "#c43d5a"])


def _year_axis(years: list[int]) -> alt.X:
    return alt.X("year:O", title="Jahr", axis=alt.Axis(labelAngle=-90), scale=alt.Scale(domain=years))


def members_per_year(active: pd.DataFrame) -> alt.TopLevelMixin:
    """Members per year stacked by type (``active_members_by_year`` columns)."""
    years = _year_axis(sorted(int(year) for year in active["year"].unique()))
    return german(
        alt.Chart(active)
        .mark_bar()
        .encode(
            x=years,
            y=alt.Y("sum(members):Q", title="Mitglieder", axis=alt.Axis(format=",d")),
            color=alt.Color("member_type:N", title="Art", scale=TYPE_SCALE),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("member_type:N", title="Art"),
                alt.Tooltip("members:Q", title="Mitglieder", format=",d"),
            ],
        )
        .properties(height=340)
    )


def joins_and_leaves(flows: pd.DataFrame, year_domain: list[int]) -> alt.TopLevelMixin:
    """Joins (up) and leaves (down) per year over ``year_domain`` (``member_flows_by_year`` columns)."""
    per_year = flows.groupby("year", as_index=False)[["joins", "leaves"]].sum()
    movements = pd.concat(
        [
            per_year.assign(change=per_year["joins"], movement="Beitritte"),
            per_year.assign(change=-per_year["leaves"], movement="Austritte"),
        ]
    )[["year", "change", "movement"]]
    movements = movements[(movements["change"] != 0) & movements["year"].isin(year_domain)].reset_index(drop=True)
    return german(
        alt.Chart(movements)
        .mark_bar()
        .encode(
            x=_year_axis(year_domain),
            y=alt.Y("change:Q", title="Beitritte / Austritte", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "movement:N",
                title="Bewegung",
                scale=alt.Scale(domain=["Beitritte", "Austritte"], range=["#0b6e4f", "#c43d5a"]),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("movement:N", title="Bewegung"),
                alt.Tooltip("change:Q", title="Anzahl"),
            ],
        )
        .properties(height=210)
    )


def members_by(frame: pd.DataFrame, column: str, title: str) -> alt.TopLevelMixin:
    """Horizontal bars of members per ``column`` (type or Land), largest first."""
    data = frame.copy()
    if column == "state_code":
        data["label"] = data["state_code"].map(STATES)
    else:
        data["label"] = data[column]
    return german(
        alt.Chart(data)
        .mark_bar(color="#0b6e4f")
        .encode(
            y=alt.Y("label:N", title=title, sort="-x"),
            x=alt.X("members:Q", title="Mitglieder", axis=alt.Axis(format=",d")),
            tooltip=[alt.Tooltip("label:N", title=title), alt.Tooltip("members:Q", title="Mitglieder", format=",d")],
        )
        .properties(height=max(200, 40 * len(data)))
    )


def population_over_time(active: pd.DataFrame) -> alt.TopLevelMixin:
    """Population covered by members per year (area), stacked by type."""
    return german(
        alt.Chart(active)
        .mark_area()
        .encode(
            x=alt.X(
                "year:Q",
                title="Jahr",
                axis=alt.Axis(format="d"),
                scale=alt.Scale(domain=[int(active["year"].min()), int(active["year"].max())], nice=False),
            ),
            y=alt.Y("sum(population):Q", title="Einwohner", axis=alt.Axis(format=",d")),
            color=alt.Color("member_type:N", title="Art", scale=TYPE_SCALE),
            tooltip=[
                alt.Tooltip("year:Q", title="Jahr", format="d"),
                alt.Tooltip("member_type:N", title="Art"),
                alt.Tooltip("population:Q", title="Einwohner", format=",d"),
            ],
        )
        .properties(height=260)
    )
