"""The Mindeststandards page as one cached view: the matrix of a year, shares over time, four-year reports."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts import standards as charts
from data_access.filters import DashboardFilter
from metrics import standards as metrics
from ui import data
from ui.charts import ChartSpec, chart_spec

SHARE_COLUMNS = {
    "year": "Jahr",
    "criterion": "Punkt",
    "title": "Mindeststandard",
    "share": "Anteil erfüllt",
    "assessed": "Selbsteinschätzungen",
}


@dataclass(frozen=True)
class StandardsView:
    """The Mindeststandards of one filter; ``year`` is the assessment year of the matrix (None: no assessments)."""

    year: int | None
    assessed_years: tuple[int, ...]
    report_year: int
    opening: str
    criteria: pd.DataFrame
    matrix: pd.DataFrame
    matrix_shown: pd.DataFrame
    """The matrix with symbols instead of words (``matrix`` is the download)."""
    shares_chart: ChartSpec | None
    shares_table: pd.DataFrame
    reports: pd.DataFrame
    report_counts: dict[str, int]


@data.view_cache
def standards_view(filter_: DashboardFilter, year: int | None = None) -> StandardsView:
    """Build the page for ``filter_``; the matrix shows ``year`` or, by default, the newest assessed year."""
    options = data.filter_options()
    _, year_to = filter_.years(options.first_year, options.last_year)
    with data.one_connection() as query:
        criteria = query.standard_criteria()
        counts = query.standard_status_counts(filter_)
        assessed_years = tuple(sorted({int(value) for value in counts["year"]}))
        matrix_year = year if year in assessed_years else (assessed_years[-1] if assessed_years else None)
        statuses = query.standard_statuses(filter_, matrix_year) if matrix_year is not None else None
        members = query.member_list(filter_, year_to)
        submissions = query.report_submissions(filter_)
    reports = metrics.report_overview(members, submissions, year_to)
    report_counts = metrics.report_counts(reports)
    shares = metrics.criterion_shares(counts, criteria)
    matrix = metrics.standards_matrix(statuses, criteria) if statuses is not None else pd.DataFrame()
    opening = metrics.standards_opening(matrix, shares, matrix_year, report_counts) if matrix_year else []
    return StandardsView(
        year=matrix_year,
        assessed_years=assessed_years,
        report_year=year_to,
        opening=" ".join(opening),
        criteria=criteria,
        matrix=matrix,
        matrix_shown=metrics.matrix_symbols(matrix) if not matrix.empty else matrix,
        shares_chart=chart_spec(charts.criterion_shares(shares)) if not shares.empty else None,
        shares_table=shares.rename(columns=SHARE_COLUMNS),
        reports=reports,
        report_counts=report_counts,
    )
