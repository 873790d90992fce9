"""Pure functions below ui/: chart builders, headline figures, German formats."""

from __future__ import annotations

import datetime

import pandas as pd

from charts.members import members_per_year
from metrics.german import format_date, format_number
from metrics.overview import overview_figures


def test_german_formats() -> None:
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(24_000_000) == "24.000.000"
    assert format_number(None) == "–"
    assert format_date(datetime.date(2026, 11, 22)) == "22.11.2026"
    assert format_date(datetime.datetime(2026, 3, 1, 12, 30)) == "01.03.2026"


def test_overview_figures_sum_the_last_year() -> None:
    members = pd.DataFrame(
        {"year": [2024, 2025, 2025], "member_type": ["Stadt", "Stadt", "Landkreis"], "members": [3, 4, 2],
         "population": [10, 20, 30]}
    )  # fmt: skip
    states = pd.DataFrame({"state_code": ["NI", "SH"], "members": [4, 2], "population": [20, 30]})
    events = pd.DataFrame({"year": [2024, 2025], "event_type": ["Fachtag", "Fachtag"], "events": [5, 6]})
    figures = overview_figures(members, states, events, 2025)
    assert (figures.members, figures.population, figures.states, figures.events) == (6, 50, 2, 11)
    empty = overview_figures(members.iloc[0:0], states.iloc[0:0], events.iloc[0:0], 2025)
    assert (empty.members, empty.states, empty.events) == (0, 0, 0)


def test_members_chart_has_german_titles() -> None:
    frame = pd.DataFrame({"year": [2025], "member_type": ["Stadt"], "members": [4], "population": [1]})
    spec = members_per_year(frame).to_dict()
    assert spec["encoding"]["x"]["title"] == "Jahr"
    assert spec["encoding"]["color"]["title"] == "Art"
