"""Charts on screen: a prepared spec (``charts.figure.chart_spec``) drawn full width, its table and images.

Specs come ready from the view models: templates built once per process, rows already
in Arrow form, so a rerun sends them without building or converting anything. A spec
that carries a click target (the chart builder says which field a click carries and
which URL key it sets) gets its click handler here; pages never name chart columns.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.figure import ChartSpec, click_target, inline_spec
from domain.formatting import format_date
from reports.images import captioned_spec, spec_png, spec_svg
from ui.clicks import click_handler
from ui.downloads import file_stem, safe_subject, table_downloads
from ui.filters import page_scope
from ui.tables import show_table


def chart_panel(
    spec: ChartSpec | None, table: pd.DataFrame, subject: str, *, key: str, title: str | None = None
) -> None:
    """A chart with the table behind it (German headers) in an expander, downloadable as CSV and XLSX.

    Every chart of the analysis pages goes through here, so every chart's figures can be
    checked, copied and taken to Excel. ``spec`` None (nothing to draw) shows a sentence.
    """
    if spec is None or table.empty:
        st.caption("Für diese Auswahl gibt es hierzu keine Daten.")
        return
    show_chart(spec, key=key)
    # Lazy: the table and its four downloads are built only while the expander is open.
    # Built on every run, they were most of a page's cost under load (bench/load.py).
    panel = st.expander("Daten zum Diagramm", icon=":material/table:", key=f"{key}_panel", on_change="rerun")
    if panel.open:
        with panel:
            show_table(table)
            table_downloads(table, subject, key=f"{key}_data")
            image_downloads(spec, subject, key=f"{key}_image", title=title)


def image_downloads(spec: ChartSpec, subject: str, *, key: str, title: str | None = None) -> None:
    """The chart as PNG (twice its size) and SVG, drawn on the server in German formats only when clicked.

    Like a slide, the image carries its title, the filter sentence and the Stand (a
    Vega-Lite title and subtitle, see ``reports.images.captioned_spec``), and its file name
    carries the selection (``Scope.file_part``). ``title`` defaults to the spec's own title,
    else the subject's words ("Mitglieder_je_Jahr" → "Mitglieder je Jahr").
    """
    scope = page_scope()
    stem = file_stem(subject, scope.file_part)
    lines = (scope.sentence, f"Stand: {format_date(scope.stand)}")

    def image_spec() -> ChartSpec:
        return captioned_spec(inline_spec(spec), title or chart_title(spec, subject), lines)

    row = st.container(horizontal=True)  # one flex row: cheaper than columns, on every run of every page
    row.download_button(
        "Bild (PNG)",
        lambda: spec_png(image_spec()),
        file_name=f"{stem}.png",
        mime="image/png",
        icon=":material/image:",
        key=f"{key}_png",
        on_click="ignore",
    )
    row.download_button(
        "Bild (SVG)",
        lambda: spec_svg(image_spec()),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        icon=":material/polyline:",
        key=f"{key}_svg",
        on_click="ignore",
    )


def chart_title(spec: ChartSpec, subject: str) -> str:
    """The title a chart image shows: the spec's own title text, else the subject's words."""
    own = spec.get("title")
    text = own.get("text") if isinstance(own, dict) else own
    if isinstance(text, list):
        text = " ".join(str(line) for line in text)
    return str(text) if text else safe_subject(subject).replace("_", " ")


def show_chart(
    spec: ChartSpec,
    *,
    key: str | None = None,
    subject: str | None = None,
    clickable: bool = True,
    title: str | None = None,
) -> None:
    """Render a prepared spec full width; a click does what the spec's click target says (``clickable``).

    With a ``subject`` (the file name's topic) a small "Als Bild" menu offers PNG and SVG
    (``title`` is the images' title, see :func:`image_downloads`).
    """
    target = click_target(spec) if clickable and key is not None else None
    if target is None:
        st.vega_lite_chart(spec, width="stretch", key=key)
    else:
        st.vega_lite_chart(
            spec, width="stretch", key=key, on_select=click_handler(key, target), selection_mode=target.selection
        )
    if subject is not None:
        name = key or safe_subject(subject)
        menu = st.popover("Als Bild", icon=":material/image:", key=f"{name}_menu", on_change="rerun")
        if menu.open:  # the two download buttons only while the menu is open (see chart_panel)
            with menu:
                image_downloads(spec, subject, key=f"{name}_image", title=title)
