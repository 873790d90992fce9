"""Plain German sentences about what changed: pure functions over the query frames."""

from __future__ import annotations

import pandas as pd

from domain.formatting import format_number
from metrics.periods import Periods, year_label


def _members(count: int) -> str:
    return "1 Kommune" if count == 1 else f"{format_number(count)} Kommunen"


def _joined_and_left(joins: int, leaves: int) -> str:
    """ "traten 3 Kommunen bei, 1 trat aus" with German agreement for 0, 1 and more."""
    verb = "trat" if joins == 1 else "traten"
    joined = "trat keine Kommune bei" if joins == 0 else f"{verb} {_members(joins)} bei"
    if leaves == 0:
        return f"{joined}, keine trat aus"
    return f"{joined}, {format_number(leaves)} {'trat' if leaves == 1 else 'traten'} aus"


def _active_at(active: pd.DataFrame, year: int) -> int:
    return int(active.loc[active["year"] == year, "members"].sum()) if not active.empty else 0


def membership_story(flows: pd.DataFrame, active: pd.DataFrame, year_from: int, year_to: int) -> list[str]:
    """Sentences on joins, leaves and growth in ``year_from..year_to``.

    ``flows`` has year, joins, leaves (``member_flows_by_year``), ``active`` has year and
    members (``active_members_by_year``); both may hold several rows per year (types).
    """
    in_range = flows[(flows["year"] >= year_from) & (flows["year"] <= year_to)] if not flows.empty else flows
    joins = int(in_range["joins"].sum()) if not in_range.empty else 0
    leaves = int(in_range["leaves"].sum()) if not in_range.empty else 0
    label = year_label(year_from, year_to)
    start, end = _active_at(active, year_from - 1), _active_at(active, year_to)
    prefix = label if year_from == year_to else f"Von {year_from} bis {year_to}"
    sentences = [f"{prefix} {_joined_and_left(joins, leaves)}."]
    if year_from > year_to or end == 0:
        return sentences
    if start == 0:
        sentences.append(f"Ende {year_to} zählte das Netzwerk {_members(end)} in dieser Auswahl.")
    elif end > start:
        sentences.append(f"Die Zahl der Mitglieder wuchs von {format_number(start)} auf {format_number(end)}.")
    elif end < start:
        sentences.append(f"Die Zahl der Mitglieder sank von {format_number(start)} auf {format_number(end)}.")
    else:
        sentences.append(f"Die Zahl der Mitglieder blieb bei {format_number(end)}.")
    if year_from != year_to and not in_range.empty:
        by_year = in_range.groupby("year")[["joins", "leaves"]].sum()
        changed = by_year[(by_year["joins"] > 0) | (by_year["leaves"] > 0)]
        if not changed.empty:
            latest_year = int(changed.index.max())
            latest = changed.loc[latest_year]
            sentences.append(
                f"Zuletzt, im Jahr {latest_year}, {_joined_and_left(int(latest['joins']), int(latest['leaves']))}."
            )
    return sentences


def events_story(events: pd.DataFrame, periods: Periods) -> str | None:
    """One sentence on events and participants in the period against the previous period."""
    if events.empty:
        return None
    now = events[(events["year"] >= periods.year_from) & (events["year"] <= periods.year_to)]
    count, participants = int(now["events"].sum()), int(now["participants"].sum())
    sentence = (
        f"{periods.label} gab es {format_number(count)} "
        f"{'Veranstaltung' if count == 1 else 'Veranstaltungen'} mit {format_number(participants)} Teilnehmenden"
    )
    if periods.previous_from is not None and periods.previous_to is not None:
        before = events[(events["year"] >= periods.previous_from) & (events["year"] <= periods.previous_to)]
        previous = int(before["events"].sum())
        if previous:
            change = (count - previous) / previous * 100
            direction = "mehr" if change > 0 else "weniger"
            if round(change) == 0:
                return f"{sentence}, so viele wie {periods.previous_label}."
            return f"{sentence}, {format_number(abs(change))} % {direction} als {periods.previous_label}."
    return sentence + "."
