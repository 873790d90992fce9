"""Issue 15, point 6: a change that reads as zero shows no arrow and no colour, on the page and on the slide."""

from __future__ import annotations

import pytest
from streamlit.proto.Metric_pb2 import Metric

from tests.conftest import page_app

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.mark.parametrize(("page", "params"), [("ueberblick", {}), ("praesentation", {"folie": "2"})])
def test_a_zero_change_is_neutral_and_any_other_has_its_arrow(demo_url: str, page: str, params: dict) -> None:
    app = page_app(page, land="SH", **params)
    assert not app.exception, app.exception
    metrics = {metric.label: metric.proto for metric in app.main.metric}
    zero = metrics["Bundesländer"]  # one Land selected: 1 von 16 both years
    assert zero.delta.startswith("±0")
    assert (zero.direction, zero.color) == (Metric.MetricDirection.NONE, Metric.MetricColor.GRAY)
    changed = [proto for proto in metrics.values() if proto.delta and not proto.delta.startswith("±")]
    assert changed, "the demo data has changes to compare with"
    assert all(proto.direction != Metric.MetricDirection.NONE for proto in changed)
