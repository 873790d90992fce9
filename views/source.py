"""Where the decks get their view models: built directly on one connection, each at most once.

The screen gets the same view models from ``ui/`` caches (``ui.views.CachedViews``);
both satisfy :class:`ViewSource`, so a deck built in the browser reuses the pages' views
and a deck built on the command line builds the very same ones.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar, cast

from data_access.queries.bound import BoundQueries
from views import events, networks, overview, selfhelp, standards
from views.events import EventsView
from views.networks import NetworksView
from views.overview import OverviewView
from views.scope import Scope
from views.selfhelp import SelfHelpView
from views.standards import MatrixView, StandardsView

T = TypeVar("T")


class ViewSource(Protocol):
    """The view models of one scope, by screen."""

    scope: Scope

    def overview(self) -> OverviewView: ...

    def events(self) -> EventsView: ...

    def self_help(self) -> SelfHelpView: ...

    def standards(self) -> StandardsView: ...

    def matrix(self, year: int) -> MatrixView: ...

    def networks(self) -> NetworksView: ...


class DirectViews:
    """The view models of ``scope`` read through ``query``, each built on first use and kept."""

    def __init__(self, scope: Scope, query: BoundQueries) -> None:
        self.scope = scope
        self._query = query
        self._built: dict[Hashable, object] = {}

    def _once(self, key: Hashable, build: Callable[[], T]) -> T:
        if key not in self._built:
            self._built[key] = build()
        return cast(T, self._built[key])

    def overview(self) -> OverviewView:
        return self._once("overview", lambda: overview.build(self.scope, self._query))

    def events(self) -> EventsView:
        return self._once("events", lambda: events.build(self.scope, self._query))

    def self_help(self) -> SelfHelpView:
        return self._once("self_help", lambda: selfhelp.build(self.scope, self._query))

    def standards(self) -> StandardsView:
        return self._once("standards", lambda: standards.build(self.scope, self._query))

    def matrix(self, year: int) -> MatrixView:
        return self._once(
            ("matrix", year), lambda: standards.build_matrix(self.scope, self._query, self.standards(), year)
        )

    def networks(self) -> NetworksView:
        return self._once("networks", lambda: networks.build(self.scope, self._query))
