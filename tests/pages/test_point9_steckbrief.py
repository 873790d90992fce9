"""Issue 15, point 9 on the Steckbrief itself: every year of the membership in its events chart."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.figure import arrow_frame
from domain.filter import DashboardFilter
from tests.conftest import page_app
from ui.filters import scope_for
from ui.views import profile_view

pytestmark = pytest.mark.usefixtures("fresh_caches")


def chart_rows(spec: dict, name: str) -> pd.DataFrame:
    rows = spec["datasets"][name]
    return arrow_frame(rows) if isinstance(rows, bytes) else pd.DataFrame(rows)


def test_events_chart_shows_years_without_events_as_zero(demo_url: str) -> None:
    # Rosenheim (demo: 2007–2019) has years without events; the chart keeps them in place.
    view = profile_view(scope_for(DashboardFilter(member="Rosenheim")))
    counts = chart_rows(view.events_chart, "counts")
    years = sorted(set(counts["year"]))
    assert years == list(range(years[0], years[-1] + 1)), years
    assert years[0] <= 2008
    assert years[-1] >= 2019
    per_year = counts.groupby("year")["events"].sum()
    assert (per_year == 0).any()  # at least one empty year, drawn as 0
    assert per_year.sum() == view.events_table["events"].sum()  # the zeros add no events


@pytest.mark.parametrize("name", ["Herne", "Rosenheim"])
def test_comparison_colours_are_the_same_on_every_steckbrief(demo_url: str, name: str) -> None:
    app = page_app("steckbrief", kommune=name)
    assert not app.exception, app.exception
    spec = profile_view(scope_for(DashboardFilter(member=name))).self_help_chart
    scale = spec["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["diese Kommune"] == "#0b6e4f"
    assert colours["Median aller Mitglieder"] == "#6c757d"
    assert spec["encoding"]["color"]["legend"]["orient"] == "bottom"
