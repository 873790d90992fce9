"""The Mitglieder page: the member table of the last year shown, and three charts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from charts.figure import ChartSpec, chart_spec
from charts.members import members_by, population_over_time, population_rows, states_table
from data_access.queries.bound import BoundQueries
from metrics.members import member_table, members_by_type
from views.scope import Scope


@dataclass(frozen=True)
class MembersView:
    """The member table of the scope's last year and the three charts below it."""

    year: int
    table: pd.DataFrame
    table_arrow: pa.Table
    """The same table as Arrow: st.dataframe then skips the pandas → Arrow conversion on every rerun."""
    by_type_chart: ChartSpec | None
    by_state_chart: ChartSpec | None
    population_chart: ChartSpec | None
    by_type_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Members per type in the last year: the figures behind ``by_type_chart`` ("Daten zum Diagramm")."""
    by_state_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Members and population per Land in the last year (``by_state_chart``)."""
    population_table: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    """Population per year and type, every year and type present (``population_chart``)."""


def build(scope: Scope, query: BoundQueries) -> MembersView:
    """Build the Mitglieder page of ``scope``; every frame is read once, through ``query``'s connection."""
    year_from, year_to = scope.years
    table = member_table(query.member_list(scope.filter, year_to), year_to)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    if table.empty:
        return MembersView(year_to, table, arrow, None, None, None)
    active = query.active_members_by_year(scope.filter, year_from, year_to)
    states = query.members_by_state(scope.filter, year_to)
    by_type = members_by_type(active, year_to).sort_values("members", ascending=False).reset_index(drop=True)
    return MembersView(
        year=year_to,
        table=table,
        table_arrow=arrow,
        by_type_chart=chart_spec(members_by(by_type, "member_type", "Art")),
        by_state_chart=chart_spec(members_by(states, "state_code", "Land")),
        population_chart=chart_spec(population_over_time(active)),
        by_type_table=by_type,
        by_state_table=states_table(states),
        population_table=population_rows(active),
    )
