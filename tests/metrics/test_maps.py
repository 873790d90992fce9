"""The Überblick's maps: readable tile labels (WCAG contrast) and members drawn on the Länder of Germany.

Contrast is computed here from the colours themselves (WCAG 2.1 relative luminance), not
taken from the chart code: from the spec's scales for every fill the scale can produce,
and from vl-convert's drawing of real selections. The map's shapes are decoded from the
shipped TopoJSON so the test can check that places fall into the right Land.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from charts.figure import chart_spec, inline_spec
from charts.maps import (
    GEOGRAPHY_FILE,
    LABEL_POSITIONS,
    member_places,
    member_points,
    state_tiles,
    tile_shade,
)
from data_access.demo.catalogue import PLACES
from domain.vocabulary import STATE_CENTRES, STATES
from reports.images import chart_png, chart_svg

CITY_STATES = ("BE", "HB", "HH")


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    value = colour.lstrip("#")
    assert len(value) == 6, colour

    def linear(channel: str) -> float:
        c = int(channel, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(value[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_gives_the_known_ratios() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-too-light grey


def demo_counts() -> pd.DataFrame:
    counts = pd.Series([place.state_code for place in PLACES]).value_counts()
    return pd.DataFrame({"state_code": counts.index, "members": counts.to_numpy()})


def selections() -> Iterator[pd.DataFrame]:
    """Counts per Land as the page passes them: one Land (``?land=SH``), the demo network, a spread of all shades."""
    yield pd.DataFrame({"state_code": ["SH"], "members": [4]})
    yield pd.DataFrame({"state_code": ["SH"], "members": [1]})
    yield demo_counts()
    yield pd.DataFrame({"state_code": list(STATES), "members": [3 * index for index in range(len(STATES))]})


def layer_colour(spec: dict[str, Any], mark: str) -> dict[str, Any]:
    (layer,) = [
        layer
        for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark
    ]
    return layer["encoding"]["color"]


def test_every_fill_the_tile_scale_can_produce_has_a_label_colour_of_at_least_4_5_to_1() -> None:
    spec = state_tiles(demo_counts()).spec()
    fill, ink = layer_colour(spec, "rect"), layer_colour(spec, "text")
    assert fill["field"] == ink["field"], "the label colour must follow the same field as the fill"
    assert fill["type"] == ink["type"] == "ordinal"  # a fixed set of fills, not a continuous scheme
    assert fill["scale"]["domain"] == ink["scale"]["domain"]
    pairs = dict(
        zip(fill["scale"]["domain"], zip(fill["scale"]["range"], ink["scale"]["range"], strict=True), strict=True)
    )
    for shade, (background, text) in pairs.items():
        assert contrast(background, text) >= 4.5, (shade, background, text, contrast(background, text))
    # The fills step from empty grey to the darkest green, each one darker than the one before.
    fills = [luminance(background) for background, _ in pairs.values()]
    assert fills == sorted(fills, reverse=True)
    # Whatever the counts, every tile's shade is one of the scale's: no fill outside the checked ones.
    for most in range(1, 41):
        assert {tile_shade(members, most) for members in range(most + 1)} <= set(pairs)
    assert tile_shade(0, 5) == 0
    assert tile_shade(5, 5) == max(pairs)  # the largest Land is the darkest
    for counts in selections():
        rows = state_tiles(counts).spec()["datasets"]["tiles"]
        assert {row[fill["field"]] for row in rows} <= set(pairs)


def drawn_colour(element: str) -> str:
    """An SVG element's fill as ``#rrggbb`` (vl-convert writes ``#hex`` or ``rgb(…)``), over white at its opacity."""
    fill = re.search(r' fill="([^"]+)"', element)
    assert fill, element
    value = fill.group(1)
    if value.startswith("rgb("):
        channels = [float(part) for part in value[4:-1].split(",")]
    else:
        channels = [int(value[i : i + 2], 16) for i in (1, 3, 5)]
    opacity = re.search(r' (?:fill-)?opacity="([\d.]+)"', element)
    alpha = float(opacity.group(1)) if opacity else 1.0
    return "#" + "".join(f"{round(alpha * channel + (1 - alpha) * 255):02x}" for channel in channels)


def drawn_pairs(svg: str) -> dict[str, tuple[str, str]]:
    """(tile colour, label colour) of each Land's tile in vl-convert's SVG, by the code the label shows.

    Tiles are the paths of the rect marks (their box from the path's numbers); a label
    belongs to the tile its anchor lies in. Read from the drawing, not from the spec.
    """
    rect_group = re.search(r'<g class="mark-rect role-mark[^>]*>(.*?)</g>', svg, re.DOTALL)
    assert rect_group, "no tiles drawn"
    tiles = []
    for element in re.findall(r"<path [^>]*>", rect_group.group(1)):
        path = re.search(r' d="([^"]+)"', element)
        assert path, element
        numbers = [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", path.group(1))]
        xs, ys = numbers[0::2], numbers[1::2]
        tiles.append(((min(xs), min(ys), max(xs), max(ys)), drawn_colour(element)))
    pairs = {}
    for element, code in re.findall(r"(<text [^>]*>)<tspan>([A-Z]{2})<", svg):
        anchor = re.search(r'transform="translate\(([\d.]+),([\d.]+)\)"', element)
        assert anchor, element
        x, y = float(anchor.group(1)), float(anchor.group(2))
        (tile,) = [colour for (left, top, right, bottom), colour in tiles if left < x < right and top < y < bottom]
        pairs[code] = (tile, drawn_colour(element))
    return pairs


@pytest.mark.parametrize("counts", list(selections()), ids=["land_SH", "one_member", "demo", "spread"])
def test_every_drawn_tile_label_reads_at_4_5_to_1_on_its_tile(counts: pd.DataFrame) -> None:
    pairs = drawn_pairs(chart_svg(chart_spec(state_tiles(counts))))
    assert set(pairs) == set(STATES)
    low = {code: round(contrast(*pair), 2) for code, pair in pairs.items() if contrast(*pair) < 4.5}
    assert low == {}, f"labels below 4.5:1: {low}"


def walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def demo_members() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": place.name,
                "member_type": place.member_type,
                "population": place.population,
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
            for place in PLACES
        ]
    )


