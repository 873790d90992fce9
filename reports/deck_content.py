"""What the meeting deck says for a scope: its slides, rendered from the screens' view models.

Every figure, sentence and chart of a slide comes from the view model of the screen it
summarises (``views/``): the Kennzahlen slide shows the Überblick's KPI cards, the
Veranstaltungen slide the opening sentence and chart of the Veranstaltungen page, and
so on. The deck only chooses and arranges; it computes nothing of its own, so a slide,
its PDF, its PPTX and its page cannot disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from data_access.engine import Engine, read_connection
from data_access.queries.bound import BoundQueries
from domain.filter import DashboardFilter, QueryParams
from domain.formatting import format_date, format_number
from metrics.reporting import DUE, ON_TIME, OVERDUE
from reports.deck import DEFINITIONS, NETWORK_NAME, SLIDES, Deck, KpiText, Slide
from views.scope import Scope
from views.source import DirectViews, ViewSource

REPORT_LABELS = {OVERDUE: "Überfällig", DUE: "Fällig", ON_TIME: "Aktuell", "eingereicht": "Eingereicht"}


def _first(sentences: Sequence[str], fallback: str) -> str:
    return sentences[0] if sentences else fallback


def _key_figures(views: ViewSource) -> Slide:
    periods = views.scope.periods
    overview = views.overview()
    return Slide(
        "kennzahlen",
        f"Kennzahlen {periods.label}",
        _first(overview.story_sentences, "Für diese Auswahl gibt es keine Mitglieder."),
        kpis=tuple(
            KpiText(kpi.label, kpi.text, kpi.change_text(periods.previous_label), kpi.period, kpi.neutral)
            for kpi in overview.kpis
        ),
    )


def _members(views: ViewSource) -> Slide:
    overview = views.overview()
    story = overview.development
    return Slide(
        "mitglieder",
        SLIDES["mitglieder"],
        story[1] if len(story) > 1 else _first(story, "Für diese Auswahl gibt es keine Mitglieder."),
        chart=overview.members_chart,
    )


def _events(views: ViewSource) -> Slide:
    events = views.events()
    return Slide(
        "veranstaltungen",
        SLIDES["veranstaltungen"],
        _first(events.opening_sentences, "Für diese Auswahl sind keine Veranstaltungen erfasst."),
        chart=events.counts_chart,
    )


def _self_help(views: ViewSource) -> Slide:
    self_help = views.self_help()
    if self_help.year is None:
        return Slide("selbsthilfe", SLIDES["selbsthilfe"], "Für diese Auswahl gibt es keine Selbsthilfezahlen.")
    return Slide(
        "selbsthilfe", SLIDES["selbsthilfe"], _first(self_help.opening_sentences, ""), chart=self_help.totals_chart
    )


def _standards(views: ViewSource) -> Slide:
    standards = views.standards()
    years = standards.assessed_years
    opening = views.matrix(years[-1]).opening_sentences if years else ()
    return Slide(
        "mindeststandards",
        SLIDES["mindeststandards"],
        _first(opening, "Für diese Auswahl liegen keine Selbsteinschätzungen vor."),
        chart=standards.shares_chart,
    )


def _reports(views: ViewSource) -> Slide:
    standards = views.standards()
    kpis = tuple(
        KpiText(
            REPORT_LABELS.get(name, name.capitalize()) + (f" {standards.report_year}" if name == "eingereicht" else ""),
            format_number(count),
        )
        for name, count in standards.report_counts.items()
    )
    return Slide("berichte", SLIDES["berichte"], standards.reports_sentence, kpis=kpis)


def _regional(views: ViewSource) -> Slide:
    networks = views.networks()
    return Slide(
        "netzwerke",
        SLIDES["netzwerke"],
        _first(networks.opening_sentences, "In dieser Auswahl gehört kein Mitglied einem Regionalnetzwerk an."),
        chart=networks.network_chart,
    )


def _council(views: ViewSource) -> Slide:
    opening = views.networks().opening_sentences
    return Slide(
        "sprecherrat",
        SLIDES["sprecherrat"],
        opening[-1] if len(opening) > 1 else _first(opening, "Für diesen Tag sind keine Sitze erfasst."),
        chart=views.networks().states_chart,
    )


BUILDERS: dict[str, Callable[[ViewSource], Slide]] = {
    "kennzahlen": _key_figures,
    "mitglieder": _members,
    "veranstaltungen": _events,
    "selbsthilfe": _self_help,
    "mindeststandards": _standards,
    "berichte": _reports,
    "netzwerke": _regional,
    "sprecherrat": _council,
}


def build_deck(views: ViewSource, chosen: Sequence[str]) -> Deck:
    """The deck of ``views.scope``: title slide, the ``chosen`` content slides (deck order), sources slide."""
    scope = views.scope
    sentence = scope.sentence
    stand = format_date(scope.stand)
    stand_iso = scope.stand.date().isoformat() if scope.stand else scope.today.isoformat()
    title = Slide(
        "titel",
        NETWORK_NAME,
        sentence,
        lines=(f"Stand: {stand}", *(["Beispieldaten"] if scope.is_demo else [])),
    )
    content = [BUILDERS[key](views) for key in SLIDES if key in chosen]
    closing = Slide("quellen", "Quellen und Begriffe", f"Auswahl: {sentence}", lines=DEFINITIONS)
    return Deck("Praesentation", sentence, stand, stand_iso, scope.is_demo, (title, *content, closing))


def deck_from_database(
    engine: Engine, params: QueryParams, chosen: Sequence[str], today: datetime.date
) -> tuple[DashboardFilter, Deck]:
    """The filter the URL-style ``params`` describe (nonsense dropped, as for a link) and its deck, in one read."""
    with read_connection(engine) as connection:
        query = BoundQueries(connection)
        options = query.filter_options()
        filter_ = DashboardFilter.from_query_params(
            params, known_networks=options.networks, known_members=options.members, latest_year=options.last_year + 1
        )
        scope = Scope.build(filter_, options, query.dataset_facts(), today)
        return filter_, build_deck(DirectViews(scope, query), chosen)
