"""The Mindeststandards (9-Punkte-Programm): the member × criterion matrix, shares over time, reports."""

from __future__ import annotations

import datetime

import pandas as pd

from domain.formatting import enumeration, format_date, format_number, format_percent, rounded_percent
from domain.headers import criterion_column, header, is_criterion_column, submitted_column
from metrics.reporting import DUE, ON_TIME, OVERDUE, with_report_status

MET, PARTIAL, NOT_MET, NO_ANSWER = "erfüllt", "teilweise", "nicht erfüllt", "keine Angabe"
MET_COLUMN = "criteria_met"
"""The matrix column of criteria met ("Erfüllt")."""


def criterion_label(number: int) -> str:
    """Criterion ``number`` as people read it ("Punkt 3"): the header of its matrix column, a value of the shares."""
    return header(criterion_column(number))


def standards_matrix(statuses: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Member × criterion for one year, most criteria met first, then by name (German order kept).

    ``statuses`` is ``standard_statuses`` (members without an assessment carry missing
    values), ``criteria`` is ``standard_criteria``. Columns: name, criteria_met (0–9), then
    criterion_1 … criterion_n ("Punkt 1" …) with erfüllt / teilweise / nicht erfüllt / keine Angabe.
    """
    names = pd.Index(statuses["name"].drop_duplicates())
    numbers = [int(number) for number in criteria["number"]]
    assessed = statuses.dropna(subset=["criterion_number"])
    wide = (
        assessed.pivot(index="name", columns="criterion_number", values="status")
        if not assessed.empty
        else pd.DataFrame(index=pd.Index([], name="name"))
    )
    # As words (object): a year nobody assessed is all missing floats, and pandas refuses a str fill for those.
    wide = wide.reindex(index=names, columns=numbers).astype(object).fillna(NO_ANSWER)
    wide.columns = [criterion_column(number) for number in numbers]
    met = (wide == MET).sum(axis=1).astype("int64")
    matrix = wide.reset_index()
    matrix.insert(1, MET_COLUMN, met.to_numpy())
    order = matrix[MET_COLUMN].rank(method="first", ascending=False)  # stable: names stay in German order
    return matrix.iloc[order.argsort().to_numpy()].reset_index(drop=True)


STATUS_SYMBOLS = {MET: "✓", PARTIAL: "◐", NOT_MET: "✗", NO_ANSWER: "–"}
"""How the on-screen matrix shows a status: nine columns of words are hard to scan, symbols are not."""


def matrix_symbols(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with each status as its symbol (the download keeps the words)."""
    criteria = [column for column in matrix.columns if is_criterion_column(column)]
    return matrix.assign(**{column: matrix[column].map(STATUS_SYMBOLS) for column in criteria})


def criterion_shares(counts: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Share of assessed members meeting each criterion per year: year, criterion, title, share (0–1), assessed."""
    if counts.empty:
        return pd.DataFrame(columns=["year", "criterion", "title", "share", "assessed"])
    assessed = counts.groupby(["year", "criterion_number"])["members"].sum()
    met = counts[counts["status"] == MET].groupby(["year", "criterion_number"])["members"].sum()
    shares = met.reindex(assessed.index, fill_value=0) / assessed  # unrounded: one rounding rule, at display
    result = pd.DataFrame({"share": shares, "assessed": assessed}).reset_index()
    titles = dict(zip(criteria["number"], criteria["title"], strict=True))
    result["title"] = result["criterion_number"].map(titles).fillna("")
    result["criterion"] = result["criterion_number"].map(criterion_label)
    return result[["year", "criterion", "title", "share", "assessed"]]


def report_overview(members: pd.DataFrame, submissions: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per member: name, joined, last_report_year, due_year, status, submitted_<year>, most urgent first.

    ``members`` is ``member_list`` for ``year``; ``submissions`` is ``report_submissions``.
    A member is due four years after joining and every four years after its last report;
    a member that left in ``year`` (or before) is "ausgetreten", owes nothing and comes last.
    """
    status = with_report_status(members, year)
    submitted_now = set(submissions.loc[submissions["year"] == year, "name"])
    table = pd.DataFrame(
        {
            "name": status["name"],
            "joined": pd.to_numeric(status["join_year"]).astype("Int64"),
            # A number like due_year (an XLSX number); "never reported" is missing: "–" on screen, empty in files.
            "last_report_year": pd.to_numeric(status["last_report_year"]).astype("Int64"),
            "due_year": status["report_due_year"],
            "status": status["report_status"],
            submitted_column(year): status["name"].isin(submitted_now),
        }
    )
    urgency = table["status"].map({OVERDUE: 0, DUE: 1, ON_TIME: 2}).fillna(3)  # 3: "ausgetreten"
    return table.assign(_urgency=urgency).sort_values(["_urgency", "due_year"], kind="stable").drop(columns="_urgency")


def report_counts(overview: pd.DataFrame) -> dict[str, int]:
    """How many members are überfällig, fällig and aktuell, and how many submitted in the year.

    Members who left ("ausgetreten") count in none of the three: they owe no report.
    """
    counts = overview["status"].value_counts()
    submitted = next(column for column in overview.columns if column.startswith("submitted_"))
    return {
        OVERDUE: int(counts.get(OVERDUE, 0)),
        DUE: int(counts.get(DUE, 0)),
        ON_TIME: int(counts.get(ON_TIME, 0)),
        "eingereicht": int(overview[submitted].sum()),
    }


def reports_sentence(counts: dict[str, int], year: int, until: datetime.date | None = None) -> str:
    """One sentence on the four-year reports of ``year`` (``report_counts``): overdue and received.

    ``until``: the day of a running year; the sentence then speaks of that day ("Am
    30.11.2026 …", "… gingen 2026 bis heute ein"), never of the year's end, which has not come.
    """
    overdue, received = counts.get(OVERDUE, 0), counts.get("eingereicht", 0)
    when = f"Am {format_date(until)}" if until is not None else f"Ende {year}"
    so_far = " bis heute" if until is not None else ""
    return (
        f"{when} {'ist' if overdue == 1 else 'sind'} {format_number(overdue)} "
        f"{'Bericht' if overdue == 1 else 'Berichte'} überfällig; {format_number(received)} "
        f"{'ging' if received == 1 else 'gingen'} {year}{so_far} ein."
    )


def _weakest_sentence(shares: pd.DataFrame) -> str:
    """The least met criterion of one year; criteria that read the same percentage are all named."""
    rounded = shares.assign(percent=[rounded_percent(float(share)) for share in shares["share"]])
    lowest = rounded["percent"].min()
    weakest = rounded[rounded["percent"] == lowest].sort_values("criterion", key=lambda labels: labels.map(_number))
    percent = format_percent(float(weakest["share"].iloc[0]))
    if len(weakest) == len(rounded) > 1:  # all alike: none is met more rarely than another
        return f"Jeder der {len(rounded)} Punkte ist bei {percent} der Mitglieder mit Selbsteinschätzung erfüllt."
    if len(weakest) == 1:
        row = weakest.iloc[0]
        return (
            f"Am seltensten erfüllt ist {row['criterion']} ({row['title']}): "
            f"{percent} der Mitglieder mit Selbsteinschätzung."
        )
    names = [str(label) for label in weakest["criterion"]]
    if all(name.startswith("Punkt ") for name in names):  # "Punkt 1, 5 und 7"
        names = [names[0], *(name.removeprefix("Punkt ") for name in names[1:])]
    return f"Am seltensten erfüllt sind {enumeration(names)} (je {percent} der Mitglieder mit Selbsteinschätzung)."


def _number(label: str) -> int:
    digits = "".join(character for character in str(label) if character.isdigit())
    return int(digits) if digits else 0


def standards_opening(matrix: pd.DataFrame, shares: pd.DataFrame, year: int, report: dict[str, int]) -> list[str]:
    """Two or three sentences: how many meet all nine, the weakest criterion, overdue reports."""
    if matrix.empty:
        return []
    criteria_count = len([column for column in matrix.columns if is_criterion_column(column)])
    answered = matrix[matrix.drop(columns=["name", MET_COLUMN]).ne(NO_ANSWER).any(axis=1)]
    all_met = int((answered[MET_COLUMN] == criteria_count).sum())
    verb = "hat" if len(answered) == 1 else "haben"
    sentences = [
        f"{year} {verb} {format_number(len(answered))} von {format_number(len(matrix))} Mitgliedern eine "
        f"Selbsteinschätzung abgegeben; {format_number(all_met)} {'erfüllt' if all_met == 1 else 'erfüllen'} "
        f"alle {criteria_count} Punkte."
    ]
    now = shares[shares["year"] == year]
    if not now.empty:
        sentences.append(_weakest_sentence(now))
    if report[OVERDUE]:
        noun = "Mitglied ist" if report[OVERDUE] == 1 else "Mitglieder sind"
        sentences.append(f"{format_number(report[OVERDUE])} {noun} mit dem Vier-Jahres-Bericht im Verzug.")
    return sentences