def test_the_member_map_stands_on_the_inline_outline_of_the_laender() -> None:
    assert GEOGRAPHY_FILE.stat().st_size <= 300_000
    spec = chart_spec(member_points(member_places(demo_members())))
    ground, points, labels = spec["layer"]
    assert ground["mark"]["type"] == "geoshape"
    assert ground["data"]["format"] == {"type": "topojson", "feature": "laender"}
    topology = ground["data"]["values"]
    assert topology["type"] == "Topology"
    assert {geometry["id"] for geometry in topology["objects"]["laender"]["geometries"]} == set(STATES)
    # Drawn in order: the Länder, then the members (the click target), then the labels on top.
    assert points["mark"]["type"] == "circle"
    (selection,) = spec["params"]
    assert (selection["name"], selection["views"]) == ("kommune_auswahl", [points["name"]])
    assert [layer["mark"]["type"] for layer in labels["layer"]] == ["text", "text"]
    halo, label = (layer["mark"] for layer in labels["layer"])
    assert halo["stroke"] == halo["color"] == "white"  # the halo under each label
    # The label reads on its halo and on the Länder's fill.
    assert contrast(label["color"], "#ffffff") >= 4.5
    assert contrast(label["color"], ground["mark"]["fill"]) >= 4.5
    # One projection for shapes and dots, and nothing the browser or vl-convert would fetch.
    assert spec["projection"] == {"type": "mercator"}
    assert [key for key, _ in walk(spec) if key == "url"] == []
    assert not any(isinstance(value, str) and "://" in value for _, value in walk(spec) if _ != "$schema")


def test_vl_convert_draws_the_map_with_its_laender_members_and_labels() -> None:
    members = demo_members()
    spec = chart_spec(member_points(member_places(members)))
    svg = chart_svg(spec)
    shapes, dots, halos, labels = (
        re.search(rf'<g class="mark-{kind} role-mark {name}[^"]*"[^>]*>(.*?)</g>', svg, re.DOTALL)
        for kind, name in (
            ("shape", "layer_0"),
            ("symbol", ""),
            ("text", "layer_2_layer_0"),
            ("text", "layer_2_layer_1"),
        )
    )
    assert None not in (shapes, dots, halos, labels), "a layer was not drawn"
    assert len(re.findall(r'<path [^>]*d="M', shapes.group(1))) == len(STATES)  # one outline per Land
    assert len(re.findall(r"<path ", dots.group(1))) == len(members)
    for texts in (halos, labels):  # halo and label of every Land
        assert sorted(re.findall(r">([A-Z]{2})</text>", texts.group(1))) == sorted(STATES)
    # Drawing order: the labels come after (above) the dots.
    assert svg.index(dots.group(1)) < svg.index(halos.group(1)) < svg.index(labels.group(1))
    assert chart_png(spec, scale=1).startswith(b"\x89PNG")
    assert json.dumps(inline_spec(spec)["layer"][0]["data"]["values"]) == json.dumps(
        json.loads(GEOGRAPHY_FILE.read_text(encoding="utf-8"))
    )


def shapes() -> dict[str, list[list[list[tuple[float, float]]]]]:
    """The Länder of the shipped TopoJSON as polygons of rings of (longitude, latitude)."""
    topology = json.loads(GEOGRAPHY_FILE.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    result = {}
    for geometry in topology["objects"]["laender"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        result[geometry["id"]] = [[ring(rings) for rings in polygon] for polygon in polygons]
    return result


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            result = not result
    return result


def distance(point: tuple[float, float], ring: list[tuple[float, float]]) -> float:
    """Degrees from ``point`` to the nearest vertex of ``ring`` (enough at this resolution)."""
    return min(((point[0] - x) ** 2 + (point[1] - y) ** 2) ** 0.5 for x, y in ring)


def lands_at(point: tuple[float, float], polygons: dict[str, list[list[list[tuple[float, float]]]]]) -> list[str]:
    return [
        code
        for code, parts in polygons.items()
        if any(inside(point, outer) and not any(inside(point, hole) for hole in holes) for outer, *holes in parts)
    ]


def test_places_and_labels_fall_in_their_own_land() -> None:
    polygons = shapes()
    assert set(polygons) == set(STATES)
    strays = []
    for place in PLACES:
        point = (place.longitude, place.latitude)
        lands = lands_at(point, polygons)
        if lands == []:  # on a simplified shore (Konstanz on the Bodensee): the nearest Land must be its own
            nearest = min(polygons, key=lambda code: min(distance(point, part[0]) for part in polygons[code]))
            lands = [nearest] if min(distance(point, part[0]) for part in polygons[nearest]) < 0.1 else []
            strays.append(place.name)
        assert lands == [place.state_code], (place.name, place.state_code, lands)
    assert len(strays) <= 2, strays
    for code, (latitude, longitude) in STATE_CENTRES.items():
        assert lands_at((longitude, latitude), polygons) == [code]
    for code, (latitude, longitude) in LABEL_POSITIONS.items():
        point = (longitude, latitude)
        if code in CITY_STATES:  # beside the city, within a label's width of its border
            assert min(distance(point, part[0]) for part in polygons[code]) < 0.5, code
        else:
            assert lands_at(point, polygons) == [code], code
