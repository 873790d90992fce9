"""The Meldestand: per member and year, which of four kinds of report has arrived, and what is missing.

The kinds (``data_access.queries.reporting_status``): self-help figures, a Mindeststandards
self-assessment, the four-year report and at least one event. A member is expected to
report only for the years it was a member, ``join_year`` through ``leave_year`` (its last
year): a former member is not missing anything after it left, a member that joined in the
middle of the range nothing before it joined.

The four-year report is not sent every year. It counts as arrived in a year when it is not
overdue in that year, by the rule of ``metrics.reporting``: it is due four years after the
last report up to that year (or after joining, without one), and overdue in every year after
the due year. So a member that joined in 2020 and never reported has "arrived" for 2020–2024
and is missing it from 2025 until a report comes.

The Mindeststandards self-assessment is made every second year: one counts for its year and
the next (``ASSESSMENT_CYCLE_YEARS``), so a member that assessed itself in 2023 has it for
2023 and 2024. Self-help figures and events count only in their own year.
"""

from __future__ import annotations

import datetime

import pandas as pd

from data_access.queries.reporting_status import ASSESSMENT, ASSESSMENT_CYCLE_YEARS, EVENT, REPORT, SELF_HELP
from domain.formatting import format_date, format_percent
from domain.headers import reported_column
from domain.vocabulary import REPORT_INTERVAL_YEARS, german_sort_key

KINDS = (SELF_HELP, ASSESSMENT, REPORT, EVENT)
KIND_LABELS = {
    SELF_HELP: "Selbsthilfe-Zahlen",
    ASSESSMENT: "Mindeststandards-Selbsteinschätzung",
    REPORT: "Vier-Jahres-Bericht",
    EVENT: "Veranstaltung",
}
"""The kinds as the page, the shares table and the reminder list name them."""
KIND_LETTERS = {SELF_HELP: "S", ASSESSMENT: "M", REPORT: "B", EVENT: "V"}
"""The letter of a missing kind in a matrix cell: twelve years of four words do not fit a screen."""
COMPLETE = "✓"
"""A matrix cell of a member-year with all four kinds arrived."""


