"""The shared filter sidebar: widgets bound to the URL, and the filter object built from them.

Each widget is bound with ``bind="query-params"`` under the DESIGN.md name, so the
address bar always holds the current view and a shared link reopens it. Bound widgets
take their values from the URL as formatted option strings: the Land picker holds codes
but shows (and searches, and writes into the URL) the full German names, in German
order. Links with codes (``?land=SH``, the form of every link before) keep working:
:func:`follow_link_codes` turns them into names before the picker reads the URL. The
page head repeats the whole filter as a German sentence with full names.

The multiselects offer no "Select all": an empty filter already means all, and Streamlit
1.67 writes that action (and "Select 3 matches") in English only. Its "No results" for a
search that finds nothing cannot be set from Python in 1.67 (no parameter, config option
or locale; upstream: https://github.com/streamlit/streamlit/issues/1353).

The sidebar yields the :class:`~views.scope.Scope` of the run. ``dashboard.py`` builds it
once and hands it to the page it runs (:func:`running_page`); a page script reads it
with :func:`page_scope`. ``st.navigation`` runs page files without arguments, so the
scope travels in a context variable that lives exactly for the call of ``page.run()``:
no second parse of the URL, no copy kept in session state.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

from domain.filter import URL_KEYS, DashboardFilter
from domain.vocabulary import STATES, german_sort_key
from ui import data
from ui.text import plain
from views.scope import Scope

_RUN_SCOPE: ContextVar[Scope | None] = ContextVar("gsn_run_scope", default=None)
MULTI_KEYS = ("land", "art", "netzwerk", "veranstaltung")


def reset_filters() -> None:
    """Callback of "Filter zurücksetzen": every widget to its default, which clears the URL."""
    for key in MULTI_KEYS:
        st.session_state[key] = []
    for key in ("von", "bis", "kommune"):
        st.session_state[key] = None


def set_filter_value(key: str, value: str | list[str] | None) -> None:
    """Set one filter widget (a chart click, a table selection); the URL follows."""
    st.session_state[key] = value


IGNORED_VALUE = {
    "land": "ist kein Bundesland mit Mitgliedern (Name wie Schleswig-Holstein oder Kürzel wie SH)",
    "art": "ist keine Art von Mitgliedern (wie Stadt oder Landkreis)",
    "von": "ist kein Jahr mit Daten ({first} bis {last}) – der Filter „Von“ wurde nicht angewandt.",
    "bis": "ist kein Jahr mit Daten ({first} bis {last}) – der Filter „Bis“ wurde nicht angewandt.",
    "netzwerk": "ist kein Regionalnetzwerk",
    "kommune": "ist keine Mitgliedskommune – der Filter wurde nicht angewandt.",
    "veranstaltung": "ist keine Veranstaltungsart mit Daten",
}
"""Why a URL value was left out, per URL key (the notice quotes the value before it). A key of
several values filters by the others; a single value's filter is not applied at all."""


