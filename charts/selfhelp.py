"""Charts about self-help groups: pure builders (data in, :class:`Figure` out)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import ClickTarget, Figure, named
from charts.german import german
from charts.grouping import Grouped, group_members
from charts.members import TYPE_SCALE, YEAR_AXIS
from domain.vocabulary import SELF_HELP_TOPICS
from metrics.selfhelp import NETWORK_MEDIAN_SERIES, OWN_SERIES, TYPE_MEDIAN_SERIES

MEMBER_RATE_SELECTION = "kommune_dichte"
MEMBER_RATE_CLICK = ClickTarget(MEMBER_RATE_SELECTION, "name", "kommune", opens_profile=True)
"""A click on a member's dot opens its Steckbrief."""
"""Name of the click selection on the rate chart; its field ``name`` opens that member's Steckbrief."""

TOPIC_SCALE = alt.Scale(
    domain=list(SELF_HELP_TOPICS),
    range=["#0b6e4f", "#3d8fd1", "#e07a1f", "#8e5bb5", "#c43d5a", "#5b8c2a", "#6c757d"],
)


ALL_GROUPS, NEW_GROUPS = "alle Gruppen", "davon im Jahr neu gegründet"
GROUP_KINDS = {ALL_GROUPS: "#0b6e4f", NEW_GROUPS: "#e07a1f"}
"""The two bars of ``groups_per_year`` as the legend names them, with their colours (green, orange)."""


def _groups_per_year() -> alt.TopLevelMixin:
    base = alt.Chart(named("totals")).encode(x=YEAR_AXIS)
    tooltip = [
        alt.Tooltip("year:O", title="Jahr"),
        alt.Tooltip("groups:Q", title="Gruppen", format=",d"),
        alt.Tooltip("new_groups:Q", title="neue Gruppen", format=",d"),
        alt.Tooltip("rate:Q", title="je 100.000 EW", format=",.1f"),
        alt.Tooltip("reporting_members:Q", title="meldende Mitglieder", format=",d"),
    ]
    # One colour scale over two constants: the legend names both bars (on a slide there is no caption below).
    kinds = alt.Scale(domain=list(GROUP_KINDS), range=list(GROUP_KINDS.values()))
    groups = base.mark_bar().encode(
        y=alt.Y("groups:Q", title="Selbsthilfegruppen", axis=alt.Axis(format=",d")),
        color=alt.Color(datum=ALL_GROUPS, scale=kinds, title=None, legend=alt.Legend(orient="top")),
        tooltip=tooltip,
    )
    new = base.mark_bar().encode(y="new_groups:Q", color=alt.Color(datum=NEW_GROUPS), tooltip=tooltip)
    return german(alt.layer(groups, new).properties(height=280))


def groups_per_year(totals: pd.DataFrame) -> Figure:
    """Groups per year (green) with the new groups of the year (orange), a legend naming both.

    Rows from ``metrics.selfhelp.yearly_totals``.
    """
    return Figure(_groups_per_year, (), {"totals": totals.reset_index(drop=True)})


def _rate_per_year() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("totals"))
        .mark_line(point=True, color="#3d8fd1")
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("rate:Q", title="Gruppen je 100.000 EW", axis=alt.Axis(format=",.0f")),
            tooltip=[alt.Tooltip("year:O", title="Jahr"), alt.Tooltip("rate:Q", title="je 100.000 EW", format=",.1f")],
        )
        .properties(height=280)
    )


def rate_per_year(totals: pd.DataFrame) -> Figure:
    """Groups per 100,000 inhabitants per year (``metrics.selfhelp.yearly_totals``)."""
    return Figure(_rate_per_year, (), {"totals": totals[["year", "rate"]].dropna().reset_index(drop=True)})


def _groups_by_topic() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("topics"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("groups:Q", title="Gruppen", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "topic:N", title="Themenbereich", scale=TOPIC_SCALE, legend=alt.Legend(orient="right", labelLimit=340)
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("topic:N", title="Themenbereich"),
                alt.Tooltip("groups:Q", title="Gruppen", format=",d"),
                alt.Tooltip("new_groups:Q", title="neue Gruppen", format=",d"),
            ],
        )
        .properties(height=320)
    )


def groups_by_topic(topics: pd.DataFrame) -> Figure:
    """Groups per year stacked by topic area (``self_help_by_topic``)."""
    return Figure(_groups_by_topic, (), {"topics": topics[["year", "topic", "groups", "new_groups"]]})


RATE_STEPS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
"""Widths (groups per 100,000 inhabitants) for grouping members on the rate axis, finest first."""


