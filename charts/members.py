"""Charts about members: pure builders (data in, :class:`Figure` out; no Streamlit, no SQL)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure, named
from charts.german import count_axis, count_scale, german
from domain.vocabulary import MEMBER_TYPES, STATES

TYPE_SCALE = alt.Scale(domain=list(MEMBER_TYPES), range=["#0b6e4f", "#3d8fd1", "#e07a1f", "#8e5bb5", "#c43d5a"])


YEAR_AXIS = alt.X("year:O", title="Jahr", axis=alt.Axis(labelAngle=-90))


def _members_per_year() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("active"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("sum(members):Q", title="Mitglieder", axis=count_axis(), scale=count_scale()),
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
            y=alt.Y("change:Q", title="Beitritte / Austritte", axis=count_axis(), scale=count_scale()),
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


def movements_table(flows: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """The table behind :func:`joins_and_leaves`: year, joins, leaves (both as positive counts), every year."""
    per_year = flows.groupby("year")[["joins", "leaves"]].sum().reindex(years, fill_value=0).astype(int)
    per_year.index.name = "year"
    return per_year.reset_index()


def members_per_year_table(active: pd.DataFrame) -> pd.DataFrame:
    """The table behind :func:`members_per_year`: year, member_type, members (types in the vocabulary's order)."""
    order = {kind: position for position, kind in enumerate(MEMBER_TYPES)}
    table = active[["year", "member_type", "members"]]
    table = table.assign(order=table["member_type"].map(order)).sort_values(["year", "order"])
    return table.drop(columns="order").reset_index(drop=True)


def states_table(members_by_state: pd.DataFrame) -> pd.DataFrame:
    """Members and population per Land (``members_by_state``), most members first, Länder without members left out.

    The figures behind the Länder bars and the Länder map ("Daten zum Diagramm").
    """
    table = members_by_state.assign(state=members_by_state["state_code"].map(STATES))
    table = table[table["members"] > 0].sort_values(["members", "state"], ascending=[False, True])
    return table[["state", "members", "population"]].reset_index(drop=True)


def _members_by(title: str) -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("counts"))
        .mark_bar(color="#0b6e4f")
        .encode(
            y=alt.Y("label:N", title=title, sort="-x"),
            x=alt.X("members:Q", title="Mitglieder", axis=count_axis(), scale=count_scale()),
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


def population_rows(active: pd.DataFrame) -> pd.DataFrame:
    """Population per year and type for the stacked area: every year × every type present, gaps as 0.

    A stacked area needs a value for each type in each year: a type whose first member joined
    later (Bezirk from 1992) otherwise starts from nothing, and Vega interpolates its edge
    across the missing years, which drew a white wedge and dipped below zero. Years are the
    full run from the first to the last year of ``active``, so a year without members is 0 too.
    """
    summed = active.groupby(["year", "member_type"], as_index=False)["population"].sum(min_count=0)
    if summed.empty:
        return pd.DataFrame({"year": [], "member_type": [], "population": []})
    years = range(int(summed["year"].min()), int(summed["year"].max()) + 1)
    types = [kind for kind in MEMBER_TYPES if kind in set(summed["member_type"])]
    types += sorted(set(summed["member_type"]) - set(types))
    grid = pd.MultiIndex.from_product([years, types], names=["year", "member_type"])
    full = summed.set_index(["year", "member_type"])["population"].reindex(grid)
    full = pd.to_numeric(full, errors="coerce").fillna(0).clip(lower=0).astype("int64")
    return full.reset_index()


def population_over_time(active: pd.DataFrame) -> Figure:
    """Population covered by members per year (area), stacked by type (:func:`population_rows`)."""
    return Figure(_population_over_time, (), {"active": population_rows(active)})
