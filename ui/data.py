"""Cached access to the database for the pages: one engine per process, small cached frames.

Small facts every page needs (filter options, dataset facts) are cached here; the
screens' view models (``ui/views.py``) are cached whole, keyed by the frozen Scope,
and read their frames through :func:`one_connection`. Caches have a ttl, so figures
written by another process (a data steward's import on the shared database) appear
within minutes even without an explicit clear. A database that cannot be reached raises
``DatabaseUnavailableError``; nothing is cached then, so the next rerun tries again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from data_access import queries
from data_access.engine import Engine, database_url, is_writable, read_connection
from data_access.queries.bound import BoundQueries
from data_access.setup import prepare_database

CACHE_SECONDS = 300
MAX_ENTRIES = 256
VIEW_MAX_ENTRIES = 64
"""Views per page kept at once. A view of one filter is megabytes at 10,000 members (mostly the
member table and the 1,000 newest events); 64 filters per page within the ttl is far more than
a meeting's shared links produce, and bounds the worst case well below what 256 would allow.
The sizes: pickle a view of ``views/`` built on ``python bench/bench_queries.py``'s database."""
_VIEWS: list[Any] = []


@st.cache_resource(show_spinner="Datenbank wird vorbereitet …")
def engine() -> Engine:
    """The process-wide engine; the first call migrates (and on a new SQLite file fills demo data)."""
    return prepare_database(database_url())


@st.cache_resource(show_spinner=False)
def writable() -> bool:
    """Whether this process's database role may write (looked up once per process; see ``is_writable``)."""
    return is_writable(engine())


def _cached(query: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a query function (connection first) into a cached function of its other arguments."""

    def run(*arguments: Any) -> Any:
        with read_connection(engine()) as connection:
            return query(connection, *arguments)

    # Streamlit keys caches by function name and source; every wrapper has the same
    # source, so each gets its query's name to keep the caches apart.
    run.__name__ = run.__qualname__ = f"cached_{query.__name__}"
    run.__doc__ = query.__doc__
    return st.cache_data(ttl=CACHE_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)(run)


def view_cache(build: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a page view (a frozen dataclass keyed by the Scope) shared by all sessions.

    Views are kept as objects (``st.cache_resource``), not pickled copies (``st.cache_data``):
    they are never changed after they are built, and pickling them on store and unpickling
    on every rerun was a noticeable share of a warm run (``python bench/bench_pages.py``).
    Like the data caches they expire after ``CACHE_SECONDS`` and are dropped by
    :func:`clear_caches`.
    """
    cached = st.cache_resource(ttl=CACHE_SECONDS, max_entries=VIEW_MAX_ENTRIES, show_spinner=False)(build)
    _VIEWS.append(cached)
    return cached


def clear_caches() -> None:
    """Forget every cached figure and view (after a write), but keep the engine and its connections."""
    st.cache_data.clear()
    for view in _VIEWS:
        view.clear()


VERSION_CHECK_SECONDS = 1.0
_seen = {"version": None, "checked": float("-inf")}
_seen_lock = threading.Lock()


def follow_other_writers() -> None:
    """Drop the caches when another process wrote since this one last looked (at most one look a second).

    Several dashboard processes (behind a proxy) share one database; a write clears the
    caches of its own process only. Every write also moves the "Stand"; comparing it with
    the one this process saw last makes every process show the new figures on its next
    run (a second at most after the write). Costs one indexed read a second per process.
    """
    now = time.monotonic()
    with _seen_lock:
        if now - _seen["checked"] < VERSION_CHECK_SECONDS:
            return
        _seen["checked"] = now
    with read_connection(engine()) as connection:
        version = queries.data_version(connection)
    with _seen_lock:
        changed = _seen["version"] is not None and version != _seen["version"]
        _seen["version"] = version
    if changed:
        clear_caches()


filter_options = _cached(queries.filter_options)
dataset_facts = _cached(queries.dataset_facts)
self_help_member_years = _cached(queries.self_help_member_years)
"""Every member's groups per year: the same frame serves the comparison of every Steckbrief."""


@contextmanager
def one_connection() -> Iterator[BoundQueries]:
    """Yield the queries bound to one read connection (for building a cached view)."""
    with read_connection(engine()) as connection:
        yield BoundQueries(connection)
