"""Headline figures of the Überblick, from the small frames the queries return."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class OverviewFigures:
    """Members and population in the last year, Länder covered, events in the range."""

    members: int
    population: int
    states: int
    events: int


def overview_figures(
    members_by_year: pd.DataFrame, members_by_state: pd.DataFrame, events_by_year: pd.DataFrame, year: int
) -> OverviewFigures:
    """Sum the per-type rows of ``year``, count Länder with members, sum all event rows.

    The frames are those of ``data_access.queries`` for one filter; the event frame is
    already limited to the filter's years.
    """
    in_year = members_by_year[members_by_year["year"] == year]
    return OverviewFigures(
        members=int(in_year["members"].sum()),
        population=int(in_year["population"].sum()),
        states=int((members_by_state["members"] > 0).sum()) if not members_by_state.empty else 0,
        events=int(events_by_year["events"].sum()) if not events_by_year.empty else 0,
    )
