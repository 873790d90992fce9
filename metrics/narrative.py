"""Plain German sentences about what changed: pure functions over the query frames."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pandas as pd

from domain.formatting import format_date, format_number, format_percent, rounded_percent
from metrics.kpis import Kpi
from metrics.periods import Periods, period_label


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


def membership_story(
    flows: pd.DataFrame, active: pd.DataFrame, year_from: int, year_to: int, until: datetime.date | None = None
) -> list[str]:
    """Sentences on joins, leaves and growth in ``year_from..year_to``.

    ``flows`` has year, joins, leaves (``member_flows_by_year``), ``active`` has year and
    members (``active_members_by_year``); both may hold several rows per year (types).
    ``until``: the period ends in the running year on this day, so the sentences say "bis
    30.11." and "Am 30.11.2026", never "Ende 2026" before the year has ended.
    """
    in_range = flows[(flows["year"] >= year_from) & (flows["year"] <= year_to)] if not flows.empty else flows
    joins = int(in_range["joins"].sum()) if not in_range.empty else 0
    leaves = int(in_range["leaves"].sum()) if not in_range.empty else 0
    label = period_label(year_from, year_to, until)
    start, end = _active_at(active, year_from - 1), _active_at(active, year_to)
    prefix = label if year_from == year_to else f"Von {label.replace('–', ' bis ')}"
    sentences = [f"{prefix} {_joined_and_left(joins, leaves)}."]
    if year_from > year_to or end == 0:
        return sentences
    if start == 0:
        when = f"Am {format_date(until)}" if until else f"Ende {year_to}"
        sentences.append(f"{when} zählte das Netzwerk {_members(end)} in dieser Auswahl.")
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


def change_phrase(kpi: Kpi, compared_with: str) -> str:
    """ "22 % mehr als 2025", "so viele wie 2025" or "11 % weniger als 2025": the change of ``kpi``'s own quantity."""
    if kpi.value is None or not kpi.previous:
        return ""
    share = (kpi.value - kpi.previous) / kpi.previous
    if rounded_percent(abs(share)) == 0:
        return f"so viele wie {compared_with}"
    return f"{format_percent(abs(share))} {'mehr' if share > 0 else 'weniger'} als {compared_with}"


def events_story(kpis: Sequence[Kpi], periods: Periods) -> str | None:
    """One sentence on events and participants in the period, each with its own change.

    Takes the KPI cards' own figures, so the sentence and the cards cannot disagree.
    """
    by_label = {kpi.label: kpi for kpi in kpis}
    events, participants = by_label.get("Veranstaltungen"), by_label.get("Teilnehmende")
    if events is None or participants is None or not events.value:
        return None
    count, people = int(events.value), int(participants.value or 0)
    sentence = f"{periods.label} gab es {format_number(count)} {'Veranstaltung' if count == 1 else 'Veranstaltungen'}"
    compared = periods.previous_label
    event_change = change_phrase(events, compared) if compared else ""
    people_change = change_phrase(participants, compared) if compared else ""
    sentence += f" ({event_change})" if event_change else ""
    sentence += f" mit {format_number(people)} Teilnehmenden"
    sentence += f" ({people_change})" if people_change else ""
    return sentence + "."
