"""A chart as a data-free template plus the named datasets it draws.

Building an Altair chart is costly (it resolves schema classes; 4–26 ms a chart here),
while the finished structure of a chart does not depend on its rows. So every builder
in ``charts/`` returns a :class:`Figure`: a template function whose result reads its
rows from named datasets, and those datasets. The UI builds each template once per
process and only swaps the data in (``ui/charts.py``); reports and tests call
:meth:`Figure.spec` for a complete Vega-Lite spec.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd


@dataclass(frozen=True)
class Figure:
    """``template(*options)`` is a data-free chart; ``datasets`` are the rows it reads by name."""

    template: Callable[..., alt.TopLevelMixin]
    options: tuple[Any, ...] = ()
    datasets: dict[str, pd.DataFrame] = field(default_factory=dict)

    def chart(self) -> alt.TopLevelMixin:
        """The template chart (no data)."""
        return self.template(*self.options)

    def spec(self, validate: bool = True) -> dict[str, Any]:
        """The complete Vega-Lite spec, rows inline as records (for vl-convert, tests, reports)."""
        spec = self.chart().to_dict(validate=validate)
        spec["datasets"] = {name: records(frame) for name, frame in self.datasets.items()}
        return spec


def _json_value(value: Any) -> Any:
    """A cell as JSON can carry it: dates as ISO text, gaps as None, numpy scalars as Python numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime.date)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as JSON-able records (dates as ISO text, gaps as None)."""
    return [{key: _json_value(value) for key, value in row.items()} for row in frame.to_dict("records")]


def named(name: str) -> alt.NamedData:
    """The data reference of a template: rows come later under ``name``."""
    return alt.NamedData(name=name)
