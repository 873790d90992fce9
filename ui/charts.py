"""Chart specs ready to send: templates built once per process, data swapped in per view.

Three costs dominated page runs (measured with cProfile, see bench/bench_pages.py):
Altair validating every chart against the Vega-Lite schema (about 60 of 100 ms on a
warm Überblick), Altair building the chart objects (4–35 ms a chart), and Streamlit
turning each chart's rows into Arrow on every rerun. Templates (``charts/figure.py``)
are built once per process; :func:`chart_spec` adds the rows as Arrow bytes, and the
views of ``ui/overview.py`` and ``ui/members.py`` cache the result with their data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from charts.figure import Figure, records
from reports.images import spec_png, spec_svg
from ui.downloads import file_stem, safe_subject, table_downloads

ChartSpec = dict[str, Any]


@functools.lru_cache(maxsize=64)
def _template_spec(template: Callable[..., alt.TopLevelMixin], options: tuple[Any, ...]) -> ChartSpec:
    """The Vega-Lite spec of a data-free template, built once per process (it depends on code only)."""
    return template(*options).to_dict(validate=False)


def chart_spec(figure: Figure) -> ChartSpec:
    """The spec of ``figure``: its cached template plus its datasets already in Arrow IPC form.

    Streamlit passes datasets that are bytes straight through instead of converting them
    on every rerun (``_marshall_chart_data`` in streamlit/elements/vega_charts.py).
    """
    return {
        **_template_spec(figure.template, figure.options),
        "datasets": {
            name: dataframe_util.convert_anything_to_arrow_bytes(frame) for name, frame in figure.datasets.items()
        },
    }


def chart_rows(spec: ChartSpec) -> int:
    """How many data rows a spec embeds (the benchmark checks the 5,000-row limit)."""
    return sum(
        dataframe_util.convert_arrow_bytes_to_pandas_df(rows).shape[0] if isinstance(rows, bytes) else len(rows)
        for rows in spec.get("datasets", {}).values()
    )


def chart_panel(
    spec: ChartSpec | None,
    table: pd.DataFrame,
    subject: str,
    *,
    key: str,
    on_select: str | Callable[[], None] = "ignore",
    selection_mode: str | None = None,
) -> None:
    """A chart with the table behind it (German headers) in an expander, downloadable as CSV and XLSX.

    Every chart of the analysis pages goes through here, so every chart's figures can be
    checked, copied and taken to Excel. ``spec`` None (nothing to draw) shows a sentence.
    """
    if spec is None or table.empty:
        st.caption("Für diese Auswahl gibt es hierzu keine Daten.")
        return
    show_chart(spec, key=key, on_select=on_select, selection_mode=selection_mode)
    # Lazy: the table and its four downloads are built only while the expander is open.
    # Built on every run, they were most of a page's cost under load (bench/load.py).
    panel = st.expander("Daten zum Diagramm", icon=":material/table:", key=f"{key}_panel", on_change="rerun")
    if panel.open:
        with panel:
            st.dataframe(table, hide_index=True, width="stretch")
            table_downloads(table, subject, key=f"{key}_data")
            image_downloads(spec, subject, key=f"{key}_image")


def inline_spec(spec: ChartSpec) -> ChartSpec:
    """The spec with its rows as JSON records instead of Arrow bytes (what vl-convert reads)."""
    datasets = {
        name: records(dataframe_util.convert_arrow_bytes_to_pandas_df(rows)) if isinstance(rows, bytes) else rows
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "datasets": datasets}


def image_downloads(spec: ChartSpec, subject: str, *, key: str) -> None:
    """The chart as PNG (twice its size) and SVG, drawn on the server in German formats only when clicked."""
    stem = file_stem(subject)
    row = st.container(horizontal=True)  # one flex row: cheaper than columns, on every run of every page
    row.download_button(
        "Bild (PNG)",
        lambda: spec_png(inline_spec(spec)),
        file_name=f"{stem}.png",
        mime="image/png",
        icon=":material/image:",
        key=f"{key}_png",
        on_click="ignore",
    )
    row.download_button(
        "Bild (SVG)",
        lambda: spec_svg(inline_spec(spec)),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        icon=":material/polyline:",
        key=f"{key}_svg",
        on_click="ignore",
    )


def show_chart(
    spec: ChartSpec,
    *,
    key: str | None = None,
    on_select: str | Callable[[], None] = "ignore",
    selection_mode: str | None = None,
    subject: str | None = None,
) -> None:
    """Render a prepared spec full width; ``on_select`` and ``selection_mode`` as in Streamlit.

    With a ``subject`` (the file name's topic) a small "Als Bild" menu offers PNG and SVG.
    """
    if on_select == "ignore":
        st.vega_lite_chart(spec, width="stretch", key=key)
    else:
        st.vega_lite_chart(spec, width="stretch", key=key, on_select=on_select, selection_mode=selection_mode)
    if subject is not None:
        name = key or safe_subject(subject)
        menu = st.popover("Als Bild", icon=":material/image:", key=f"{name}_menu", on_change="rerun")
        if menu.open:  # the two download buttons only while the menu is open (see chart_panel)
            with menu:
                image_downloads(spec, subject, key=f"{name}_image")
