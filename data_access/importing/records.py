"""What checking an import file yields: valid records, the file's outcome and the database context.

Kept apart from the checks (``validation.py``) because the comparison, the writer, the
hints and the editor all pass these around without needing the checks themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from data_access.importing.problems import Problem, Problems
from data_access.importing.templates import Template


@dataclass(frozen=True)
class Record:
    """A valid row: its line, its typed values by database field and its natural key."""

    line: int
    values: dict[str, Any]
    key: tuple[Any, ...]


@dataclass
class CheckedFile:
    """The outcome of checking a file: the valid records and every problem."""

    template: Template
    file_name: str
    records: list[Record] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    present_fields: frozenset[str] = frozenset()
    """Fields whose column the file has: only these may change an existing row."""


@dataclass(frozen=True)
class Context:
    """What validation needs from the database: member names → ids, criterion numbers, leave years."""

    member_ids: Mapping[str, int]
    criterion_numbers: frozenset[int] = frozenset(range(1, 10))
    leave_years: Mapping[str, int] = field(default_factory=dict)
    """Members that left → their leave year (last member year): nothing of theirs may be dated later."""
    meetings: Mapping[datetime.date, int] = field(default_factory=dict)
    """Start dates of the network-wide Mitgliederversammlungen → event id: what an attendance may name."""


def meeting_problem(file_name: str, line: int, day: datetime.date, since: str = "") -> Problem:
    """The German problem for an attendance whose date names no network-wide Mitgliederversammlung."""
    return Problem(
        file_name,
        f"An diesem Tag gibt es {since}keine netzwerkweite Mitgliederversammlung. Bitte das Datum prüfen "
        "oder die Versammlung zuerst als Veranstaltung (ohne Kommune) einlesen.",
        line,
        "versammlung",
        day.strftime("%d.%m.%Y"),
    )


def key_text(key: tuple[Any, ...]) -> str:
    """A natural key as the audit log and messages show it: "Kiel / 2021 / Sucht"."""
    return " / ".join("" if part is None else str(part) for part in key)
