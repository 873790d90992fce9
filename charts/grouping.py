"""Charts with one mark per member stay small: beyond a row budget, members nearby become one mark.

The network has about a hundred members, and a chart draws each as a dot. The dashboard
must stay usable at a hundred times that (bench/bench_pages.py at 10,000 members), where
one dot per member would embed 10,000 rows in a page and in its PNG. So above
:data:`MAX_CHART_ROWS` the members are grouped on a grid over the chart's own axes
(degrees on the map, groups per 100,000 inhabitants on the rate axis), with the finest
grid that fits, and each group is drawn once at the mean position of its members. A group
of one keeps its member's name, so a click on it still opens the Steckbrief.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from domain.formatting import format_number

MAX_CHART_ROWS = 5_000
"""No chart embeds more rows than this (dashboard page targets, bench/bench_pages.py)."""

MIXED_TYPE = "gemischt"
"""The type of a group whose members are of several types."""


@dataclass(frozen=True)
class Grouped:
    """The rows to draw; ``step`` None means one row per member, else the width of a grid cell."""

    rows: pd.DataFrame
    step: float | None


def group_members(
    members: pd.DataFrame,
    axes: Sequence[str],
    steps: Sequence[float],
    sums: Sequence[str] = (),
    keep: Sequence[str] = (),
    limit: int = MAX_CHART_ROWS,
) -> Grouped:
    """Group ``members`` (one row each, with ``name`` and ``member_type``) to at most ``limit`` rows.

    Up to ``limit`` members every member is a row of its own, with ``members`` = 1 and
    ``label`` = its name. Above it, the first of ``steps`` (ascending cell widths on the
    ``axes`` columns) that yields at most ``limit`` cells groups the members; cells never
    mix values of the ``keep`` columns. A group row has the mean of the ``axes`` columns,
    the sums of the ``sums`` columns, ``members`` (its count), ``member_type`` (or
    :data:`MIXED_TYPE`), ``name`` (only for a group of one, else None) and ``label``
    (the name or "12 Kommunen"). The coarsest step is used if none fits.
    """
    if len(members) <= limit:
        return Grouped(members.assign(members=1, label=members["name"]).reset_index(drop=True), None)
    kept = [pd.factorize(members[column])[0] for column in keep]
    for step in steps:
        cells = [np.floor(members[axis].to_numpy(dtype=float) / step).astype(np.int64) for axis in axes]
        if step == steps[-1] or _distinct([*kept, *cells]) <= limit:
            by_cell = [
                pd.Series(cell, index=members.index, name=f"cell_{axis}")
                for axis, cell in zip(axes, cells, strict=True)
            ]
            return Grouped(_summarise(members.groupby([*keep, *by_cell], sort=True), axes, sums, keep), step)
    raise ValueError("steps must not be empty")


def _distinct(codes: list[np.ndarray]) -> int:
    """How many distinct rows the integer columns ``codes`` form (cheaper than a trial groupby)."""
    offsets = [code - code.min() for code in codes]
    key = np.ravel_multi_index(offsets, [int(offset.max()) + 1 for offset in offsets])
    return len(pd.unique(key))


def _summarise(
    grouped: DataFrameGroupBy, axes: Sequence[str], sums: Sequence[str], keep: Sequence[str]
) -> pd.DataFrame:
    summary = grouped.agg(
        **{axis: (axis, "mean") for axis in axes},
        **{column: (column, "sum") for column in sums},
        members=("name", "size"),
        first_name=("name", "first"),
        lowest_type=("member_type", "min"),
        highest_type=("member_type", "max"),
    ).reset_index(drop=False)
    single = summary["members"] == 1
    return pd.DataFrame(
        {
            **{column: summary[column] for column in keep},
            "name": summary["first_name"].where(single, None),
            "label": summary["first_name"].where(single, summary["members"].astype(str) + " Kommunen"),
            "member_type": summary["lowest_type"].where(summary["lowest_type"] == summary["highest_type"], MIXED_TYPE),
            "members": summary["members"],
            **{column: summary[column] for column in [*axes, *sums]},
        }
    )


def grouping_note(grouped: Grouped, cell: str) -> str:
    """A German caption sentence on the grouping ("" when every member has a dot of its own).

    ``cell`` names a grid cell for the reader, with ``{step}`` for its width in German
    number format, e.g. "ein Feld von {step}° Breite und Länge".
    """
    if grouped.step is None:
        return ""
    step = format_number(grouped.step, 2 if grouped.step < 0.1 else 1).removesuffix(",0")
    return (
        f"Mehr als {format_number(MAX_CHART_ROWS)} Kommunen: Ein Punkt fasst alle Kommunen in "
        f"{cell.format(step=step)} zusammen. Ein Klick öffnet den Steckbrief, wenn der Punkt eine einzige Kommune ist."
    )
