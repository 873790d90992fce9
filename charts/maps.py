"""Maps of Germany that need no network: a tile map of the 16 Länder and member locations.

No tile server and no boundary file: the Länder are squares on a grid that keeps their
neighbourhoods (Schleswig-Holstein on top, Bayern bottom right), and members are dots at
their coordinates with the Länder codes as faint landmarks. Both charts carry a point
selection, so a click can filter the dashboard (the page wires it to the URL keys).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import ClickTarget, Figure, named
from charts.german import german
from charts.grouping import Grouped, group_members
from charts.members import TYPE_SCALE
from domain.vocabulary import STATE_CENTRES, STATES

STATE_SELECTION = "land_auswahl"
MEMBER_SELECTION = "kommune_auswahl"
STATE_CLICK = ClickTarget(STATE_SELECTION, "state_code", "land")
"""A click on a Land tile filters by that Land."""
MEMBER_CLICK = ClickTarget(MEMBER_SELECTION, "name", "kommune", opens_profile=True)
"""A click on a member opens its Steckbrief."""

TILES: dict[str, tuple[int, int]] = {
    "SH": (2, 0),
    "HB": (1, 1),
    "HH": (2, 1),
    "MV": (3, 1),
    "NW": (0, 2),
    "NI": (1, 2),
    "ST": (2, 2),
    "BE": (3, 2),
    "BB": (4, 2),
    "RP": (0, 3),
    "HE": (1, 3),
    "TH": (2, 3),
    "SN": (3, 3),
    "SL": (0, 4),
    "BW": (1, 4),
    "BY": (2, 4),
}
"""Column and row of each Land on the tile grid."""


def _state_tiles() -> alt.TopLevelMixin:
    selection = alt.selection_point(name=STATE_SELECTION, fields=["state_code"], on="click")
    base = alt.Chart(named("tiles")).encode(
        x=alt.X("column:O", axis=None),
        y=alt.Y("row:O", axis=None),
        tooltip=[alt.Tooltip("state:N", title="Land"), alt.Tooltip("members:Q", title="Mitglieder", format=",d")],
    )
    # Conditions are written as channel values with a condition rather than with
    # alt.condition, which Altair resolves through a slow schema lookup.
    tiles = (
        base.mark_rect(stroke="white", strokeWidth=3, cornerRadius=4)
        .encode(
            color=alt.ColorValue(
                "#e6e6e6",
                condition={
                    "test": "datum.members > 0",
                    "field": "members",
                    "type": "quantitative",
                    "scale": {"scheme": "greens"},
                    "legend": None,
                },
            ),
            opacity=alt.OpacityValue(0.55, condition={"param": STATE_SELECTION, "value": 1.0}),
        )
        .add_params(selection)
    )
    labels = base.mark_text(fontSize=15, fontWeight="bold", lineBreak="\n").encode(
        text=alt.Text("label:N"),
        color=alt.ColorValue("#1a1a1a", condition={"test": "datum.members > 8", "value": "white"}),
    )
    return german(alt.layer(tiles, labels).properties(width=330, height=330, title="Mitglieder je Land"))


def state_tiles(members_by_state: pd.DataFrame) -> Figure:
    """The 16 Länder as tiles coloured by active members; all Länder shown, empty ones grey."""
    counts = dict(zip(members_by_state["state_code"], members_by_state["members"], strict=True))
    tiles = pd.DataFrame(
        [
            {
                "state_code": code,
                "state": STATES[code],
                "column": column,
                "row": row,
                "members": int(counts.get(code, 0)),
                "label": f"{code}\n{int(counts.get(code, 0))}",
            }
            for code, (column, row) in TILES.items()
        ]
    )
    return Figure(_state_tiles, (), {"tiles": tiles}, STATE_CLICK)


LANDMARKS = pd.DataFrame(
    [
        {"code": code, "latitude": latitude, "longitude": longitude}
        for code, (latitude, longitude) in STATE_CENTRES.items()
    ]
)


MAP_STEPS = (0.05, 0.1, 0.2, 0.5, 1.0)
"""Grid cells (degrees) for grouping members on the map, finest first (``charts/grouping.py``)."""


def _member_points(grouped: bool) -> alt.TopLevelMixin:
    selection = alt.selection_point(name=MEMBER_SELECTION, fields=["name"], on="click")
    frame = (
        alt.Chart(named("landmarks"))
        .mark_text(color="#b8c4bf", fontSize=13, fontWeight="bold")
        .encode(longitude=alt.Longitude("longitude:Q"), latitude=alt.Latitude("latitude:Q"), text=alt.Text("code:N"))
    )
    tooltip = [
        alt.Tooltip("label:N", title="Kommunen" if grouped else "Kommune"),
        alt.Tooltip("member_type:N", title="Art"),
        alt.Tooltip("population:Q", title="Einwohner", format=",d"),
    ]
    if grouped:  # thousands of members: colour shows how many share a cell, as on a density map
        colour = alt.Color("members:Q", title="Kommunen", scale=alt.Scale(scheme="greens"))
        sizes = [15, 250]
    else:
        colour = alt.Color("member_type:N", title="Art", scale=TYPE_SCALE)
        sizes = [30, 600]
    points = (
        alt.Chart(named("members"))
        .mark_circle(opacity=0.85, stroke="white", strokeWidth=0.5)
        .encode(
            longitude=alt.Longitude("longitude:Q"),
            latitude=alt.Latitude("latitude:Q"),
            size=alt.Size("population:Q", title="Einwohner", scale=alt.Scale(range=sizes), legend=None),
            color=colour,
            tooltip=tooltip,
        )
        .add_params(selection)
    )
    return german(
        alt.layer(frame, points).project(type="mercator").properties(width=330, height=420, title="Mitgliedskommunen")
    )


def member_places(members: pd.DataFrame) -> Grouped:
    """The located members to draw: one row each, or grouped on a grid above the row budget."""
    located = members.dropna(subset=["latitude", "longitude"])[
        ["name", "member_type", "population", "latitude", "longitude"]
    ]
    return group_members(located, ("latitude", "longitude"), MAP_STEPS, sums=("population",))


def member_points(places: Grouped) -> Figure:
    """Members (``member_places``) at their coordinates (Mercator), sized by population.

    Coloured by type, or for grouped members by how many share a cell.
    """
    return Figure(
        _member_points, (places.step is not None,), {"landmarks": LANDMARKS, "members": places.rows}, MEMBER_CLICK
    )
