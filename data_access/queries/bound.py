"""The query functions bound to one open connection, for code that must not import SQLAlchemy."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from data_access import queries


class BoundQueries:
    """The functions of ``data_access.queries`` bound to one open connection.

    A page view or a deck reads all its frames through one connection instead of one
    per query: on a cold view that saved a connection checkout, a transaction and a
    cache store per query (see bench/bench_pages.py).
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return functools.partial(getattr(queries, name), self._connection)
