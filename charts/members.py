"""Charts about members: pure builders (data in, :class:`Figure` out; no Streamlit, no SQL)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure, named
from charts.german import german
from domain.vocabulary import MEMBER_TYPES, STATES

TYPE_SCALE = alt.Scale(domain=list(MEMBER_TYPES), range=["#0b6e4f", "#3d8fd1", "#e07a1f", "#8e5bb5", "#c43d5a"])


YEAR_AXIS = alt.X("year:O", title="Jahr", axis=alt.Axis(labelAngle=-90))


def _members_per_year() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("active"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("sum(members):Q", title="Mitglieder", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color("member_type:N", title="Art", scale=TYPE_SCALE),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("member_type:N", title="Art"),
                alt.Tooltip("members:Q", title="Mitglieder", format=",d"),
            ],
        )
        .properties(height=340)
    )


def members_per_year(active: pd.DataFrame) -> Figure:
    """Members per year stacked by type (``active_members_by_year`` columns)."""
    return Figure(_members_per_year, (), {"active": active[["year", "member_type", "members"]]})


def _joins_and_leaves() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("movements"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("change:Q", title="Beitritte / Austritte", axis=alt.Axis(format=",d", tickMinStep=1)),
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


def movements(flows: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Joins (positive) and leaves (negative) per year, one row per year and movement in ``years``.

    Every year gets its rows, zeros included, so the chart's year axis matches the
    member chart above it without a data-dependent scale.
    """
    per_year = flows.groupby("year")[["joins", "leaves"]].sum().reindex(years, fill_value=0)
    per_year.index.name = "year"
    per_year = per_year.reset_index()
    return pd.concat(
        [
            per_year.assign(change=per_year["joins"], movement="Beitritte"),
            per_year.assign(change=-per_year["leaves"], movement="Austritte"),
        ],
        ignore_index=True,
    )[["year", "change", "movement"]]


def joins_and_leaves(flows: pd.DataFrame, years: list[int]) -> Figure:
    """Joins (up) and leaves (down) per year over ``years`` (``member_flows_by_year`` columns)."""
    return Figure(_joins_and_leaves, (), {"movements": movements(flows, years)})


def _members_by(title: str) -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("counts"))
        .mark_bar(color="#0b6e4f")
        .encode(
            y=alt.Y("label:N", title=title, sort="-x"),
            x=alt.X("members:Q", title="Mitglieder", axis=alt.Axis(format=",d", tickMinStep=1)),
            tooltip=[alt.Tooltip("label:N", title=title), alt.Tooltip("members:Q", title="Mitglieder", format=",d")],
        )
        .properties(height=alt.Step(36))
    )


def members_by(frame: pd.DataFrame, column: str, title: str) -> Figure:
    """Horizontal bars of members per ``column`` (``member_type`` or ``state_code``), largest first."""
    labels = frame[column].map(STATES) if column == "state_code" else frame[column]
    return Figure(_members_by, (title,), {"counts": pd.DataFrame({"label": labels, "members": frame["members"]})})


def _population_over_time() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("active"))
        .mark_area()
        .encode(
            x=alt.X("year:Q", title="Jahr", axis=alt.Axis(format="d"), scale=alt.Scale(nice=False, zero=False)),
            y=alt.Y("sum(population):Q", title="Einwohner", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color("member_type:N", title="Art", scale=TYPE_SCALE),
            tooltip=[
                alt.Tooltip("year:Q", title="Jahr", format="d"),
                alt.Tooltip("member_type:N", title="Art"),
                alt.Tooltip("population:Q", title="Einwohner", format=",d"),
            ],
        )
        .properties(height=260)
    )


def population_over_time(active: pd.DataFrame) -> Figure:
    """Population covered by members per year (area), stacked by type."""
    return Figure(_population_over_time, (), {"active": active[["year", "member_type", "population"]]})
