"""The Steckbrief's sentences and the rows of its events chart: pure functions over its figures."""

from __future__ import annotations

import pandas as pd

from domain.formatting import format_number


def membership_status(facts: dict[str, str]) -> str:
    """The Steckbrief's badge: "ausgetreten 2019" for a member that left (``facts`` with "Austritt"), else ""."""
    left = facts.get("Austritt")
    return f"ausgetreten {left}" if left else ""


def profile_opening(
    facts: dict[str, str],
    events: int,
    years: tuple[int, int],
    standing: dict | None,
    standards: tuple[int, int] | None,
) -> list[str]:
    """Two to four sentences: who and since when, events in the range, self-help standing, Mindeststandards.

    ``facts`` are the German master data of the Steckbrief (Art, Land, Mitglied seit,
    Austritt, Vier-Jahres-Bericht), ``standing`` is ``metrics.selfhelp.member_standing``, ``standards`` is
    (criteria met, number of criteria) of the newest self-assessment.
    """
    name = facts["Kommune"]
    left = facts.get("Austritt")
    membership = (
        f"ist kein Mitglied mehr: beigetreten {facts['Mitglied seit']}, ausgetreten {left}"
        if left
        else f"ist seit {facts['Mitglied seit']} Mitglied"
    )
    sentences = [f"{name} ({facts['Art']}, {facts['Land']}) {membership}."]
    span = str(years[1]) if years[0] == years[1] else f"{years[0]} bis {years[1]}"
    sentences.append(
        f"{span}: {format_number(events)} {'Veranstaltung' if events == 1 else 'Veranstaltungen'} erfasst."
    )
    groups = (
        f"{format_number(standing['groups'])} {'Gruppe' if standing['groups'] == 1 else 'Gruppen'}" if standing else ""
    )
    if standing and "rate" in standing:
        text = (
            f"Selbsthilfe {standing['year']}: {groups}, {format_number(standing['rate'], 1)} je 100.000 Einwohner – "
            f"Rang {format_number(standing['rank'])} von {format_number(standing['of'])}"
        )
        if "median" in standing:
            text += f" (Median {format_number(standing['median'], 1)})"
        sentences.append(text + ".")
    elif standing:
        sentences.append(f"Selbsthilfe {standing['year']}: {groups}.")
    else:
        sentences.append("Selbsthilfezahlen liegen nicht vor.")
    if standards is not None:
        sentences.append(
            f"Mindeststandards: {standards[0]} von {standards[1]} Punkten erfüllt (neueste Selbsteinschätzung)."
        )
    return sentences


def event_years(counts: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """``counts`` (events per year and type) with a row of 0 events for every year without any.

    The years run from ``first`` to ``last`` and always include every year with events, so
    a chart on a category axis shows an empty year as an empty place (2019, 2020, 2021,
    2022), not as the next bar (2019 → 2022). The added rows have no event type.
    """
    if not counts.empty:
        first, last = min(first, int(counts["year"].min())), max(last, int(counts["year"].max()))
    missing = sorted(set(range(first, last + 1)) - set(counts["year"].astype(int)))
    if not missing:
        return counts.reset_index(drop=True)
    zeros = pd.DataFrame({column: [0] * len(missing) for column in counts.columns})
    zeros["year"] = missing
    zeros["event_type"] = None
    filled = pd.concat([counts, zeros.astype(counts.dtypes.to_dict())], ignore_index=True)
    return filled.sort_values("year", kind="stable").reset_index(drop=True)
