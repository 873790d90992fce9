"""The Selbsthilfe page: totals, density, topics, the ranking with its median, who has not reported.

Also the source of the Präsentation's "Selbsthilfe" slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts import selfhelp as charts
from charts.figure import ChartSpec, chart_spec
from charts.grouping import Grouped, grouping_note
from data_access.queries.bound import BoundQueries
from domain.formatting import format_number
from metrics import selfhelp as metrics
from views.scope import Scope
from views.sentences import Opening


@dataclass(frozen=True)
class SelfHelpView(Opening):
    """Everything the Selbsthilfe page shows for one scope (``year`` None: no figures at all)."""

    year: int | None
    opening_sentences: tuple[str, ...]
    median: float | None
    totals_chart: ChartSpec | None
    rate_chart: ChartSpec | None
    totals_table: pd.DataFrame
    topics_chart: ChartSpec | None
    topics_table: pd.DataFrame
    ranking_chart: ChartSpec | None
    ranking_note: str
    ranking_table: pd.DataFrame
    missing_table: pd.DataFrame


def build(scope: Scope, query: BoundQueries) -> SelfHelpView:
    """Build the Selbsthilfe page of ``scope``: its years, the ranking for its newest reported year."""
    filter_ = scope.filter
    by_year = query.self_help_by_year(filter_)
    if by_year.empty:
        empty = pd.DataFrame()
        return SelfHelpView(None, (), None, None, None, empty, None, empty, None, "", empty, empty)
    year = int(by_year["year"].max())
    topics = query.self_help_by_topic(filter_)
    by_member = query.self_help_by_member(filter_, year)
    totals = metrics.yearly_totals(by_year)
    ranked = metrics.ranking(by_member)
    median = metrics.median_rate(ranked["rate"])
    missing = metrics.missing_figures(by_member)
    places = charts.member_rate_places(ranked)
    ranking_table = ranked.copy()
    ranking_table.insert(0, "rank", range(1, len(ranking_table) + 1))
    return SelfHelpView(
        year=year,
        opening_sentences=tuple(metrics.self_help_opening(totals, ranked, len(missing), year)),
        median=median,
        totals_chart=chart_spec(charts.groups_per_year(totals)),
        rate_chart=chart_spec(charts.rate_per_year(totals)),
        totals_table=totals,
        topics_chart=chart_spec(charts.groups_by_topic(topics)) if not topics.empty else None,
        topics_table=topics,
        ranking_chart=chart_spec(charts.member_rates(places, median)) if not ranked.empty else None,
        ranking_note=ranking_note(places, median),
        ranking_table=ranking_table,
        missing_table=missing,
    )


def ranking_note(places: Grouped, median: float | None) -> str:
    """The caption of the ranking dots: what a dot is, the median line, what a click does (German)."""
    if places.rows.empty:
        return ""  # no dots, nothing to explain
    median_sentence = "" if median is None else f"Die gestrichelte Linie ist der Median ({format_number(median, 1)})."
    if places.step is None:
        parts = ["Jeder Punkt ist ein Mitglied.", median_sentence, "Ein Klick auf einen Punkt öffnet den Steckbrief."]
    else:
        cell = "einem Abschnitt von {step} Gruppen je 100.000 EW (je Art)"
        parts = [grouping_note(places, cell), "Punktgröße: Zahl der Kommunen.", median_sentence]
    return " ".join(part for part in parts if part)
