"""The Netzwerke & Gremien page as one cached view: regional networks and the Sprecher*innenrat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from charts import networks as charts
from data_access.filters import DashboardFilter
from metrics import networks as metrics
from ui import data
from ui.charts import ChartSpec, chart_spec


@dataclass(frozen=True)
class NetworksView:
    """Networks and council seats of one filter on the reference ``day``."""

    year: int
    day: datetime.date
    opening: str
    network_table: pd.DataFrame
    network_chart: ChartSpec | None
    share: float | None
    current_seats: pd.DataFrame
    states_chart: ChartSpec | None
    states_table: pd.DataFrame
    history_chart: ChartSpec | None
    history_table: pd.DataFrame
    all_seats: pd.DataFrame


@data.view_cache
def networks_view(filter_: DashboardFilter, today: datetime.date) -> NetworksView:
    """Build the page of ``filter_``: networks in its last year, council seats on ``today`` or that year's end."""
    options = data.filter_options()
    _, year_to = filter_.years(options.first_year, options.last_year)
    day = metrics.reference_date(year_to, today)
    with data.one_connection() as query:
        by_network = query.members_by_network(filter_, year_to)
        seats = query.council_seats(filter_)
    table = metrics.network_table(by_network)
    current = metrics.seats_on(seats, day)
    per_state = metrics.seats_by_state(current)
    history = metrics.seat_history(seats)
    return NetworksView(
        year=year_to,
        day=day,
        opening=" ".join(metrics.networks_opening(by_network, current, day)),
        network_table=table,
        network_chart=chart_spec(charts.members_by_network(table)) if not table.empty else None,
        share=metrics.share_in_networks(by_network),
        current_seats=current,
        states_chart=chart_spec(charts.seats_by_state(per_state)) if not per_state.empty else None,
        states_table=per_state,
        history_chart=chart_spec(charts.seat_history(history)) if not history.empty else None,
        history_table=history.rename(columns={"term": "Amtszeit ab", "side": "Seite", "seats": "Sitze"}),
        all_seats=metrics.seat_table(seats),
    )
