"""Charts about regional networks and the Sprecher*innenrat: pure builders (data in, :class:`Figure` out)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import ClickTarget, Figure, named
from charts.german import count_axis, count_scale, german
from metrics.networks import NO_NETWORK

SIDE_SCALE = alt.Scale(domain=["Kommune", "Selbsthilfe"], range=["#0b6e4f", "#e07a1f"])
NETWORK_SELECTION = "netzwerk_auswahl"
NETWORK_CLICK = ClickTarget(NETWORK_SELECTION, "network", "netzwerk")
"""A click on a network filters by it ("ohne Regionalnetzwerk" is no filter value and is ignored).

The click selection on networks; its field ``network`` feeds the ``netzwerk`` key."""


def _members_by_network() -> alt.TopLevelMixin:
    selection = alt.selection_point(name=NETWORK_SELECTION, fields=[NETWORK_CLICK.field], on="click")
    return german(
        alt.Chart(named("networks"))
        .mark_bar()
        .encode(
            color=alt.condition(f"datum.network === '{NO_NETWORK}'", alt.value("#9aa5a0"), alt.value("#0b6e4f")),
            # The title names the bars for screen readers; the axis shows none.
            y=alt.Y("network:N", title="Netzwerk", sort=None, axis=alt.Axis(title=None)),  # label limit: theme
            x=alt.X("members:Q", title="Mitglieder", axis=count_axis(), scale=count_scale()),
            opacity=alt.OpacityValue(0.6, condition={"param": NETWORK_SELECTION, "value": 1.0, "empty": True}),
            tooltip=[
                alt.Tooltip("network:N", title="Netzwerk"),
                alt.Tooltip("members:Q", title="Mitglieder", format=",d"),
                alt.Tooltip("share:Q", title="Anteil", format=".0%"),
                alt.Tooltip("states:Q", title="Länder", format=",d"),
                alt.Tooltip("population:Q", title="Einwohner", format=",d"),
            ],
        )
        .add_params(selection)
        .properties(height=alt.Step(34))
    )


def members_by_network(table: pd.DataFrame) -> Figure:
    """Members per regional network, members in none last (``metrics.networks.network_table``)."""
    return Figure(_members_by_network, (), {"networks": table.reset_index(drop=True)}, NETWORK_CLICK)


def _seat_history() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("history"))
        .mark_bar()
        .encode(
            x=alt.X("term:O", title="Amtszeit ab", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("seats:Q", title="Sitze", axis=count_axis(), scale=count_scale()),
            color=alt.Color("side:N", title="Seite", scale=SIDE_SCALE, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("term:O", title="Amtszeit ab"),
                alt.Tooltip("side:N", title="Seite"),
                alt.Tooltip("seats:Q", title="Sitze"),
            ],
        )
        .properties(height=240)
    )


def seat_history(history: pd.DataFrame) -> Figure:
    """Seats per term and side (``metrics.networks.seat_history``)."""
    return Figure(_seat_history, (), {"history": history.reset_index(drop=True)})


def seats_unchanged(history: pd.DataFrame) -> bool:
    """Whether every term has the same seats per side (a chart of it would be one flat row of equal bars)."""
    if history.empty:
        return True
    per_term = history.pivot_table(index="term", columns="side", values="seats", aggfunc="sum", fill_value=0)
    return len(per_term.drop_duplicates()) == 1


def _seats_by_state() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("states"))
        .mark_bar()
        .encode(
            y=alt.Y("state:N", title="Land", sort="-x", axis=alt.Axis(title=None)),  # label limit: theme
            x=alt.X("seats:Q", title="Sitze", axis=count_axis(), scale=count_scale()),
            color=alt.Color("side:N", title="Seite", scale=SIDE_SCALE, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("state:N", title="Land"),
                alt.Tooltip("side:N", title="Seite"),
                alt.Tooltip("seats:Q", title="Sitze"),
            ],
        )
        .properties(height=alt.Step(26))
    )


def seats_by_state(per_state: pd.DataFrame) -> Figure:
    """Current seats per Land, stacked by side (``metrics.networks.seats_by_state``)."""
    return Figure(_seats_by_state, (), {"states": per_state.reset_index(drop=True)})
