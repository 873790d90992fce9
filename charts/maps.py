"""Maps of Germany that need no network: a tile map of the 16 Länder and member locations.

No tile server and no request at run time: the Länder tiles are squares on a grid that
keeps their neighbourhoods (Schleswig-Holstein on top, Bayern bottom right); members are
dots at their coordinates on the outline of Germany and its Länder, drawn from the
simplified Natural Earth boundaries shipped in ``charts/data/germany_laender.json``
(public domain; source and how it was made: README, "Kartengrundlage"). The shapes
travel inline in the spec, so the browser and vl-convert (images, decks) draw them
offline. Both charts carry a point selection, so a click can filter the dashboard (the
page wires it to the URL keys).
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

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

TILE_FILLS: tuple[str, ...] = ("#e6e6e6", "#c7e9c0", "#74c476", "#31a354", "#006d2c")
"""Fill of each shade (``tile_shade``): grey for no members, then four greens, light to dark."""
TILE_INKS: tuple[str, ...] = ("#1a1a1a", "#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff")
"""Label colour on each shade's fill: whichever of near-black and white contrasts more.

Every pair reaches WCAG's 4.5:1 for text (``tests/metrics/test_maps.py`` computes it
from the spec); the fill is a fixed list, not a continuous scheme, so the label colour
can follow it exactly.
"""
SELECTED_STROKE = "#1a1a1a"
"""Outline of the clicked tile. A stroke, not a faded fill: fading the other tiles would
lighten their fills under labels chosen for the unfaded colour."""


def tile_shade(members: int, most: int) -> int:
    """The shade (index into ``TILE_FILLS``) of a Land with ``members`` when the most in any Land is ``most``.

    0 for none; otherwise 1–4 by the share of the largest count, so the Land with the
    most members is always the darkest.
    """
    if members <= 0 or most <= 0:
        return 0
    classes = len(TILE_FILLS) - 1
    return min(classes, max(1, math.ceil(classes * members / most)))


def _state_tiles() -> alt.TopLevelMixin:
    selection = alt.selection_point(name=STATE_SELECTION, fields=["state_code"], on="click")
    base = alt.Chart(named("tiles")).encode(
        x=alt.X("column:O", axis=None),
        y=alt.Y("row:O", axis=None),
        tooltip=[alt.Tooltip("state:N", title="Land"), alt.Tooltip("members:Q", title="Mitglieder", format=",d")],
    )
    shades = list(range(len(TILE_FILLS)))
    # Conditions are written as channel values with a condition rather than with
    # alt.condition, which Altair resolves through a slow schema lookup.
    tiles = (
        base.mark_rect(strokeWidth=3, cornerRadius=4)
        .encode(
            color=alt.Color("shade:O", scale=alt.Scale(domain=shades, range=list(TILE_FILLS)), legend=None),
            stroke=alt.StrokeValue(
                "white", condition={"param": STATE_SELECTION, "empty": False, "value": SELECTED_STROKE}
            ),
        )
        .add_params(selection)
    )
    labels = base.mark_text(fontSize=15, fontWeight="bold", lineBreak="\n").encode(
        text=alt.Text("label:N"),
        color=alt.Color("shade:O", scale=alt.Scale(domain=shades, range=list(TILE_INKS)), legend=None),
    )
    return german(
        alt.layer(tiles, labels)
        .resolve_scale(color="independent")
        .properties(width=330, height=330, title="Mitglieder je Land")
    ).configure_view(stroke=None)


def state_tiles(members_by_state: pd.DataFrame) -> Figure:
    """The 16 Länder as tiles shaded by active members (``tile_shade``); all Länder shown, empty ones grey."""
    counts = {
        code: int(count)
        for code, count in zip(members_by_state["state_code"], members_by_state["members"], strict=True)
    }
    most = max(counts.values(), default=0)
    tiles = pd.DataFrame(
        [
            {
                "state_code": code,
                "state": STATES[code],
                "column": column,
                "row": row,
                "members": counts.get(code, 0),
                "shade": tile_shade(counts.get(code, 0), most),
                "label": f"{code}\n{counts.get(code, 0)}",
            }
            for code, (column, row) in TILES.items()
        ]
    )
    shown = tiles[tiles["members"] > 0].sort_values("members", ascending=False)
    listed = ", ".join(f"{state} {members}" for state, members in zip(shown["state"], shown["members"], strict=True))
    description = "Karte der 16 Länder als Kacheln, je dunkler, desto mehr Mitglieder" + (
        f"; Mitglieder je Land: {listed}." if listed else "; keine Mitglieder in dieser Auswahl."
    )
    return Figure(_state_tiles, (), {"tiles": tiles}, STATE_CLICK, description)


LABEL_POSITIONS: dict[str, tuple[float, float]] = {
    **STATE_CENTRES,
    # The city-states' labels stand beside them (Hamburg west, Bremen south, Berlin east),
    # not on the few square kilometres their members' dots fill; Brandenburg's then north of
    # Berlin. The others move off the towns where members crowd (Ruhr, Erfurt, Stuttgart).
    "HH": (53.6, 9.4),
    "HB": (52.85, 8.8),
    "BE": (52.5, 14.05),
    "BB": (52.95, 13.2),
    "NW": (51.2, 8.05),
    "TH": (50.62, 10.95),
    "BW": (48.3, 9.15),
}
"""Where the Länder codes stand on the member map (latitude, longitude): inside their Land,
except the city-states, which stand right beside their few square kilometres."""
LANDMARKS = pd.DataFrame(
    [
        {"code": code, "latitude": latitude, "longitude": longitude}
        for code, (latitude, longitude) in LABEL_POSITIONS.items()
    ]
)


MAP_STEPS = (0.05, 0.1, 0.2, 0.5, 1.0)
"""Grid cells (degrees) for grouping members on the map, finest first (``charts/grouping.py``)."""


GEOGRAPHY_FILE = Path(__file__).parent / "data" / "germany_laender.json"
"""TopoJSON of the 16 Länder (object ``laender``, ids are the Länder codes) and of Germany (``deutschland``)."""
LAND_FILL = "#eef2ef"
LAND_BORDER = "#aebbb4"
LABEL_INK = "#4a5750"
"""Länder codes on the member map: 7.5:1 on their white halo, so they read over any dot."""
PROJECTION = "mercator"
"""Fitted to Germany by Vega-Lite (all layers' shapes and points); the same for shapes and dots."""
BELOW_KEYS: dict[str, Any] = {"orient": "bottom", "direction": "horizontal"}
BELOW = alt.Legend(**BELOW_KEYS)
"""The legend under the map: beside it, it would take a third of the narrow map column."""


@functools.cache
def germany_topology() -> dict[str, Any]:
    """The shipped Länder boundaries (``GEOGRAPHY_FILE``), read once per process."""
    return json.loads(GEOGRAPHY_FILE.read_text(encoding="utf-8"))


def _germany() -> alt.Chart:
    """The Länder as light shapes with thin borders: the ground the member dots stand on.

    The topology goes inline (a named ``InlineData`` stays in its layer instead of being
    moved to the spec's datasets, which ``chart_spec`` fills with the Figure's rows): never
    a URL, so nothing is fetched. No tooltip and no selection: a click on a Land's area
    is no click on a member.
    """
    shapes = alt.InlineData(
        values=germany_topology(), name="germany", format=alt.DataFormat(type="topojson", feature="laender")
    )
    return alt.Chart(shapes).mark_geoshape(fill=LAND_FILL, stroke=LAND_BORDER, strokeWidth=0.8)


def _land_labels() -> alt.LayerChart:
    """The Länder codes above the dots, each on a white halo, so no dot covers a label."""
    base = alt.Chart(named("landmarks")).encode(
        longitude=alt.Longitude("longitude:Q"), latitude=alt.Latitude("latitude:Q"), text=alt.Text("code:N")
    )
    halo = base.mark_text(
        fontSize=12, fontWeight="bold", color="white", stroke="white", strokeWidth=3.5, strokeJoin="round"
    )
    return alt.layer(halo, base.mark_text(fontSize=12, fontWeight="bold", color=LABEL_INK))


def _member_points(grouped: bool) -> alt.TopLevelMixin:
    selection = alt.selection_point(name=MEMBER_SELECTION, fields=["name"], on="click")
    tooltip = [
        alt.Tooltip("label:N", title="Kommunen" if grouped else "Kommune"),
        alt.Tooltip("member_type:N", title="Art"),
        alt.Tooltip("population:Q", title="Einwohner", format=",d"),
    ]
    if grouped:  # thousands of members: colour shows how many share a cell, as on a density map
        # The scheme's palest third would vanish on the Länder's fill.
        greens = alt.SchemeParams(name="greens", extent=[0.35, 1.0])
        colour = alt.Color("members:Q", title="Kommunen", scale=alt.Scale(scheme=greens), legend=BELOW)
        sizes = [15, 250]
    else:
        colour = alt.Color("member_type:N", title="Art", scale=TYPE_SCALE, legend=alt.Legend(**BELOW_KEYS, columns=3))
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
    # Layer order is drawing order: the Länder, the members, the labels on top.
    return german(
        alt.layer(_germany(), points, _land_labels())
        .project(type=PROJECTION)
        # On screen the height includes title and legend (the map column is about 360 px
        # wide, and Germany is taller than wide): 540 leaves the map about 330 × 440.
        .properties(width=330, height=540, title="Mitgliedskommunen")
    )


def member_places(members: pd.DataFrame) -> Grouped:
    """The located members to draw: one row each, or grouped on a grid above the row budget."""
    located = members.dropna(subset=["latitude", "longitude"])[
        ["name", "member_type", "population", "latitude", "longitude"]
    ]
    return group_members(located, ("latitude", "longitude"), MAP_STEPS, sums=("population",))


def member_points(places: Grouped) -> Figure:
    """Members (``member_places``) at their coordinates on the map of the Länder (Mercator), sized by population.

    Coloured by type, or for grouped members by how many share a cell.
    """
    members = int(places.rows["members"].sum()) if "members" in places.rows.columns else len(places.rows)
    description = (
        f"Karte Deutschlands mit Ländergrenzen und {members} Mitgliedskommunen als Punkte an ihrem Ort, "
        "gefärbt nach Art, so groß wie ihre Einwohnerzahl. Die Liste der Mitglieder steht auf der Seite „Mitglieder“."
    )
    return Figure(
        _member_points,
        (places.step is not None,),
        {"landmarks": LANDMARKS, "members": places.rows},
        MEMBER_CLICK,
        description,
    )
