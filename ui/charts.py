"""Chart specs ready to send: built once per view, then only handed to ``st.vega_lite_chart``.

Two costs dominated a warm page run (measured with cProfile in bench/): Altair validating
every chart against the Vega-Lite schema (about 60 of 100 ms on the Überblick) and
Streamlit turning each chart's rows into Arrow. :func:`chart_spec` pays both once; the
views of ``ui/overview.py`` and ``ui/members.py`` cache the result with their data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st
from altair.utils.schemapi import disable_debug_mode
from streamlit import dataframe_util

ChartSpec = dict[str, Any]

# Altair validates every schema object as it is created ("debug mode"); for our charts that
# was most of the cost of a new view. The builders are validated in the unit tests
# (``to_dict()`` validates regardless of this switch), so the app builds without it.
disable_debug_mode()


def chart_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """The Vega-Lite spec of ``chart`` with its datasets already in Arrow IPC form.

    Streamlit passes datasets that are bytes straight through instead of converting
    them on every rerun (``_marshall_chart_data`` in streamlit/elements/vega_charts.py).
    """
    # The builders are validated against the schema in the unit tests; doing it again on
    # every new view cost more than the view's queries.
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows) for name, rows in spec.get("datasets", {}).items()
    }
    return spec


def chart_rows(spec: ChartSpec) -> int:
    """How many data rows a spec embeds (the benchmark checks the 5,000-row limit)."""
    return sum(
        dataframe_util.convert_arrow_bytes_to_pandas_df(rows).shape[0] if isinstance(rows, bytes) else len(rows)
        for rows in spec.get("datasets", {}).values()
    )


def show_chart(
    spec: ChartSpec,
    *,
    key: str | None = None,
    on_select: str | Callable[[], None] = "ignore",
    selection_mode: str | None = None,
) -> None:
    """Render a prepared spec full width; ``on_select`` and ``selection_mode`` as in Streamlit."""
    if on_select == "ignore":
        st.vega_lite_chart(spec, width="stretch", key=key)
    else:
        st.vega_lite_chart(spec, width="stretch", key=key, on_select=on_select, selection_mode=selection_mode)
