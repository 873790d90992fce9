"""The opening sentences of a member's Steckbrief: pure function over its figures."""

from __future__ import annotations

from domain.formatting import format_number


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
        f"war von {facts['Mitglied seit']} bis {left} Mitglied"
        if left
        else f"ist seit {facts['Mitglied seit']} Mitglied"
    )
    sentences = [f"{name} ({facts['Art']}, {facts['Land']}) {membership}."]
    span = str(years[1]) if years[0] == years[1] else f"{years[0]} bis {years[1]}"
    sentences.append(
        f"{span}: {format_number(events)} {'Veranstaltung' if events == 1 else 'Veranstaltungen'} erfasst."
    )
    if standing and "rate" in standing:
        text = (
            f"Selbsthilfe {standing['year']}: {format_number(standing['groups'])} Gruppen, "
            f"{format_number(standing['rate'], 1)} je 100.000 Einwohner – Rang {standing['rank']} von {standing['of']}"
        )
        if "median" in standing:
            text += f" (Median {format_number(standing['median'], 1)})"
        sentences.append(text + ".")
    elif standing:
        sentences.append(f"Selbsthilfe {standing['year']}: {format_number(standing['groups'])} Gruppen.")
    else:
        sentences.append("Selbsthilfezahlen liegen nicht vor.")
    if standards is not None:
        sentences.append(
            f"Mindeststandards: {standards[0]} von {standards[1]} Punkten erfüllt (neueste Selbsteinschätzung)."
        )
    return sentences
