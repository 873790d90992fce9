"""Regional networks and the Sprecher*innenrat: shares, current seats, the balance of the two sides."""

from __future__ import annotations

import datetime

import pandas as pd

from domain.formatting import enumeration, format_number, format_percent
from domain.vocabulary import STATES

NO_NETWORK = "ohne Regionalnetzwerk"
SEAT_COLUMNS: tuple[str, ...] = ("name", "state", "side", "term_start", "term_end")
"""Columns of a seat table, in order (their German headers: ``domain.headers``)."""


def network_table(by_network: pd.DataFrame) -> pd.DataFrame:
    """Per network: network, members, share (of all filtered members, 0–1), states (Länder), population."""
    total = int(by_network["members"].sum())
    table = pd.DataFrame(
        {
            "network": by_network["network"].fillna(NO_NETWORK),
            "members": by_network["members"].astype("int64"),
            "share": by_network["members"] / total if total else 0.0,  # unrounded: one rounding, at the edge
            "states": by_network["states"].astype("int64"),
            "population": by_network["population"].astype("int64"),
        }
    )
    in_network = table["network"] != NO_NETWORK
    return pd.concat([table[in_network], table[~in_network]], ignore_index=True)


def share_in_networks(by_network: pd.DataFrame) -> float | None:
    """Share of the filtered members that belong to any regional network (None without members)."""
    total = by_network["members"].sum()
    return None if not total else float(by_network.loc[by_network["network"].notna(), "members"].sum() / total)


def reference_date(year_to: int, today: datetime.date) -> datetime.date:
    """The day a seat must cover to count as current: today, or the end of an earlier ``bis`` year."""
    return min(today, datetime.date(year_to, 12, 31))


def seats_on(seats: pd.DataFrame, day: datetime.date) -> pd.DataFrame:
    """The seats whose term covers ``day`` (an open term has no end), as a seat table (:func:`seat_table`).

    Compared as timestamps, not as ``.dt.date``: when every term is open, the end column
    is all missing, ``.dt.date`` keeps it datetime64 (pandas 3) and comparing it with a
    date raised a TypeError, so a selection whose seats were all current broke the page.
    """
    moment = pd.Timestamp(day)
    starts = pd.to_datetime(seats["term_start"])
    ends = pd.to_datetime(seats["term_end"])
    current = seats[(starts <= moment) & (ends.isna() | (ends >= moment))]
    return seat_table(current)


def seat_table(seats: pd.DataFrame) -> pd.DataFrame:
    """Seats with Land names, sorted by side and name: name, state, side, term_start, term_end."""
    table = seats.assign(state=seats["state_code"].map(STATES))
    table = table.sort_values(["side", "name"], kind="stable")
    table = table[list(SEAT_COLUMNS)].reset_index(drop=True)
    for column in ("term_start", "term_end"):
        table[column] = pd.to_datetime(table[column])
    return table


def seat_history(seats: pd.DataFrame) -> pd.DataFrame:
    """Seats per term start and side: term (year), side, seats (for the history chart)."""
    if seats.empty:
        return pd.DataFrame({"term": [], "side": [], "seats": []})
    terms = pd.to_datetime(seats["term_start"]).dt.year
    return seats.assign(term=terms).groupby(["term", "side"], as_index=False).size().rename(columns={"size": "seats"})


def seats_by_state(current: pd.DataFrame) -> pd.DataFrame:
    """Current seats (a seat table) per Land and side: state, side, seats."""
    return current.groupby(["state", "side"], as_index=False).size().rename(columns={"size": "seats"})


def _count(number: int, singular: str, plural: str) -> str:
    return f"{format_number(number)} {singular if number == 1 else plural}"


def networks_opening(by_network: pd.DataFrame, current: pd.DataFrame, day: datetime.date) -> list[str]:
    """Two or three sentences: share in networks, the largest network, the balance of the council."""
    sentences = []
    share = share_in_networks(by_network)
    networks = by_network[by_network["network"].notna()]
    if share is not None and networks.empty:  # not "0 % … in einem der 0 Regionalnetzwerke"
        sentences.append("Kein Mitglied dieser Auswahl arbeitet in einem Regionalnetzwerk mit.")
    elif share is not None and len(networks) == 1:
        name = networks.iloc[0]["network"]
        sentences.append(f"{format_percent(share)} der Mitglieder arbeiten im Regionalnetzwerk {name} mit.")
    elif share is not None:
        sentences.append(
            f"{format_percent(share)} der Mitglieder arbeiten in einem der "
            f"{format_number(len(networks))} Regionalnetzwerke mit."
        )
    if len(networks) > 1:
        ordered = networks.sort_values(["members", "network"], ascending=[False, True], kind="stable")
        largest = ordered[ordered["members"] == ordered["members"].iloc[0]]  # networks of the same size: all named
        members = _count(int(largest["members"].iloc[0]), "Mitglied", "Mitgliedern")
        states = [_count(int(count), "Land", "Ländern") for count in largest["states"]]
        if len(largest) == 1:
            sentences.append(f"Das größte ist {largest['network'].iloc[0]} mit {members} aus {states[0]}.")
        else:
            parts = [f"{name} (aus {count})" for name, count in zip(largest["network"], states, strict=True)]
            sentences.append(f"Die größten sind {enumeration(parts)} mit je {members}.")
    if current.empty:
        sentences.append(f"Am {day:%d.%m.%Y} ist im Sprecher*innenrat kein Sitz dieser Auswahl besetzt.")
    else:
        sides = current["side"].value_counts()
        municipal, self_help = int(sides.get("Kommune", 0)), int(sides.get("Selbsthilfe", 0))
        states = current["state"].nunique()
        sentences.append(  # the day first: "am 01.01.2025 1 Vertretung" read as one figure
            f"Am {day:%d.%m.%Y} {'sitzt' if municipal + self_help == 1 else 'sitzen'} im Sprecher*innenrat "
            f"{_count(municipal, 'Vertretung', 'Vertretungen')} der Kommunen und {format_number(self_help)} der "
            f"Selbsthilfe aus {_count(states, 'Land', 'Ländern')}."
        )
    return sentences
