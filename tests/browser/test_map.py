"""The Überblick's maps in Chromium at 1440×900: Germany and its Länder drawn under the members, offline.

Reads the pixels of the drawn chart: the Länder's fill must cover a good part of the map
(before, the dots floated on white), on the whole network and on ``?land=SH``; and no
request leaves the dashboard's own host while the maps draw. Screenshots go to ``shots/``.
"""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image

from charts.maps import LAND_FILL, TILE_FILLS, TILE_INKS
from data_access.setup import prepare_database
from tests.served import BROWSER_MARKS, SHOTS, serve

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('map') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    yield from serve(url)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def close_to(image: Image.Image, colour: str, tolerance: int = 6) -> np.ndarray:
    """Per pixel (rows, columns): is it within ``tolerance`` of ``colour`` on every channel?"""
    pixels = np.asarray(image.convert("RGB"), dtype=int)
    return (np.abs(pixels - np.array(rgb(colour))) <= tolerance).all(axis=2)


def share_of(image: Image.Image, colour: str) -> float:
    """The share of ``image``'s pixels of ``colour``."""
    return float(close_to(image, colour).mean())


def open_map(page, address: str, tab: str) -> Image.Image:
    """Open ``address``, show the map tab ``tab`` and return the picture of its chart."""
    page.goto(address, timeout=60_000)
    page.wait_for_selector("h1:has-text('Überblick')", timeout=60_000)
    page.get_by_role("tab", name=tab).click()
    panel = page.get_by_role("tabpanel", name=tab)
    chart = panel.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for(timeout=30_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # let Vega draw
    return Image.open(io.BytesIO(chart.screenshot()))


@pytest.mark.parametrize("query", ["", "?land=SH"], ids=["network", "land_SH"])
def test_the_member_map_draws_the_laender_and_fetches_nothing_from_outside(server: str, page, query: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urllib.parse.urlsplit(request.url).netloc))
    name = "land_SH" if query else "netzwerk"
    SHOTS.mkdir(exist_ok=True)
    members_map = open_map(page, f"{server}/{query}", "Kommunen")
    members_map.save(SHOTS / f"karte_kommunen_{name}.png")
    tiles = open_map(page, f"{server}/{query}", "Länder")
    tiles.save(SHOTS / f"karte_laender_{name}.png")
    assert share_of(members_map, LAND_FILL) > 0.1, "the Länder are not drawn under the members"
    # The darkest tile (the Land with the most members; SH alone on ?land=SH) carries a light label.
    darkest = np.argwhere(close_to(tiles, TILE_FILLS[-1]))
    assert len(darkest) > 1000, "no tile in the darkest green"
    (top, left), (bottom, right) = darkest.min(axis=0), darkest.max(axis=0)
    label = tiles.crop((left, top, right + 1, bottom + 1))
    assert TILE_INKS[-1] == "#ffffff"
    assert close_to(label, TILE_INKS[-1], tolerance=40).mean() > 0.03, "the darkest tile's label is not light"
    assert hosts == {urllib.parse.urlsplit(server).netloc}