def member_years(members: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """One row per member and year of ``year_from..year_to`` in which it was a member: name, year."""
    rows = [
        (name, year)
        for name, join, leave in zip(members["name"], members["join_year"], members["leave_year"], strict=True)
        for year in range(max(int(join), year_from), (year_to if pd.isna(leave) else min(int(leave), year_to)) + 1)
    ]
    return pd.DataFrame(rows, columns=["name", "year"]).astype({"year": "int64"})


def _report_arrived(members: pd.DataFrame, arrivals: pd.DataFrame, expected: pd.DataFrame) -> pd.Series:
    """Whether each row of ``expected`` (name, year) is not overdue for its four-year report."""
    reports = arrivals[arrivals["kind"] == REPORT]
    report_years: dict[str, list[int]] = {}
    for name, year in zip(reports["name"], reports["year"], strict=True):
        report_years.setdefault(name, []).append(int(year))
    known = members.set_index("name")
    arrived = []
    for name, year in zip(expected["name"], expected["year"], strict=True):
        before = known.at[name, "report_before"]
        candidates = [value for value in report_years.get(name, []) if value <= year]
        if not pd.isna(before):
            candidates.append(int(before))
        last = max(candidates) if candidates else int(known.at[name, "join_year"])
        arrived.append(year <= last + REPORT_INTERVAL_YEARS)
    return pd.Series(arrived, index=expected.index, dtype=bool)


def reporting_status(members: pd.DataFrame, arrivals: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """The long Meldestand: name, year, kind, arrived — one row per member-year and kind.

    ``members`` and ``arrivals`` are the frames of ``reporting_members`` and
    ``reporting_arrivals``; rows of ``arrivals`` outside a member's years are ignored.
    """
    expected = member_years(members, year_from, year_to)
    got = set(zip(arrivals["name"], arrivals["year"].astype(int), arrivals["kind"], strict=True))
    parts = []
    for kind in KINDS:
        part = expected.assign(kind=kind)
        if kind == REPORT:
            part["arrived"] = _report_arrived(members, arrivals, expected)
        elif kind == ASSESSMENT:
            part["arrived"] = [
                any((name, int(year) - back, kind) in got for back in range(ASSESSMENT_CYCLE_YEARS))
                for name, year in zip(part["name"], part["year"], strict=True)
            ]
        else:
            part["arrived"] = [
                (name, int(year), kind) in got for name, year in zip(part["name"], part["year"], strict=True)
            ]
        parts.append(part)
    columns = ["name", "year", "kind", "arrived"]
    status = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return status[columns].astype({"arrived": bool})


def missing_by_member(status: pd.DataFrame) -> dict[str, dict[str, list[int]]]:
    """The missing years per member and kind, kinds in :data:`KINDS` order; complete members left out.

    One pass over the rows: a thousand members over a decade are forty thousand status rows.
    """
    collected: dict[str, dict[str, list[int]]] = {}
    missing = status[~status["arrived"]]
    for name, year, kind in zip(missing["name"], missing["year"], missing["kind"], strict=True):
        collected.setdefault(name, {}).setdefault(kind, []).append(int(year))
    return {name: {kind: sorted(kinds[kind]) for kind in KINDS if kind in kinds} for name, kinds in collected.items()}


def _longest_gaps_first(frame: pd.DataFrame) -> pd.DataFrame:
    key = frame["name"].map(german_sort_key)
    return (
        frame.assign(_key=key)
        .sort_values(["gaps", "_key"], ascending=[False, True], kind="stable")
        .drop(columns="_key")
        .reset_index(drop=True)
    )


def status_matrix(status: pd.DataFrame, members: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """The member × year matrix: name, gaps, and one column per year (``reported_<year>``).

    A cell is "✓" when all four kinds arrived, else the letters of the missing kinds
    (:data:`KIND_LETTERS`, e.g. "S B"), and empty in a year the member was no member.
    Longest gaps first, then by German name.
    """
    missing = missing_by_member(status)
    letters: dict[tuple[str, int], list[str]] = {}
    for name, kinds in missing.items():
        for kind, years in kinds.items():
            for year in years:
                letters.setdefault((name, year), []).append(KIND_LETTERS[kind])
    member_years = set(zip(status["name"], status["year"].astype(int), strict=True))
    names = list(members["name"])
    gaps = [sum(len(years) for years in missing.get(name, {}).values()) for name in names]
    matrix = pd.DataFrame({"name": names, "gaps": pd.array(gaps, dtype="int64")})
    for year in range(year_from, year_to + 1):
        matrix[reported_column(year)] = [
            (" ".join(letters[(name, year)]) if (name, year) in letters else COMPLETE)
            if (name, year) in member_years
            else None
            for name in names
        ]
    return _longest_gaps_first(matrix)


def kind_shares(status: pd.DataFrame) -> pd.DataFrame:
    """Per year and kind: year, kind (German), members (expected), arrived (count), share (arrived / members)."""
    columns = ["year", "kind", "members", "arrived", "share"]
    if status.empty:
        return pd.DataFrame(columns=columns)
    grouped = status.groupby(["year", "kind"], sort=False)["arrived"].agg(members="size", arrived="sum").reset_index()
    grouped["order"] = grouped["kind"].map(KINDS.index)
    grouped = grouped.sort_values(["year", "order"]).drop(columns="order").reset_index(drop=True)
    grouped["share"] = grouped["arrived"] / grouped["members"]
    grouped["kind"] = grouped["kind"].map(KIND_LABELS)
    return grouped.astype({"year": "int64", "members": "int64", "arrived": "int64"})[columns]


def year_spans(years: list[int]) -> str:
    """Years as German text with runs joined: [2019, 2020, 2021, 2023] → "2019–2021, 2023"."""
    spans: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if spans and year == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in spans)


def _missing_text(kind: str, years: list[int]) -> str:
    """One missing kind as the reminder list and the letter name it."""
    if kind == REPORT:
        return f"{KIND_LABELS[REPORT]} (überfällig seit {_current_run_start(years)})"
    return f"{KIND_LABELS[kind]} {year_spans(years)}"


def _current_run_start(years: list[int]) -> int:
    """The first year of the last run of consecutive years: since when a report is overdue now."""
    start = years[-1]
    while start - 1 in years:
        start -= 1
    return start


def still_missing(status: pd.DataFrame) -> dict[str, dict[str, list[int]]]:
    """What a member can still send: :func:`missing_by_member` without four-year reports sent late.

    A report overdue in some years of the range but submitted since (not overdue in the
    member's last year of the range) was sent, late: the matrix shows those years, a
    reminder does not ask for it again.
    """
    last_years = status.groupby("name")["year"].max().to_dict()
    result = {}
    for name, kinds in missing_by_member(status).items():
        kept = {kind: years for kind, years in kinds.items() if kind != REPORT or years[-1] == int(last_years[name])}
        if kept:
            result[name] = kept
    return result


def reminders(status: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The reminder list: each member with something still missing (:func:`still_missing`), longest gaps first.

    Columns: name, contact_point, missing (every missing kind with its years, "; "-separated),
    missing_since (the earliest missing year), gaps (missing member-year-kinds).
    """
    contacts = dict(zip(members["name"], members["contact_point"], strict=True))
    rows = []
    for name, missing in still_missing(status).items():
        rows.append(
            {
                "name": name,
                "contact_point": contacts.get(name),
                "missing": "; ".join(_missing_text(kind, years) for kind, years in missing.items()),
                "missing_since": min(min(years) for years in missing.values()),
                "gaps": sum(len(years) for years in missing.values()),
            }
        )
    columns = ["name", "contact_point", "missing", "missing_since", "gaps"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return _longest_gaps_first(pd.DataFrame(rows, columns=columns).astype({"missing_since": "int64", "gaps": "int64"}))


def _letter_line(kind: str, years: list[int]) -> str:
    spans = year_spans(years)
    if kind == SELF_HELP:
        return f"die Zahlen der Selbsthilfegruppen für {spans}"
    if kind == ASSESSMENT:
        return f"die Selbsteinschätzung zu den Mindeststandards (9-Punkte-Programm) für {spans}"
    if kind == REPORT:
        return f"der Vier-Jahres-Bericht (überfällig seit {_current_run_start(years)})"
    return f"Angaben zu mindestens einer Veranstaltung für {spans}"


def reminder_letter(name: str, contact_point: object, missing: dict[str, list[int]], today: datetime.date) -> str:
    """A short, polite German reminder to ``name`` that names exactly the ``missing`` kinds and years."""
    addressee = f"{name}\nKontaktstelle: {contact_point}" if isinstance(contact_point, str) and contact_point else name
    lines = "\n".join(f"– {_letter_line(kind, years)}" for kind, years in missing.items())
    return (
        f"{addressee}\n\n"
        f"{format_date(today)}\n\n"
        "Erinnerung: fehlende Meldungen an das Gesunde Städte-Netzwerk\n\n"
        "Sehr geehrte Damen und Herren,\n\n"
        f"vielen Dank für Ihre Mitarbeit im Gesunde Städte-Netzwerk. Für {name} liegen der "
        "Geschäftsstelle noch nicht alle Meldungen vor. Es fehlen:\n\n"
        f"{lines}\n\n"
        "Wir bitten Sie freundlich, die fehlenden Angaben nachzureichen. Sollten Sie sie bereits "
        "geschickt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos. Bei Fragen "
        "helfen wir gern weiter.\n\n"
        "Mit freundlichen Grüßen\n"
        "Geschäftsstelle des Gesunde Städte-Netzwerks"
    )


def reminder_letters(status: pd.DataFrame, members: pd.DataFrame, today: datetime.date) -> tuple[tuple[str, str], ...]:
    """(name, letter) for each member with something missing, in the order of :func:`reminders`."""
    contacts = dict(zip(members["name"], members["contact_point"], strict=True))
    order = reminders(status, members)["name"].tolist()
    missing = still_missing(status)
    return tuple((name, reminder_letter(name, contacts.get(name), missing[name], today)) for name in order)


PAGE_BREAK = "\f"
"""Between two letters of the letters file: a form feed, which word processors and printers read as a new page."""


def letters_file(letters: tuple[tuple[str, str], ...]) -> bytes:
    """All letters as one UTF-8 text file, one letter per page (separated by :data:`PAGE_BREAK`)."""
    return f"\n{PAGE_BREAK}".join(letter for _, letter in letters).encode("utf-8")


def meldestand_sentence(shares: pd.DataFrame, reminder_count: int, year_to: int) -> str:
    """The page's opening: how many members still owe something, and the newest year's complete shares."""
    newest = shares[shares["year"] == year_to]
    if newest.empty:
        return "Für diese Auswahl gibt es in den gewählten Jahren keine Mitglieder."
    parts = ", ".join(
        f"{kind} {format_percent(float(share))}" for kind, share in zip(newest["kind"], newest["share"], strict=True)
    )
    owing = (
        "Alle Mitglieder der Auswahl haben alles gemeldet."
        if reminder_count == 0
        else f"{reminder_count} {'Mitglied hat' if reminder_count == 1 else 'Mitglieder haben'} noch Lücken."
    )
    return f"{owing} Vollständig für {year_to}: {parts}."
