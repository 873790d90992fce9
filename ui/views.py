"""The screens' view models, cached for all sessions: one entry per scope (and page choice).

Each function builds its view through one read connection (``views/`` does the work);
this module only adds the caching. A warm rerun looks up one small key instead of
hashing frames again, and gets charts ready to send.
"""

from __future__ import annotations

import datetime

from reports.deck import Deck
from reports.deck_content import build_deck
from ui import data
from views import audit, events, members, networks, overview, profile, selfhelp, standards
from views.audit import AuditView
from views.events import EventsView
from views.members import MembersView
from views.networks import NetworksView
from views.overview import OverviewView
from views.profile import ProfileView
from views.scope import Scope
from views.selfhelp import SelfHelpView
from views.standards import MatrixView, StandardsView


@data.view_cache
def overview_view(scope: Scope) -> OverviewView:
    """The Überblick of ``scope``."""
    with data.one_connection() as query:
        return overview.build(scope, query)


@data.view_cache
def members_view(scope: Scope) -> MembersView:
    """The Mitglieder page of ``scope``."""
    with data.one_connection() as query:
        return members.build(scope, query)


@data.view_cache
def events_view(scope: Scope) -> EventsView:
    """The Veranstaltungen page of ``scope``."""
    with data.one_connection() as query:
        return events.build(scope, query)


@data.view_cache
def self_help_view(scope: Scope) -> SelfHelpView:
    """The Selbsthilfe page of ``scope``."""
    with data.one_connection() as query:
        return selfhelp.build(scope, query)


@data.view_cache
def standards_view(scope: Scope) -> StandardsView:
    """The Mindeststandards page of ``scope`` without its matrix."""
    with data.one_connection() as query:
        return standards.build(scope, query)


@data.view_cache
def matrix_view(scope: Scope, year: int) -> MatrixView:
    """The Mindeststandards matrix of assessment ``year`` for ``scope``."""
    page = standards_view(scope)
    with data.one_connection() as query:
        return standards.build_matrix(scope, query, page, year)


@data.view_cache
def networks_view(scope: Scope) -> NetworksView:
    """The Netzwerke & Gremien page of ``scope``."""
    with data.one_connection() as query:
        return networks.build(scope, query)


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
