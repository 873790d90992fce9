"""The Netzwerke & Gremien page: regional networks and the Sprecher*innenrat.

Also the source of the Präsentation's "Regionalnetzwerke" and "Sprecher*innenrat" slides.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from charts import networks as charts
from charts.figure import ChartSpec, chart_spec
from data_access.queries.bound import BoundQueries
from domain.formatting import format_number
from metrics import networks as metrics
from views.scope import Scope
from views.sentences import Opening


@dataclass(frozen=True)
class NetworksView(Opening):
    """Networks and council seats of one scope on the reference ``day``."""

    year: int
    day: datetime.date
    opening_sentences: tuple[str, ...]
    network_table: pd.DataFrame
    network_chart: ChartSpec | None
    share: float | None
    current_seats: pd.DataFrame
    seat_counts: dict[str, int]
    """Seats on the day by side ("municipal", "self_help") and the number of Länder they come from ("states")."""
    states_chart: ChartSpec | None
    states_table: pd.DataFrame
    history_chart: ChartSpec | None
    """None when there is no history, or when no term differs from the others (``history_note`` says it)."""
    history_table: pd.DataFrame
    history_note: str
    """The history in one sentence when every term had the same seats ("" when the chart shows it)."""
    all_seats: pd.DataFrame


def build(scope: Scope, query: BoundQueries) -> NetworksView:
    """Build the page of ``scope``: networks in its last year, council seats on its day or that year's end."""
    year_to = scope.year_to
    day = metrics.reference_date(year_to, scope.today)
    by_network = query.members_by_network(scope.filter, year_to)
    seats = query.council_seats(scope.filter)
    table = metrics.network_table(by_network)
    current = metrics.seats_on(seats, day)
    per_state = metrics.seats_by_state(current)
    history = metrics.seat_history(seats)
    sides = current["side"].value_counts() if not current.empty else pd.Series(dtype=int)
    return NetworksView(
        year=year_to,
        day=day,
        opening_sentences=tuple(metrics.networks_opening(by_network, current, day)),
        network_table=table,
        network_chart=chart_spec(charts.members_by_network(table)) if not table.empty else None,
        share=metrics.share_in_networks(by_network),
        current_seats=current,
        seat_counts={
            "municipal": int(sides.get("Kommune", 0)),
            "self_help": int(sides.get("Selbsthilfe", 0)),
            "states": int(current["state"].nunique()) if not current.empty else 0,
        },
        states_chart=chart_spec(charts.seats_by_state(per_state)) if not per_state.empty else None,
        states_table=per_state,
        history_chart=chart_spec(charts.seat_history(history)) if not charts.seats_unchanged(history) else None,
        history_table=history,
        history_note=unchanged_seats_note(history),
        all_seats=metrics.seat_table(seats),
    )


def unchanged_seats_note(history: pd.DataFrame) -> str:
    """One German sentence for a seat history in which every term had the same seats per side, else "".

    E.g. "In allen 10 Amtszeiten seit 2008 je 5 Sitze Kommune und 5 Sitze Selbsthilfe."
    """
    if history.empty or not charts.seats_unchanged(history):
        return ""
    terms = sorted(history["term"].unique())
    first = history[history["term"] == terms[0]].groupby("side")["seats"].sum()
    sides = " und ".join(
        f"{format_number(int(first[side]))} {'Sitz' if int(first[side]) == 1 else 'Sitze'} {side}"
        for side in ("Kommune", "Selbsthilfe")
        if side in first.index
    )
    if len(terms) == 1:
        return f"Eine Amtszeit (ab {int(terms[0])}): {sides}."
    count = format_number(len(terms))
    return f"In allen {count} Amtszeiten seit {int(terms[0])} je {sides}; die Sitze sind unverändert."
