"""The four-year report rule: when a member's report is due and whether it is overdue."""

from __future__ import annotations

import pandas as pd

from domain.vocabulary import REPORT_INTERVAL_YEARS

ON_TIME, DUE, OVERDUE = "aktuell", "fällig", "überfällig"
FORMER = "ausgetreten"
"""The status of a member whose leave year is the as-of year or earlier: it owes no report."""


def with_report_status(members: pd.DataFrame, as_of_year: int) -> pd.DataFrame:
    """Add report_due_year and report_status to a ``member_list`` frame (a copy; vectorised).

    A member reports four years after joining, then four years after its last report;
    the status is "aktuell" before the due year, "fällig" in it, "überfällig" after it.
    A member whose leave year is ``as_of_year`` or earlier owes no report: its status is
    "ausgetreten" and its due year is empty (a frame without ``leave_year`` has no such member).
    """
    result = members.copy()
    last = pd.to_numeric(result["last_report_year"]).astype("Int64")
    due = last.fillna(pd.to_numeric(result["join_year"]).astype("Int64")) + REPORT_INTERVAL_YEARS
    if "leave_year" in result.columns:
        left = (pd.to_numeric(result["leave_year"]).astype("Int64") <= as_of_year).fillna(False).astype(bool)
    else:
        left = pd.Series(False, index=result.index)
    status = pd.Series(OVERDUE, index=result.index, dtype="object")
    status[due > as_of_year] = ON_TIME
    status[due == as_of_year] = DUE
    status[left] = FORMER
    result["report_due_year"] = due.mask(left)
    result["report_status"] = status
    return result
