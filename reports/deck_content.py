"""What the meeting deck says for a filter: its slides, built from the query layer and ``metrics/``.

One function per content slide; each reads its frames through the given connection and
takes its one-sentence takeaway from the same narrative functions the pages open with,
so a slide and its page never disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

import charts.events
import charts.members
import charts.networks
import charts.selfhelp
import charts.standards
from data_access.engine import Engine, read_connection
from data_access.filters import DashboardFilter, QueryParams
from data_access.queries import DatasetFacts, FilterOptions
from data_access.queries.bound import BoundQueries
from metrics import events, networks, selfhelp, standards
from metrics.german import format_date, format_number
from metrics.kpis import overview_kpis
from metrics.narrative import membership_story
from metrics.periods import kpi_periods
from reports.deck import DEFINITIONS, NETWORK_NAME, SLIDES, Deck, KpiText, Slide
from reports.gather import all_years, kpi_inputs


class _Context:
    """What every slide of one deck shares: the connection, the filter and its years."""

    def __init__(
        self,
        query: BoundQueries,
        options: FilterOptions,
        facts: DatasetFacts,
        filter_: DashboardFilter,
        today: datetime.date,
    ) -> None:
        self.query = query
        self.options = options
        self.facts = facts
        self.filter = filter_
        self.today = today
        self.year_from, self.year_to = filter_.years(options.first_year, options.last_year)
        self._standards: tuple | None = None

    def standards(self) -> tuple:
        """Shares per criterion and year, the newest assessment year's opening and the report counts (read once)."""
        if self._standards is None:
            criteria = self.query.standard_criteria()
            counts = self.query.standard_status_counts(self.filter)
            shares = standards.criterion_shares(counts, criteria)
            members = self.query.member_list(self.filter, self.year_to)
            reports = standards.report_overview(members, self.query.report_submissions(self.filter), self.year_to)
            report_counts = standards.report_counts(reports)
            opening: list[str] = []
            if not counts.empty:
                year = int(counts["year"].max())
                matrix = standards.standards_matrix(self.query.standard_statuses(self.filter, year), criteria)
                opening = standards.standards_opening(matrix, shares, year, report_counts)
            self._standards = (shares, opening, report_counts)
        return self._standards


def _first(sentences: Sequence[str], fallback: str) -> str:
    return sentences[0] if sentences else fallback


def _key_figures(context: _Context) -> Slide:
    periods = kpi_periods(context.filter, context.options.first_year, context.options.last_year)
    kpis = overview_kpis(kpi_inputs(context.query, context.facts, context.filter, periods), periods)
    history = context.query.active_members_by_year(context.filter, context.options.first_year, context.year_to)
    flows = context.query.member_flows_by_year(all_years(context.filter))
    story = membership_story(flows, history, periods.year_from, periods.year_to)
    return Slide(
        "kennzahlen",
        f"Kennzahlen {periods.label}",
        _first(story, "Für diese Auswahl gibt es keine Mitglieder."),
        kpis=tuple(KpiText(kpi.label, kpi.text, kpi.change_text(periods.previous_label)) for kpi in kpis),
    )


def _members(context: _Context) -> Slide:
    history = context.query.active_members_by_year(context.filter, context.options.first_year, context.year_to)
    flows = context.query.member_flows_by_year(all_years(context.filter))
    story = membership_story(flows, history, context.year_from, context.year_to)
    shown = history[history["year"] >= context.year_from].reset_index(drop=True)
    return Slide(
        "mitglieder",
        SLIDES["mitglieder"],
        story[1] if len(story) > 1 else _first(story, "Für diese Auswahl gibt es keine Mitglieder."),
        figure=charts.members.members_per_year(shown) if not shown.empty else None,
    )


def _events(context: _Context) -> Slide:
    counts = context.query.event_counts_by_year_and_type(context.filter)
    opening = events.events_opening(counts, context.year_from, context.year_to)
    return Slide(
        "veranstaltungen",
        SLIDES["veranstaltungen"],
        _first(opening, "Für diese Auswahl sind keine Veranstaltungen erfasst."),
        figure=charts.events.events_per_year(counts, selectable=False) if not counts.empty else None,
    )


