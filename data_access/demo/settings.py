"""Constants and the container of the demo data set."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

DEMO_AS_OF = datetime.date(2026, 10, 31)
"""The demo data's own "today": no event after it, so the data does not depend on the clock."""
DEFAULT_SEED = 1989
TOPIC_WEIGHTS = (0.30, 0.20, 0.15, 0.11, 0.09, 0.11, 0.04)
SYMPOSIUM_CITIES = {2023: "Wiesbaden", 2024: "Frankfurt am Main"}


@dataclass
class DemoData:
    """The generated rows, keyed by member name until the database assigns ids."""

    networks: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    self_help: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    seats: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    attendance: list[dict[str, Any]] = field(default_factory=list)
    """Members at network-wide events; ``event`` is the event's (type, start date, title)."""
