"""A chart as a data-free template plus the named datasets it draws.

Building an Altair chart is costly (it resolves schema classes; ``python bench/bench_pages.py``
shows the cost as a page run's time beyond its bare queries), while the finished structure
of a chart does not depend on its rows. So every builder
in ``charts/`` returns a :class:`Figure`: a template function whose result reads its
rows from named datasets, and those datasets. :func:`chart_spec` builds each template
once per process and only swaps the data in, as Arrow bytes; the view models of
``views/`` carry these specs, and the screen (``ui/charts.py``) and the decks
(``reports/``) draw the same spec. Tests call :meth:`Figure.spec` for a complete spec.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

ChartSpec = dict[str, Any]
"""A Vega-Lite spec whose datasets are Arrow IPC bytes (screen) or JSON records (images)."""


@dataclass(frozen=True)
class ClickTarget:
    """What a click on a chart means: the point selection, the data field it carries, the URL key it sets.

    The chart builder that adds the selection says this, so no page needs to know a
    chart's column names. ``opens_profile``: the clicked member's Steckbrief opens.
    """

    selection: str
    field: str
    url_key: str
    opens_profile: bool = False


@dataclass(frozen=True)
class Figure:
    """``template(*options)`` is a data-free chart; ``datasets`` are the rows it reads by name.

    ``click`` (if any) says what a click on the chart does.
    """

    template: Callable[..., alt.TopLevelMixin]
    options: tuple[Any, ...] = ()
    datasets: dict[str, pd.DataFrame] = field(default_factory=dict)
    click: ClickTarget | None = None

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


@functools.lru_cache(maxsize=64)
def _template_spec(template: Callable[..., alt.TopLevelMixin], options: tuple[Any, ...]) -> ChartSpec:
    """The Vega-Lite spec of a data-free template, built once per process (it depends on code only)."""
    return template(*options).to_dict(validate=False)


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as Arrow IPC stream bytes, the form Streamlit sends a chart's rows in.

    Streamlit passes datasets that are bytes straight through instead of converting them on
    every rerun (``_marshall_chart_data`` in streamlit/elements/vega_charts.py); building
    them here keeps the view models free of Streamlit.
    """
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def arrow_frame(data: bytes) -> pd.DataFrame:
    """The frame behind :func:`arrow_bytes`."""
    return pa.ipc.open_stream(data).read_pandas()


def chart_spec(figure: Figure) -> ChartSpec:
    """The spec of ``figure``: its cached template plus its datasets in Arrow IPC form.

    Validating and building Altair charts cost most of a page run (see
    ``python bench/bench_pages.py``); the template is built once per process.
    """
    spec = {
        **_template_spec(figure.template, figure.options),
        "datasets": {name: arrow_bytes(frame) for name, frame in figure.datasets.items()},
    }
    if figure.click is not None:
        # Vega-Lite ignores "usermeta"; the screen reads the click target from here.
        spec["usermeta"] = {"click": dataclasses.asdict(figure.click)}
    return spec


def click_target(spec: ChartSpec) -> ClickTarget | None:
    """The click target a spec carries (see :func:`chart_spec`), or None for a chart without clicks."""
    meta = (spec.get("usermeta") or {}).get("click")
    return ClickTarget(**meta) if meta else None


def inline_spec(spec: ChartSpec) -> ChartSpec:
    """The spec with its rows as JSON records instead of Arrow bytes (what vl-convert reads)."""
    datasets = {
        name: records(arrow_frame(rows)) if isinstance(rows, bytes) else rows
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "datasets": datasets}


def chart_rows(spec: ChartSpec) -> int:
    """How many data rows a spec embeds (the benchmark checks the 5,000-row limit)."""
    return sum(
        pa.ipc.open_stream(rows).read_all().num_rows if isinstance(rows, bytes) else len(rows)
        for rows in spec.get("datasets", {}).values()
    )