def ignored_url_values(link: dict[str, list[str]], allowed: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(key, value) of every value in ``link`` that its filter widget does not offer, in URL order.

    ``link`` holds the raw URL values per key (``st.query_params.get_all``), read before
    the widgets take them; ``allowed`` the option texts each widget offers. A bound widget
    accepts exactly these texts and drops any other value from the URL without a word.
    """
    return [
        (key, value)
        for key in URL_KEYS
        for value in link.get(key, [])
        if value.strip() and value not in allowed.get(key, set())
    ]


def ignored_notice(key: str, value: str, first_year: int, last_year: int) -> str:
    """The German notice for one ignored URL value; the value is quoted as text (never Markdown)."""
    reason = IGNORED_VALUE[key].format(first=first_year, last=last_year)
    if key in MULTI_KEYS:
        reason += " – der Filter wurde ohne diesen Wert angewandt."
    return f"„{plain(value)}“ {reason}"


def state_names_of_link(values: list[str], offered: Sequence[str]) -> list[str] | None:
    """The link's ``land`` values with the code of every offered Land replaced by its name; None if none is a code.

    ``offered`` are the codes the picker lists. The picker shows, and writes into the URL,
    full names, and Streamlit seeds it from the URL by those names only: a link with codes
    (``?land=SH``, every link before the picker showed names) is read through this first.
    Other values stay as they are, so the notice can still name them (``XX``, or ``HB``
    where Bremen has no members).
    """
    if not any(value in offered for value in values):
        return None
    return [STATES[value] if value in offered else value for value in values]


def follow_link_codes(link: dict[str, list[str]], offered: Sequence[str]) -> None:
    """On a session's first run, rewrite a link's Land codes into names and rerun once, before the picker is drawn.

    Nothing is bound to the URL yet on a session's first run, so the app may still write
    ``land``; the rerun starts from the rewritten address, which then seeds the picker as
    any link with names does (and the browser's address bar shows the names). No value is
    lost: unknown values stay in the URL for their notice, the other parameters unchanged.
    """
    names = state_names_of_link(link.get("land", []), offered)
    if names is not None:
        st.query_params["land"] = names
        st.rerun()


def sidebar_scope() -> Scope:
    """Render the filter sidebar and return the Scope of this run (its filter over the data of today).

    A link's value that a widget does not offer (``?kommune=Atlantis``) is named in a
    notice above the page on the run that drops it; Streamlit takes it out of the URL then.
    """
    options = data.filter_options()
    years = list(range(options.first_year, options.last_year + 1))
    link = {key: st.query_params.get_all(key) for key in URL_KEYS}  # before the widgets take (or drop) them
    states = sorted(options.states, key=lambda code: german_sort_key(STATES[code]))
    if "land" not in st.session_state:  # a session's first run: the URL is a link just opened
        follow_link_codes(link, states)
    with st.sidebar:
        st.subheader("Filter")
        st.multiselect(
            "Bundesland",
            states,
            format_func=STATES.__getitem__,  # names on screen and in the URL; codes in the filter
            key="land",
            bind="query-params",
            placeholder="Alle Länder",
            select_all=False,
        )
        st.multiselect(
            "Art", options.member_types, key="art", bind="query-params", placeholder="Alle Arten", select_all=False
        )
        year_from, year_to = st.columns(2)
        year_from.selectbox(
            "Von", years, index=None, key="von", bind="query-params", placeholder=str(options.first_year)
        )
        year_to.selectbox("Bis", years, index=None, key="bis", bind="query-params", placeholder=str(options.last_year))
        st.multiselect(
            "Regionalnetzwerk",
            options.networks,
            key="netzwerk",
            bind="query-params",
            placeholder="Alle Netzwerke",
            select_all=False,
        )
        st.selectbox(
            "Kommune", options.members, index=None, key="kommune", bind="query-params", placeholder="Alle Kommunen"
        )
        st.multiselect(
            "Veranstaltungsart",
            options.event_types,
            key="veranstaltung",
            bind="query-params",
            placeholder="Alle Veranstaltungsarten",
            select_all=False,
        )
        st.button("Filter zurücksetzen", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")
    if any(link.values()):  # most runs carry no filter in the URL: nothing to check
        allowed = {
            "land": {STATES[code] for code in states},  # codes were turned into names above
            "art": set(options.member_types),
            "von": {str(year) for year in years},
            "bis": {str(year) for year in years},
            "netzwerk": set(options.networks),
            "kommune": set(options.members),
            "veranstaltung": set(options.event_types),
        }
        for key, value in ignored_url_values(link, allowed):
            notice = ignored_notice(key, value, options.first_year, options.last_year)
            st.warning(notice, icon=":material/link_off:")
    state = st.session_state
    filter_ = DashboardFilter(
        states=tuple(state.get("land") or ()),
        member_types=tuple(state.get("art") or ()),
        year_from=state.get("von"),
        year_to=state.get("bis"),
        networks=tuple(state.get("netzwerk") or ()),
        member=state.get("kommune"),
        event_types=tuple(state.get("veranstaltung") or ()),
    )
    return scope_for(filter_)


def scope_for(filter_: DashboardFilter, today: datetime.date | None = None) -> Scope:
    """The Scope of ``filter_`` over the data as cached now, read on ``today`` (default: today)."""
    return Scope.build(filter_, data.filter_options(), data.dataset_facts(), today or datetime.date.today())


@contextmanager
def running_page(scope: Scope) -> Iterator[None]:
    """Hand ``scope`` to the page script run inside this block (``dashboard.py`` around ``page.run()``)."""
    token = _RUN_SCOPE.set(scope)
    try:
        yield
    finally:
        _RUN_SCOPE.reset(token)


def page_scope() -> Scope:
    """The Scope of this run, as the entry script built it (pages run only through ``dashboard.py``)."""
    scope = _RUN_SCOPE.get()
    if scope is None:
        raise RuntimeError("A page script runs through dashboard.py, which builds its Scope (see running_page).")
    return scope
