"""Plausibility hints: values that are valid but unlikely, shown before writing and never blocking it.

A problem (``problems.py``) rejects a file; a hint only asks the steward to look again:
a population that jumps by more than a quarter, far more self-help groups per 100,000
inhabitants than comparable members report, more new groups than groups (possible when
groups founded in a year closed in it too, but mostly a slip), more participants than
inhabitants, an event more than a year ahead, or an event that nearly repeats one already
recorded. (A row after a member's leave year is stricter: a problem, ``leaving.py``.) Hints are German sentences located
like problems (line, column, value) and bounded like them (``Problems``: at most
``MAX_PROBLEMS`` kept, all counted). They are listed in the preview and the ``--dry-run``
output and written to the audit log with the rows when the steward writes anyway
(``writing.apply_plan``).

The checks on single rows are pure functions; :func:`plan_hints` adds the comparisons
with stored values (populations, other members' self-help figures, existing events).
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from data_access.importing.problems import Problem, Problems
from data_access.importing.validation import Record
from data_access.importing.writing import ExistingRow, ImportPlan, chunks
from data_access.models import Event, Member, SelfHelpCount
from domain.formatting import format_date, format_number
from domain.vocabulary import MEMBER_TYPE_PLURALS

POPULATION_CHANGE = 0.25
"""A population that changes by more than this share against the stored value gets a hint."""
RATE_FACTOR = 3
"""Groups per 100,000 inhabitants above this multiple of the median of the same member type get a hint."""
MIN_COMPARISON_MEMBERS = 2
"""Other members of the same type (with figures and a population) needed for a median worth comparing with."""
_YEAR_SUFFIX = re.compile(r"[\s\-–—_/,.:;(]*(?:(?:19|20)\d{2}|'\d{2})\)?\s*$")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def population_change_hint(file_name: str, line: int, before: int | None, after: int | None) -> Problem | None:
    """A hint when the population changes by more than ``POPULATION_CHANGE`` against the stored value."""
    if not before or after is None or abs(after - before) <= POPULATION_CHANGE * before:
        return None
    change = (after - before) / before * 100
    return Problem(
        file_name,
        f"Die Einwohnerzahl ändert sich um {format_number(change, 0 if abs(change) >= 10 else 1)} % "
        f"(bisher {format_number(before)}), mehr als {format_number(POPULATION_CHANGE * 100)} %. "
        "Bitte prüfen, ob die Zahl stimmt.",
        line,
        "einwohner",
        format_number(after),
    )


def participants_hint(file_name: str, record: Record, population: int | None) -> Problem | None:
    """A hint when an event of a member has more participants than the member has inhabitants."""
    participants = record.values.get("participants")
    if participants is None or not population or participants <= population:
        return None
    return Problem(
        file_name,
        f"Mehr Teilnehmende als {record.values['member']} Einwohner hat ({format_number(population)}). "
        "Bitte prüfen, ob die Zahl stimmt.",
        record.line,
        "teilnehmende",
        format_number(participants),
    )


def new_groups_hint(file_name: str, record: Record) -> Problem | None:
    """A hint when a self-help row has more new groups than groups.

    Not a problem: the groups are counted at the end of the year, and groups founded in a
    year may have closed in it again. Mostly it is a slip (the columns swapped).
    """
    new, groups = record.values.get("new_groups"), record.values["groups"]
    if new is None or new <= groups:
        return None
    return Problem(
        file_name,
        f"Mehr neue Gruppen als Gruppen insgesamt ({format_number(groups)}). Das ist nur möglich, wenn im selben "
        "Jahr gegründete Gruppen sich wieder aufgelöst haben; bitte prüfen, ob die Spalten vertauscht sind.",
        record.line,
        "neue_gruppen",
        format_number(new),
    )


def one_year_after(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def future_event_hint(file_name: str, record: Record, today: datetime.date) -> Problem | None:
    """A hint when an event starts more than a year after ``today``."""
    start = record.values.get("start_date")
    if start is None or start <= one_year_after(today):
        return None
    return Problem(
        file_name,
        f"Die Veranstaltung beginnt mehr als ein Jahr nach heute ({format_date(today)}). "
        "Bitte prüfen, ob das Datum (vor allem das Jahr) stimmt.",
        record.line,
        "beginn",
        format_date(start),
    )


def title_likeness(title: str) -> str:
    """What is left of a title when spaces, punctuation, case and a trailing year ("2025", "(2025)", "'25") go.

    Two titles with the same result on the same day are "nearly equal": probably one event
    reported twice.
    """
    return _NOT_LETTER_OR_DIGIT.sub("", _YEAR_SUFFIX.sub("", title)).casefold()


def similar_event_hint(file_name: str, record: Record, other: Mapping[str, Any], where: str) -> Problem | None:
    """A hint when ``record`` (an event about to be added) nearly repeats ``other`` on the same day.

    ``other`` has member, event_type, title and start_date; ``where`` says where it is
    ("in der Datenbank", "in Zeile 4").
    """
    values = record.values
    if (
        values.get("member") != other["member"]
        or values["start_date"] != other["start_date"]
        or title_likeness(values["title"]) != title_likeness(other["title"])
        or (values["title"], values["event_type"]) == (other["title"], other["event_type"])
    ):
        return None
    return Problem(
        file_name,
        f"Fast gleich wie „{other['title']}“ ({other['event_type']}) am {format_date(other['start_date'])} "
        f"{where}: nur Leerzeichen, Groß-/Kleinschreibung, Satzzeichen, eine Jahreszahl am Ende oder die Art "
        "unterscheiden sich. Bitte prüfen, ob die Veranstaltung doppelt gemeldet wird.",
        record.line,
        "titel",
        values["title"],
    )


def group_rate_hints(
    file_name: str,
    written: Iterable[Record],
    stored: Iterable[tuple[str, int, str, int]],
    members: Mapping[str, tuple[str, int | None]],
) -> list[Problem]:
    """Hints for member years whose self-help groups per 100,000 inhabitants exceed ``RATE_FACTOR`` × the median.

    ``written`` are the self-help rows about to be written; ``stored`` the stored rows
    (member, year, topic, groups) of the same years; ``members`` maps names to (type,
    population). A member year's total is the stored figures with the file's rows laid
    over them; the median is taken over the other members of the same type in that year
    (file rows included: a first import of the whole network is compared with itself).
    """
    groups: dict[tuple[str, int, str], int] = {(m, year, topic): count for m, year, topic, count in stored}
    first_line: dict[tuple[str, int], Record] = {}
    for record in written:
        values = record.values
        groups[(values["member"], values["year"], values["topic"])] = values["groups"]
        first_line.setdefault((values["member"], values["year"]), record)
    totals: dict[tuple[str, int], int] = {}
    for (member, year, _), count in groups.items():
        totals[(member, year)] = totals.get((member, year), 0) + count
    rates = {
        key: total / members[key[0]][1] * 100_000
        for key, total in totals.items()
        if key[0] in members and members[key[0]][1]
    }
    hints = []
    for (member, year), record in sorted(first_line.items(), key=lambda item: item[1].line):
        rate = rates.get((member, year))
        if rate is None:
            continue
        member_type = members[member][0]
        others = [
            value
            for (name, other_year), value in rates.items()
            if other_year == year and name != member and members[name][0] == member_type
        ]
        if len(others) < MIN_COMPARISON_MEMBERS:
            continue
        median = statistics.median(others)
        if median <= 0 or rate <= RATE_FACTOR * median:
            continue
        hints.append(
            Problem(
                file_name,
                f"{member} hätte {year} zusammen {format_number(totals[(member, year)])} Gruppen, "
                f"{format_number(rate, 1)} je 100.000 Einwohner: mehr als das {RATE_FACTOR}-Fache des Medians der "
                f"{MEMBER_TYPE_PLURALS.get(member_type, member_type)} ({format_number(median, 1)} je 100.000). "
                "Bitte prüfen, ob die Zahl stimmt.",
                record.line,
                "gruppen",
                format_number(record.values["groups"]),
            )
        )
    return hints


def _member_facts(connection: Connection) -> dict[str, tuple[str, int | None]]:
    return {
        name: (kind, population)
        for name, kind, population in connection.execute(
            select(Member.name, Member.member_type, Member.population)
        ).all()
    }


def _likeness_key(values: Mapping[str, Any]) -> tuple[Any, datetime.date, str]:
    """Where near-equal events meet: same member, same day, same :func:`title_likeness`."""
    return values.get("member"), values["start_date"], title_likeness(values["title"])


def _event_hints(connection: Connection, plan: ImportPlan, written: list[Record], today: datetime.date) -> Problems:
    hints = Problems()
    members = _member_facts(connection)
    names = dict(connection.execute(select(Member.id, Member.name)).all())
    # Indexed by (member, day, title_likeness): each row meets only its near-equals, so a file of
    # 20,000 events on one day costs 20,000 lookups, not 200 million comparisons.
    index: dict[tuple[Any, datetime.date, str], list[tuple[Mapping[str, Any], str]]] = {}
    dates = sorted({new.values["start_date"] for new in plan.inserts})
    for chunk in chunks(dates):
        statement = select(Event.member_id, Event.event_type, Event.title, Event.start_date).where(
            Event.start_date.in_(chunk)
        )
        for member_id, event_type, title, start in connection.execute(statement).all():
            other = {"member": names.get(member_id), "event_type": event_type, "title": title, "start_date": start}
            index.setdefault(_likeness_key(other), []).append((other, "in der Datenbank"))
    inserted = {id(record) for record in plan.inserts}
    for record in sorted(written, key=lambda record: record.line):
        found = [
            participants_hint(plan.file_name, record, members.get(record.values.get("member"), ("", None))[1]),
            future_event_hint(plan.file_name, record, today),
        ]
        if id(record) in inserted:
            key = _likeness_key(record.values)
            candidates = index.get(key, [])
            similar = (similar_event_hint(plan.file_name, record, other, where) for other, where in candidates)
            found.append(next((hint for hint in similar if hint is not None), None))
            index.setdefault(key, []).append((record.values, f"in Zeile {format_number(record.line)}"))
        hints.extend(hint for hint in found if hint is not None)
    return hints


def _self_help_hints(connection: Connection, plan: ImportPlan, written: list[Record]) -> Problems:
    hints = Problems()
    years = sorted({record.values["year"] for record in written})
    statement = (
        select(Member.name, SelfHelpCount.year, SelfHelpCount.topic, SelfHelpCount.groups)
        .join(Member, Member.id == SelfHelpCount.member_id)
        .where(SelfHelpCount.year.in_(years))
    )
    stored = connection.execute(statement).all()
    hints.extend(hint for record in written if (hint := new_groups_hint(plan.file_name, record)) is not None)
    hints.extend(group_rate_hints(plan.file_name, written, stored, _member_facts(connection)))
    return hints


def _member_hints(plan: ImportPlan, updates: Iterable[tuple[ExistingRow, Record]]) -> Problems:
    return Problems(
        hint
        for old, new in updates
        if (
            hint := population_change_hint(
                plan.file_name, new.line, old.values.get("population"), new.values.get("population")
            )
        )
        is not None
    )


def plan_hints(connection: Connection, plan: ImportPlan, today: datetime.date | None = None) -> Problems:
    """The hints for the rows ``plan`` would write (new and changed rows; unchanged rows were accepted before).

    ``today`` (default: the current date) is the day events are measured from. Reads only.
    """
    written = [*plan.inserts, *(new for _, new in plan.updates)]
    kind = plan.template.kind
    if not written:
        return Problems()
    if kind == "mitglieder":
        hints = _member_hints(plan, plan.updates)
    elif kind == "veranstaltungen":
        hints = _event_hints(connection, plan, written, today or datetime.date.today())
    elif kind == "selbsthilfe":
        hints = _self_help_hints(connection, plan, written)
    else:
        return Problems()
    ordered = sorted(hints, key=lambda hint: (hint.line or 0, hint.column or ""))
    result = Problems(ordered)
    result.total = hints.total
    return result


def hint_count_text(count: int) -> str:
    """``1`` → "1 Hinweis", ``3`` → "3 Hinweise"."""
    return f"{format_number(count)} {'Hinweis' if count == 1 else 'Hinweise'}"
