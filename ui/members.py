"""The Mitglieder page as one cached view: the member table and chart specs for a filter."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from charts.members import members_by, population_over_time
from data_access.filters import DashboardFilter
from metrics.members import member_table, members_by_type
from ui import data
from ui.charts import ChartSpec, chart_spec


@dataclass(frozen=True)
class MembersView:
    """The member table of the filter's last year and the three charts below it."""

    year: int
    table: pd.DataFrame
    table_arrow: pa.Table
    """The same table as Arrow: st.dataframe then skips the pandas → Arrow conversion on every rerun."""
    by_type_chart: ChartSpec | None
    by_state_chart: ChartSpec | None
    population_chart: ChartSpec | None


@data.view_cache
def members_view(filter_: DashboardFilter) -> MembersView:
    """Build the Mitglieder page of ``filter_``; every frame is read once, through one connection."""
    options = data.filter_options()
    year_from, year_to = filter_.years(options.first_year, options.last_year)
    with data.one_connection() as query:
        table = member_table(query.member_list(filter_, year_to), year_to)
        arrow = pa.Table.from_pandas(table, preserve_index=False)
        if table.empty:
            return MembersView(year_to, table, arrow, None, None, None)
        active = query.active_members_by_year(filter_, year_from, year_to)
        states = query.members_by_state(filter_, year_to)
    return MembersView(
        year=year_to,
        table=table,
        table_arrow=arrow,
        by_type_chart=chart_spec(members_by(members_by_type(active, year_to), "member_type", "Art")),
        by_state_chart=chart_spec(members_by(states, "state_code", "Land")),
        population_chart=chart_spec(population_over_time(active)),
    )
