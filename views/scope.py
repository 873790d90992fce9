"""The Scope of one run: the filter and everything every screen needs to interpret it.

Built once per run by the entry script (``dashboard.py`` through ``ui/filters.py``) or
once per deck (``reports/deck_content.py``), and passed to every view: no screen
repeats the year arithmetic, looks up the data's year span or parses the URL again.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from data_access.queries.dataset import DatasetFacts, FilterOptions
from domain.filter import DashboardFilter
from domain.formatting import format_date
from metrics.periods import Periods, kpi_periods


@dataclass(frozen=True)
class Scope:
    """What a screen shows: the filter, the years in the data, the Stand and the KPI periods.

    Frozen and made of plain values, so it is a cache key: two runs that show the same
    view have equal scopes.
    """

    filter: DashboardFilter
    first_year: int
    """The first year the data covers (fills an open "von")."""
    last_year: int
    """The last year the data covers (fills an open "bis")."""
    periods: Periods
    """The KPI period and the period it is compared with."""
    stand: datetime.datetime | None
    is_demo: bool
    reported_self_help_year: int | None
    reported_assessment_year: int | None
    today: datetime.date

    @classmethod
    def build(
        cls, filter_: DashboardFilter, options: FilterOptions, facts: DatasetFacts, today: datetime.date
    ) -> Scope:
        """The scope of ``filter_`` over the data that ``options`` and ``facts`` describe, read on ``today``."""
        return cls(
            filter=filter_,
            first_year=options.first_year,
            last_year=options.last_year,
            periods=kpi_periods(filter_, options.first_year, options.last_year, today),
            stand=facts.stand,
            is_demo=facts.is_demo,
            reported_self_help_year=facts.reported_self_help_year,
            reported_assessment_year=facts.reported_assessment_year,
            today=today,
        )

    @property
    def year_from(self) -> int:
        """The first year shown (the filter's "von", else the data's first year)."""
        return self.filter.year_from if self.filter.year_from is not None else self.first_year

    @property
    def year_to(self) -> int:
        """The last year shown (the filter's "bis", else the data's last year)."""
        return self.filter.year_to if self.filter.year_to is not None else self.last_year

    @property
    def years(self) -> tuple[int, int]:
        """``(year_from, year_to)``."""
        return self.year_from, self.year_to

    @property
    def sentence(self) -> str:
        """The filter as one German line with its years filled in, e.g. "Schleswig-Holstein · 1989–2026"."""
        return self.filter.describe((self.first_year, self.last_year))

    @property
    def context_line(self) -> str:
        """The filter sentence and the Stand: what every page, download and slide says it shows."""
        stand = format_date(self.stand) if self.stand is not None else "noch keine Daten"  # a new, empty database
        return f"{self.sentence} · Stand: {stand}"

    @property
    def file_part(self) -> str:
        """The filter as a short part of a download's file name, e.g. "SH_2015-2025"; "" for the whole network.

        Made of the values the URL carries (Kommune, Land codes, Arten, Regionalnetzwerke,
        Veranstaltungsarten, years), each a word of letters, digits and ``-``, joined with
        ``_``: two downloads of different selections get different names, and the name is
        safe on every file system. More than three values of one kind are counted
        ("5-Länder"), so the name stays short. Years appear only when the filter sets them.
        """
        filter_ = self.filter
        parts = [
            _file_word(filter_.member) if filter_.member else "",
            _file_values(filter_.states, "Länder"),
            _file_values(filter_.member_types, "Arten"),
            _file_values(filter_.networks, "Netzwerke"),
            _file_values(filter_.event_types, "Veranstaltungsarten"),
        ]
        if filter_.year_from is not None or filter_.year_to is not None:
            parts.append(str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}")
        return "_".join(part for part in parts if part)

    def without_years(self) -> DashboardFilter:
        """The filter without its year range: per-year frames that metrics slice into periods."""
        return dataclasses.replace(self.filter, year_from=None, year_to=None)

    def for_filter(self, filter_: DashboardFilter) -> Scope:
        """The same data and day with another filter (a Steckbrief compares its member with the network)."""
        return dataclasses.replace(
            self, filter=filter_, periods=kpi_periods(filter_, self.first_year, self.last_year, self.today)
        )


FILE_NAME_VALUES = 3
"""At most this many values of one filter key are named in a file name; more are counted."""
FILE_WORD_LENGTH = 30
"""The longest one value may be in a file name (a long Kommune or network name is cut)."""


def _file_word(text: str) -> str:
    """``text`` as one file-name word: every run of characters other than letters and digits becomes ``-``."""
    return re.sub(r"[\W_]+", "-", text).strip("-")[:FILE_WORD_LENGTH].strip("-")


def _file_values(values: Sequence[str], counted: str) -> str:
    """The values as ``-``-joined words, or their number and ``counted`` ("5-Länder") when there are many."""
    if len(values) > FILE_NAME_VALUES:
        return f"{len(values)}-{counted}"
    return "-".join(word for word in (_file_word(value) for value in values) if word)
