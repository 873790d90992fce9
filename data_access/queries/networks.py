"""Regional networks and the Sprecher*innenrat."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from data_access.models import CouncilSeat, Member, RegionalNetwork
from data_access.queries.common import active_in, frame, member_conditions
from domain.filter import DashboardFilter


def members_by_network(connection: Connection, filter_: DashboardFilter, year: int) -> pd.DataFrame:
    """Filtered members active in ``year`` per regional network: network, members, states, population.

    ``network`` is missing for the members in no network; ``states`` counts the Länder a
    network spans; ``population`` sums the known populations.
    """
    statement = (
        select(
            RegionalNetwork.name.label("network"),
            func.count(Member.id).label("members"),
            func.count(func.distinct(Member.state_code)).label("states"),
            func.coalesce(func.sum(Member.population), 0).label("population"),
        )
        .select_from(Member)
        .outerjoin(RegionalNetwork, RegionalNetwork.id == Member.regional_network_id)
        .where(*active_in(year), *member_conditions(filter_))
        .group_by(RegionalNetwork.name)
        .order_by(func.count(Member.id).desc(), RegionalNetwork.name)
    )
    return frame(connection, statement)


def council_seats(connection: Connection, filter_: DashboardFilter) -> pd.DataFrame:
    """Seats of the Sprecher*innenrat held by filtered members, newest term first.

    Columns: name, state_code, member_type, side, term_start, term_end (missing: open
    term). Every term since the first; which are current is for the caller to decide
    against its reference date.
    """
    statement = (
        select(
            Member.name,
            Member.state_code,
            Member.member_type,
            CouncilSeat.side,
            CouncilSeat.term_start,
            CouncilSeat.term_end,
        )
        .join(Member, Member.id == CouncilSeat.member_id)
        .where(*member_conditions(filter_))
        .order_by(CouncilSeat.term_start.desc(), CouncilSeat.side, Member.name)
    )
    return frame(connection, statement)
