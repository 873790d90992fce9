"""The four-year report rule: when a member's report is due and whether it is overdue."""

from __future__ import annotations

import pandas as pd

from data_access.reference import REPORT_INTERVAL_YEARS

ON_TIME, DUE, OVERDUE = "aktuell", "fällig", "überfällig"


def report_due_year(join_year: int, last_report_year: int | None) -> int:
    """A member reports four years after joining, then four years after its last report."""
    base = last_report_year if last_report_year is not None else join_year
    return base + REPORT_INTERVAL_YEARS


def report_status(join_year: int, last_report_year: int | None, as_of_year: int) -> str:
    """ "aktuell" before the due year, "fällig" in it, "überfällig" after it."""
    due = report_due_year(join_year, last_report_year)
    if as_of_year < due:
        return ON_TIME
    return DUE if as_of_year == due else OVERDUE


def with_report_status(members: pd.DataFrame, as_of_year: int) -> pd.DataFrame:
    """Add report_due_year and report_status to a ``member_list`` frame (a copy)."""
    result = members.copy()
    last = [None if pd.isna(value) else int(value) for value in result["last_report_year"]]
    joins = [int(value) for value in result["join_year"]]
    result["report_due_year"] = [report_due_year(join, report) for join, report in zip(joins, last, strict=True)]
    result["report_status"] = [
        report_status(join, report, as_of_year) for join, report in zip(joins, last, strict=True)
    ]
    return result
