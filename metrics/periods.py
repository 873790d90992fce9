"""Which years a KPI covers and which years it is compared with."""

from __future__ import annotations

from dataclasses import dataclass

from domain.filter import DashboardFilter
from domain.vocabulary import FOUNDING_YEAR


@dataclass(frozen=True)
class Periods:
    """The KPI period and the previous period of equal length (None when it predates the network)."""

    year_from: int
    year_to: int
    previous_from: int | None
    previous_to: int | None

    @property
    def label(self) -> str:
        """The period as German text: "2025" or "2015–2025"."""
        return year_label(self.year_from, self.year_to)

    @property
    def previous_label(self) -> str | None:
        """The previous period as German text, or None."""
        if self.previous_from is None or self.previous_to is None:
            return None
        return year_label(self.previous_from, self.previous_to)


def year_label(year_from: int, year_to: int) -> str:
    """ "2025" for one year, "2015–2025" for a range (en dash, as German typesetting wants)."""
    return str(year_to) if year_from == year_to else f"{year_from}–{year_to}"


def kpi_periods(filter_: DashboardFilter, first_year: int, last_year: int) -> Periods:
    """The KPI period of a filter and its previous period of equal length.

    With a year range in the filter the KPIs cover that range; without one they cover
    the newest year of the data, so the default view answers "how are we doing now?"
    rather than summing 37 years. The previous period ends the year before the current
    one starts; if it would begin before 1989 there is nothing to compare with.
    """
    if filter_.year_from is None and filter_.year_to is None:
        year_from = year_to = last_year
    else:
        year_from, year_to = filter_.years(first_year, last_year)
    length = year_to - year_from + 1
    previous_from, previous_to = year_from - length, year_from - 1
    if previous_from < FOUNDING_YEAR:
        return Periods(year_from, year_to, None, None)
    return Periods(year_from, year_to, previous_from, previous_to)


def reported_years(periods: Periods, newest_year: int | None) -> tuple[int | None, int | None]:
    """The data years a yearly-reported stock figure compares (self-help counts, self-assessments).

    Such figures arrive a year or more late: for the period ending 2026 the newest
    counts may be those of 2025. The KPI then shows that newest year up to the period's
    end and compares it with the year one period length earlier, instead of comparing
    2025 with itself.
    """
    if newest_year is None:
        return None, None
    now = min(periods.year_to, newest_year)
    if periods.previous_to is None:
        return now, None
    before = now - (periods.year_to - periods.year_from + 1)
    return now, before if before >= FOUNDING_YEAR else None
