"""The Mindeststandards page: shares over the years, the four-year reports, the matrix of one year.

Also the source of the Präsentation's "Mindeststandards" and "Vier-Jahres-Berichte" slides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts import standards as charts
from charts.figure import ChartSpec, chart_spec
from data_access.queries.bound import BoundQueries
from metrics import standards as metrics
from views.scope import Scope
from views.sentences import Opening

SHARE_COLUMNS = {"title": "criterion_title", "share": "share_met"}
"""The shares as their table names them: "Mindeststandard" and "Anteil erfüllt in %" (``domain.headers``)."""


@dataclass(frozen=True)
class StandardsView:
    """The Mindeststandards of one scope: shares over the years and the four-year reports."""

    assessed_years: tuple[int, ...]
    report_year: int
    criteria: pd.DataFrame
    shares: pd.DataFrame
    shares_chart: ChartSpec | None
    shares_table: pd.DataFrame
    reports: pd.DataFrame
    report_counts: dict[str, int]
    reports_sentence: str


@dataclass(frozen=True)
class MatrixView(Opening):
    """The member × criterion matrix of one assessment year, and the page's opening sentences."""

    year: int
    matrix: pd.DataFrame
    """With the status words: the download."""
    shown: pd.DataFrame
    """With symbols: what the page shows."""
    opening_sentences: tuple[str, ...]


def build(scope: Scope, query: BoundQueries) -> StandardsView:
    """Build everything of the page of ``scope`` except the matrix (which depends on the chosen year)."""
    filter_, year_to = scope.filter, scope.year_to
    criteria = query.standard_criteria()
    counts = query.standard_status_counts(filter_)
    members = query.member_list(filter_, year_to)
    submissions = query.report_submissions(filter_)
    reports = metrics.report_overview(members, submissions, year_to)
    shares = metrics.criterion_shares(counts, criteria)
    report_counts = metrics.report_counts(reports)
    return StandardsView(
        assessed_years=tuple(sorted({int(value) for value in counts["year"]})),
        report_year=year_to,
        criteria=criteria,
        shares=shares,
        shares_chart=chart_spec(charts.criterion_shares(shares)) if not shares.empty else None,
        shares_table=shares.rename(columns=SHARE_COLUMNS),
        reports=reports,
        report_counts=report_counts,
        reports_sentence=metrics.reports_sentence(report_counts, year_to, scope.periods.until),
    )


def build_matrix(scope: Scope, query: BoundQueries, page: StandardsView, year: int) -> MatrixView:
    """The matrix of assessment ``year`` for ``scope`` with the opening sentences that cite it."""
    statuses = query.standard_statuses(scope.filter, year)
    matrix = metrics.standards_matrix(statuses, page.criteria)
    opening = metrics.standards_opening(matrix, page.shares, year, page.report_counts)
    return MatrixView(year, matrix, metrics.matrix_symbols(matrix), tuple(opening))