def _self_help(context: _Context) -> Slide:
    by_year = context.query.self_help_by_year(context.filter)
    if by_year.empty:
        return Slide("selbsthilfe", SLIDES["selbsthilfe"], "Für diese Auswahl gibt es keine Selbsthilfezahlen.")
    year = int(by_year["year"].max())
    by_member = context.query.self_help_by_member(context.filter, year)
    totals = selfhelp.yearly_totals(by_year)
    ranked = selfhelp.ranking(by_member)
    opening = selfhelp.self_help_opening(totals, ranked, len(selfhelp.missing_figures(by_member)), year)
    return Slide(
        "selbsthilfe",
        SLIDES["selbsthilfe"],
        _first(opening, ""),
        figure=charts.selfhelp.groups_per_year(totals),
    )


def _standards(context: _Context) -> Slide:
    shares, opening, _ = context.standards()
    return Slide(
        "mindeststandards",
        SLIDES["mindeststandards"],
        _first(opening, "Für diese Auswahl liegen keine Selbsteinschätzungen vor."),
        figure=charts.standards.criterion_shares(shares) if not shares.empty else None,
    )


def _reports(context: _Context) -> Slide:
    _, _, counts = context.standards()
    labels = {"überfällig": "Überfällig", "fällig": "Fällig", "aktuell": "Aktuell", "eingereicht": "Eingereicht"}
    kpis = tuple(
        KpiText(
            labels.get(name, name.capitalize()) + (f" {context.year_to}" if name == "eingereicht" else ""),
            format_number(count),
        )
        for name, count in counts.items()
    )
    return Slide("berichte", SLIDES["berichte"], standards.reports_sentence(counts, context.year_to), kpis=kpis)


def _networks(context: _Context) -> tuple[list[str], object, object]:
    by_network = context.query.members_by_network(context.filter, context.year_to)
    day = networks.reference_date(context.year_to, context.today)
    current = networks.seats_on(context.query.council_seats(context.filter), day)
    return networks.networks_opening(by_network, current, day), by_network, current


def _regional(context: _Context) -> Slide:
    opening, by_network, _ = _networks(context)
    table = networks.network_table(by_network)
    return Slide(
        "netzwerke",
        SLIDES["netzwerke"],
        _first(opening, "In dieser Auswahl gehört kein Mitglied einem Regionalnetzwerk an."),
        figure=charts.networks.members_by_network(table) if not table.empty else None,
    )


def _council(context: _Context) -> Slide:
    opening, _, current = _networks(context)
    per_state = networks.seats_by_state(current)
    return Slide(
        "sprecherrat",
        SLIDES["sprecherrat"],
        opening[-1] if len(opening) > 1 else _first(opening, "Für diesen Tag sind keine Sitze erfasst."),
        figure=charts.networks.seats_by_state(per_state) if not per_state.empty else None,
    )


BUILDERS: dict[str, Callable[[_Context], Slide]] = {
    "kennzahlen": _key_figures,
    "mitglieder": _members,
    "veranstaltungen": _events,
    "selbsthilfe": _self_help,
    "mindeststandards": _standards,
    "berichte": _reports,
    "netzwerke": _regional,
    "sprecherrat": _council,
}


def build_deck(
    query: BoundQueries,
    options: FilterOptions,
    facts: DatasetFacts,
    filter_: DashboardFilter,
    chosen: Sequence[str],
    today: datetime.date,
) -> Deck:
    """The deck of ``filter_``: title slide, the ``chosen`` content slides (deck order), sources slide."""
    context = _Context(query, options, facts, filter_, today)
    sentence = filter_.describe((options.first_year, options.last_year))
    stand = format_date(facts.stand)
    stand_iso = facts.stand.date().isoformat() if facts.stand else today.isoformat()
    title = Slide(
        "titel",
        NETWORK_NAME,
        sentence,
        lines=(f"Stand: {stand}", *(["Beispieldaten"] if facts.is_demo else [])),
    )
    content = [BUILDERS[key](context) for key in SLIDES if key in chosen]
    closing = Slide("quellen", "Quellen und Begriffe", f"Auswahl: {sentence}", lines=DEFINITIONS)
    return Deck("Praesentation", sentence, stand, stand_iso, facts.is_demo, (title, *content, closing))


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
        return filter_, build_deck(query, options, query.dataset_facts(), filter_, chosen, today)
