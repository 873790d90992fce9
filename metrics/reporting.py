"""The four-year report rule: when a member's report is due and whether it is overdue."""

from __future__ import annotations

import pandas as pd

from domain.vocabulary import REPORT_INTERVAL_YEARS

ON_TIME, DUE, OVERDUE = "aktuell", "fällig", "überfällig"


def with_report_status(members: pd.DataFrame, as_of_year: int) -> pd.DataFrame:
    """Add report_due_year and report_status to a ``member_list`` frame (a copy; vectorised).

    A member reports four years after joining, then four years after its last report;
    the status is "aktuell" before the due year, "fällig" in it, "überfällig" after it.
    """
    result = members.copy()
    last = pd.to_numeric(result["last_report_year"]).astype("Int64")
    due = last.fillna(pd.to_numeric(result["join_year"]).astype("Int64")) + REPORT_INTERVAL_YEARS
    result["report_due_year"] = due
    status = pd.Series(OVERDUE, index=result.index, dtype="object")
    status[due > as_of_year] = ON_TIME
    status[due == as_of_year] = DUE
    result["report_status"] = status
    return result
