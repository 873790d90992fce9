"""The Mindeststandards page as cached views: the page for a filter, and the matrix of one year."""

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
    """The Mindeststandards of one filter: shares over the years and the four-year reports."""

    assessed_years: tuple[int, ...]
    report_year: int
    criteria: pd.DataFrame
    shares: pd.DataFrame
    shares_chart: ChartSpec | None
    shares_table: pd.DataFrame
    reports: pd.DataFrame
    report_counts: dict[str, int]


@dataclass(frozen=True)
class MatrixView:
    """The member × criterion matrix of one assessment year, and the page's opening sentences."""

    year: int
    matrix: pd.DataFrame
    """With the status words: the download."""
    shown: pd.DataFrame
    """With symbols: what the page shows."""
    opening: str


@data.view_cache
def standards_view(filter_: DashboardFilter) -> StandardsView:
    """Build everything of the page of ``filter_`` except the matrix (which depends on the chosen year)."""
    options = data.filter_options()
    _, year_to = filter_.years(options.first_year, options.last_year)
    with data.one_connection() as query:
        criteria = query.standard_criteria()
        counts = query.standard_status_counts(filter_)
        members = query.member_list(filter_, year_to)
        submissions = query.report_submissions(filter_)
    reports = metrics.report_overview(members, submissions, year_to)
    shares = metrics.criterion_shares(counts, criteria)
    return StandardsView(
        assessed_years=tuple(sorted({int(value) for value in counts["year"]})),
        report_year=year_to,
        criteria=criteria,
        shares=shares,
        shares_chart=chart_spec(charts.criterion_shares(shares)) if not shares.empty else None,
        shares_table=shares.rename(columns=SHARE_COLUMNS),
        reports=reports,
        report_counts=metrics.report_counts(reports),
    )


@data.view_cache
def matrix_view(filter_: DashboardFilter, year: int) -> MatrixView:
    """The matrix of assessment ``year`` for ``filter_`` with the opening sentences that cite it."""
    page = standards_view(filter_)
    with data.one_connection() as query:
        statuses = query.standard_statuses(filter_, year)
    matrix = metrics.standards_matrix(statuses, page.criteria)
    opening = metrics.standards_opening(matrix, page.shares, year, page.report_counts)
    return MatrixView(year, matrix, metrics.matrix_symbols(matrix), " ".join(opening))
