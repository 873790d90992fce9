"""Issue 15, point 9: the Steckbrief's charts look the same for every member.

Fixed colours for "diese Kommune" and the two medians (not by the member's name), a legend
that fits a half-width column, and years without events drawn as 0.
"""

from __future__ import annotations

import re

import pandas as pd

from charts import selfhelp as self_help_charts
from metrics import profile, selfhelp
from reports.images import spec_svg

MEMBER_YEARS = pd.DataFrame(
    {
        "name": ["Aachen", "Zwickau", "Höchstadt a.d. Aisch", "Kreis Ost"] * 2,
        "member_type": ["Stadt", "Stadt", "Stadt", "Landkreis"] * 2,
        "year": [2020] * 4 + [2021] * 4,
        "groups": [40, 20, 10, 5, 42, 21, 11, 6],
        "population": pd.array([250_000, 90_000, 13_000, 90_000] * 2, dtype="Int64"),
    }
)


def colours(name: str) -> dict[str, str]:
    """Series → colour of the comparison chart on ``name``'s Steckbrief."""
    spec = self_help_charts.member_comparison(selfhelp.member_comparison(MEMBER_YEARS, name)).spec()
    scale = spec["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_comparison_colours_follow_the_series_not_the_members_name() -> None:
    # "Aachen" sorts before "Median …", "Zwickau" after it: a colour by sort order swapped them.
    first, last = colours("Aachen"), colours("Zwickau")
    assert first == last
    assert set(first) == {"diese Kommune", "Median aller Mitglieder", "Median gleicher Art (Städte)"}
    assert len(set(first.values())) == 3
    district = colours("Kreis Ost")  # another type: the same three colours by kind
    assert district["diese Kommune"] == first["diese Kommune"]
    assert district["Median aller Mitglieder"] == first["Median aller Mitglieder"]
    assert district["Median gleicher Art (Landkreise)"] == first["Median gleicher Art (Städte)"]
    names = set(selfhelp.member_comparison(MEMBER_YEARS, "Zwickau")["series"])
    assert "Zwickau" not in names


def test_comparison_legend_fits_a_narrow_column_uncut() -> None:
    spec = self_help_charts.member_comparison(selfhelp.member_comparison(MEMBER_YEARS, "Höchstadt a.d. Aisch")).spec()
    spec["width"] = 220  # a half-width column on a small screen
    svg = spec_svg(spec)
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width <= 220 + 60, width  # plot and y axis only: the legend does not widen the chart
    labels = re.findall(r">([^<]{1,60})</text>", svg)
    assert {"diese Kommune", "Median aller Mitglieder", "Median gleicher Art (Städte)"} <= set(labels)
    assert not [label for label in labels if "…" in label]


def test_years_without_events_are_rows_of_zero() -> None:
    counts = pd.DataFrame(
        {
            "year": [2019, 2019, 2022],
            "event_type": ["Fachtag", "Aktionstag", "Fachtag"],
            "events": [1, 2, 3],
            "participants": [50, 60, 70],
            "sessions": [0, 0, 0],
            "partners": [0, 0, 0],
        }
    )
    filled = profile.event_years(counts, 2019, 2023)
    assert filled["year"].tolist() == [2019, 2019, 2020, 2021, 2022, 2023]
    per_year = filled.groupby("year")["events"].sum().to_dict()
    assert per_year == {2019: 3, 2020: 0, 2021: 0, 2022: 3, 2023: 0}
    assert filled["participants"].sum() == 180
    # A year with events outside the span still shows; the span only adds empty years.
    assert profile.event_years(counts, 2020, 2021)["year"].unique().tolist() == [2019, 2020, 2021, 2022]
