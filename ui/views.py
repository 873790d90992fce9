"""The screens' view models, cached for all sessions: one entry per scope (and page choice).

Each function builds its view through one read connection (``views/`` does the work);
this module only adds the caching. A warm rerun looks up one small key instead of
hashing frames again, and gets charts ready to send.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from data_access.queries.bound import BoundQueries
from reports.deck import Deck
from reports.deck_content import build_deck
from ui import data
from views import audit, events, meldestand, members, networks, overview, profile, selfhelp, standards
from views.audit import AuditView
from views.events import EventsView
from views.meldestand import MeldestandView
from views.networks import NetworksView
from views.overview import OverviewView
from views.profile import ProfileView
from views.scope import Scope
from views.selfhelp import SelfHelpView
from views.standards import MatrixView, StandardsView

View = TypeVar("View")


def _screen(build: Callable[[Scope, BoundQueries], View]) -> Callable[[Scope], View]:
    """``build`` of a ``views/`` module as a cached function of the scope, read through one connection."""

    def view(scope: Scope) -> View:
        with data.one_connection() as query:
            return build(scope, query)

    # Streamlit keys caches by function name and source; every wrapper has the same source.
    view.__name__ = view.__qualname__ = f"{build.__module__.replace('.', '_')}_{build.__name__}"
    view.__doc__ = build.__doc__
    return data.view_cache(view)


overview_view = _screen(overview.build)
map_view = _screen(overview.build_maps)
members_view = _screen(members.build)
events_view = _screen(events.build)
event_list_view = _screen(events.build_lists)
self_help_view = _screen(selfhelp.build)
standards_view = _screen(standards.build)
networks_view = _screen(networks.build)
meldestand_view: Callable[[Scope], MeldestandView] = _screen(meldestand.build)


@data.view_cache
def matrix_view(scope: Scope, year: int) -> MatrixView:
    """The Mindeststandards matrix of assessment ``year`` for ``scope``."""
    page = standards_view(scope)
    with data.one_connection() as query:
        return standards.build_matrix(scope, query, page, year)


def profile_view(scope: Scope) -> ProfileView:
    """The Steckbrief of ``scope``'s member; keyed by the member and the years only (see ``views.profile``)."""
    return _profile_view(profile.profile_scope(scope))


@data.view_cache
def _profile_view(scope: Scope) -> ProfileView:
    network_years = data.self_help_member_years(profile.network_filter(scope))
    with data.one_connection() as query:
        return profile.build(scope, query, network_years)


@data.view_cache
def audit_view(table_name: str | None, actor: str | None, since: datetime.date | None) -> AuditView:
    """The newest audit entries for the filters (None: no restriction)."""
    with data.one_connection() as query:
        return audit.build(query, table_name, actor, since)


class CachedViews:
    """The view models of ``scope`` from the caches above: the decks render what the pages show."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def overview(self) -> OverviewView:
        return overview_view(self.scope)

    def events(self) -> EventsView:
        return events_view(self.scope)

    def self_help(self) -> SelfHelpView:
        return self_help_view(self.scope)

    def standards(self) -> StandardsView:
        return standards_view(self.scope)

    def matrix(self, year: int) -> MatrixView:
        return matrix_view(self.scope, year)

    def networks(self) -> NetworksView:
        return networks_view(self.scope)


@data.view_cache
def presentation_deck(scope: Scope, chosen: tuple[str, ...]) -> Deck:
    """The deck of ``scope`` with the ``chosen`` content slides, from the pages' cached views."""
    return build_deck(CachedViews(scope), chosen)
