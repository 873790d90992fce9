"""Every chart of every page can be downloaded as PNG (twice its size) and SVG, drawn on the server.

The views are the cached page views themselves, so a chart added to a page is covered
here without a new test.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from charts.figure import inline_spec
from domain.filter import DashboardFilter
from reports.images import spec_png, spec_svg
from tests.conftest import page_app
from ui.filters import scope_for
from ui.views import (
    event_list_view,
    events_view,
    map_view,
    members_view,
    networks_view,
    overview_view,
    profile_view,
    self_help_view,
    standards_view,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("fresh_caches")


def page_charts(filter_: DashboardFilter) -> dict[str, dict]:
    """Every chart spec the page views of ``filter_`` hold, by view and field name."""
    scope = scope_for(filter_, datetime.date(2026, 11, 25))
    views = {
        "ueberblick": overview_view(scope),
        "karte": map_view(scope),
        "mitglieder": members_view(scope),
        "veranstaltungen": events_view(scope),
        "veranstaltungsliste": event_list_view(scope),
        "selbsthilfe": self_help_view(scope),
        "mindeststandards": standards_view(scope),
        "netzwerke": networks_view(scope),
        "steckbrief": profile_view(scope_for(DashboardFilter(member="Kiel"))),
    }
    found = {}
    for page, view in views.items():
        for field in dataclasses.fields(view):
            value = getattr(view, field.name)
            if isinstance(value, dict) and "datasets" in value:
                found[f"{page}.{field.name}"] = value
    return found


def test_every_chart_becomes_a_png_of_twice_its_size_and_an_svg(demo_url: str) -> None:
    specs = page_charts(DashboardFilter(states=("SH", "NI")))
    assert len(specs) >= 20  # every page has charts
    for name, spec in specs.items():
        static = inline_spec(spec)
        svg = spec_svg(static)
        width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
        with Image.open(io.BytesIO(spec_png(static))) as image:
            assert image.format == "PNG", name
            assert image.size[0] == round(width * 2), name
        labels = re.findall(r">([^<]{1,40})</text>", svg)
        assert not [label for label in labels if re.fullmatch(r"\d{1,3}(,\d{3})+", label)], (name, labels)


@pytest.mark.parametrize(("page", "charts"), [("ueberblick", 4), ("mitglieder", 3), ("selbsthilfe", 4)])
def test_every_chart_on_screen_offers_png_and_svg_once_opened(demo_url: str, page: str, charts: int) -> None:
    app = page_app(page)
    assert not app.exception, app.exception
    # Closed (as a page opens), the menus and data panels build nothing: no image download yet.
    assert not [button for button in app.get("download_button") if button.proto.label.startswith("Bild")]
    opened = [key for key in app.session_state if str(key).endswith(("_menu", "_panel"))]
    assert len(opened) == charts
    for key in opened:
        app.session_state[key] = True
    app.run()
    assert not app.exception, app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels.count("Bild (PNG)") == labels.count("Bild (SVG)") == charts
