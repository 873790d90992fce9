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

from domain.headers import header

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
    description: str | None = None
    """The chart's text alternative where the derived one (:func:`describe`) would not say enough (maps)."""

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


MARK_NAMES: dict[str, str] = {
    "bar": "Balkendiagramm",
    "line": "Liniendiagramm",
    "area": "Flächendiagramm",
    "rect": "Kachel- oder Heatmap-Diagramm",
    "point": "Punktdiagramm",
    "circle": "Punktdiagramm",
    "square": "Punktdiagramm",
    "arc": "Kreisdiagramm",
    "tick": "Strichdiagramm",
    "rule": "Liniendiagramm",
}
"""Vega-Lite marks by their German chart names, for the text alternative (:func:`describe`)."""


def _parts(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """``spec`` and every view nested in it (layers, concatenations, facets), depth first."""
    found = [spec]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []) or []:
            found += _parts(part)
    if isinstance(spec.get("spec"), dict):
        found += _parts(spec["spec"])
    return found


def _title(channel: Any) -> str | None:
    """The title a channel shows: its own, else its field's German header; None without either.

    A field without a German header (a helper column such as ``column`` of the tile map)
    is left out rather than read out as a code.
    """
    if not isinstance(channel, dict):
        return None
    title = channel.get("title")
    if title is None and isinstance(channel.get("field"), str):
        field_name = channel["field"]
        title = header(field_name) if header(field_name) != field_name else None
    if isinstance(title, list):
        title = " ".join(str(line) for line in title)
    return str(title) if title else None


def _year_span(datasets: dict[str, pd.DataFrame]) -> str:
    """ ", 2015 bis 2025" when the rows have years (a ``year`` column), else empty."""
    years = [frame["year"] for frame in datasets.values() if "year" in frame.columns and not frame.empty]
    if not years:
        return ""
    values = pd.to_numeric(pd.concat(years), errors="coerce").dropna()
    if values.empty:
        return ""
    first, last = int(values.min()), int(values.max())
    return f", {first}" if first == last else f", {first} bis {last}"


def describe(template: dict[str, Any], datasets: dict[str, pd.DataFrame]) -> str:
    """A German text alternative of a chart: its kind, what it plots against what, its years, its rows.

    Vega-Lite's ``description`` becomes the chart's ARIA label, so a screen reader announces
    what the chart shows instead of "Grafik"; the figures themselves are in the table under
    every chart ("Daten zum Diagramm"), which the text points to. Derived from the spec, so
    no chart can be added without one.
    """
    kinds: list[str] = []
    measures: list[str] = []
    dimensions: list[str] = []
    groups: list[str] = []
    sizes: list[str] = []
    for part in _parts(template):
        mark = part.get("mark")
        kind = MARK_NAMES.get(mark.get("type") if isinstance(mark, dict) else mark)
        if kind and kind not in kinds and not (kinds and mark in ("text", "rule")):
            kinds.append(kind)
        encoding = part.get("encoding", {}) or {}
        for channel_name in ("x", "y", "theta", "longitude", "latitude", "color", "size"):
            channel = encoding.get(channel_name)
            title = _title(channel)
            if title is None or channel_name in ("longitude", "latitude"):
                continue
            quantitative = channel.get("type") == "quantitative" or "aggregate" in channel
            if channel_name in ("color", "size"):
                target = groups if channel_name == "color" else sizes
            else:
                target = measures if quantitative else dimensions
            if title not in target and title not in measures + dimensions + groups + sizes:
                target.append(title)
    rows = sum(len(frame) for frame in datasets.values())
    kind = " und ".join(kinds[:2]) or "Diagramm"
    text = kind
    if measures:
        text += ": " + ", ".join(measures)
        if dimensions:
            text += " nach " + ", ".join(dimensions)
    elif dimensions:
        text += ": " + ", ".join(dimensions)
    text += _year_span(datasets)
    if groups:
        text += "; Farbe: " + ", ".join(groups)
    if sizes:
        text += "; Größe: " + ", ".join(sizes)
    noun = "Datenzeile" if rows == 1 else "Datenzeilen"
    return f"{text} ({rows} {noun}). Die Zahlen stehen in der Tabelle „Daten zum Diagramm“."


def chart_spec(figure: Figure) -> ChartSpec:
    """The spec of ``figure``: its cached template plus its datasets in Arrow IPC form.

    Validating and building Altair charts cost most of a page run (see
    ``python bench/bench_pages.py``); the template is built once per process. Every spec
    carries a German text alternative (:func:`describe`) unless its template has one.
    """
    template = _template_spec(figure.template, figure.options)
    spec = {
        **template,
        "datasets": {name: arrow_bytes(frame) for name, frame in figure.datasets.items()},
    }
    # Vega's own ARIA texts for axes and marks are English ("X-axis titled 'Jahr' …") and
    # would be read between the German ones; the German description below stands for the chart.
    config = template.get("config", {})
    spec["config"] = {**config, "aria": False, "mark": {**config.get("mark", {}), "aria": False}}
    if figure.description is not None:
        spec["description"] = figure.description
    elif "description" not in template:
        spec["description"] = describe(template, figure.datasets)
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