def _member_rates(median: float | None, grouped: bool) -> alt.TopLevelMixin:
    selection = alt.selection_point(name=MEMBER_RATE_SELECTION, fields=["name"], on="click")
    if grouped:  # a group has no rank; its size tells how many members it holds
        size = alt.Size("members:Q", title="Kommunen", scale=alt.Scale(range=[40, 400]), legend=None)
        details = [
            alt.Tooltip("label:N", title="Kommunen"),
            alt.Tooltip("rate:Q", title="je 100.000 EW (Mittel)", format=",.1f"),
        ]
    else:
        size = alt.SizeValue(90)
        details = [
            alt.Tooltip("label:N", title="Kommune"),
            alt.Tooltip("rank:Q", title="Rang"),
            alt.Tooltip("rate:Q", title="je 100.000 EW", format=",.1f"),
        ]
    points = (
        alt.Chart(named("ranking"))
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("rate:Q", title="Gruppen je 100.000 EW", axis=alt.Axis(format=",.0f")),
            y=alt.Y("member_type:N", title=None),
            yOffset=alt.YOffset("jitter:Q"),
            size=size,
            color=alt.Color("member_type:N", scale=TYPE_SCALE, legend=None),
            tooltip=[*details, alt.Tooltip("groups:Q", title="Gruppen", format=",d")],
        )
        .transform_calculate(jitter="random()")
        .add_params(selection)
    )
    layers = [points]
    if median is not None:
        rule = alt.Chart(alt.Data(values=[{"median": median}])).mark_rule(color="#c43d5a", strokeDash=[6, 4], size=2)
        layers.append(rule.encode(x="median:Q", tooltip=[alt.Tooltip("median:Q", title="Median", format=",.1f")]))
    return german(alt.layer(*layers).properties(height=alt.Step(60)))


def member_rate_places(ranking: pd.DataFrame) -> Grouped:
    """The ranked members to draw: one dot each with its rank, or grouped by type and rate above the row budget."""
    rows = ranking[["name", "member_type", "groups", "rate"]].assign(rank=range(1, len(ranking) + 1))
    return group_members(rows, ("rate",), RATE_STEPS, sums=("groups",), keep=("member_type",))


def member_rates(places: Grouped, median: float | None) -> Figure:
    """Every member (``member_rate_places``) as a dot on the rate axis, one band per type, the median as a rule.

    Readable for a hundred members and for a thousand, unlike one bar per member; the full
    ranking is the table beside it. A click on a dot opens that member's Steckbrief.
    """
    options = (None if median is None else round(median, 1), places.step is not None)
    return Figure(_member_rates, options, {"ranking": places.rows}, MEMBER_RATE_CLICK)


COMPARISON_COLOURS = {
    OWN_SERIES: "#0b6e4f",
    NETWORK_MEDIAN_SERIES: "#6c757d",
    TYPE_MEDIAN_SERIES: "#e07a1f",
}
"""One colour per kind of series, the same on every Steckbrief (the member dark green, the medians grey and orange)."""


def _comparison_kind(series: str) -> str:
    """The kind of a series of ``metrics.selfhelp.member_comparison`` (the type median carries its type)."""
    return TYPE_MEDIAN_SERIES if series.startswith(TYPE_MEDIAN_SERIES) else series


def _member_comparison(domain: tuple[str, ...], colours: tuple[str, ...]) -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("comparison"))
        .mark_line(point=True)
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("rate:Q", title="Gruppen je 100.000 EW", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=list(domain), range=list(colours)),
                # Below the lines, one label a row: fits a half-width column whatever the type's name.
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            strokeDash=alt.StrokeDash("is_median:N", legend=None),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("series:N", title="Reihe"),
                alt.Tooltip("rate:Q", title="je 100.000 EW", format=",.1f"),
            ],
        )
        .properties(height=360)  # the whole chart on screen: the lines keep their height above the legend
    )


def member_comparison(comparison: pd.DataFrame) -> Figure:
    """A member's rate per year against the medians (``metrics.selfhelp.member_comparison``).

    The colours follow the kind of series, never the member's name: the member is always
    dark green, the network's median grey, its type's median orange (both dashed).
    """
    kinds = list(COMPARISON_COLOURS)
    domain = tuple(sorted(set(comparison["series"]), key=lambda series: kinds.index(_comparison_kind(series))))
    colours = tuple(COMPARISON_COLOURS[_comparison_kind(series)] for series in domain)
    rows = comparison.assign(is_median=comparison["series"] != OWN_SERIES)
    return Figure(_member_comparison, (domain, colours), {"comparison": rows.reset_index(drop=True)})
