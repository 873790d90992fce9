"""Which years a KPI covers and which years it is compared with.

A period that ends in the running year is incomplete: it runs until today and is
compared with the same days of the comparison period ("2026 bis 30.11." against
"1.1.–30.11.2025"), never with a whole year.
"""

from __future__ import annotations

import datetime
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
    until: datetime.date | None = None
    """The last day counted when the period ends in the running year (today); None for whole years."""

    @property
    def partial(self) -> bool:
        """True when the period ends in the running year and so holds only its days until today."""
        return self.until is not None

    @property
    def previous_until(self) -> datetime.date | None:
        """The same day one period length earlier: the comparison period's last day when ``partial``."""
        if self.until is None or self.previous_to is None:
            return None
        return same_day(self.until, self.previous_to)

    @property
    def label(self) -> str:
        """The period as German text: "2025", "2015–2025", "2026 bis 30.11." or "2016 bis 30.11.2026"."""
        return period_label(self.year_from, self.year_to, self.until)

    @property
    def previous_label(self) -> str | None:
        """The comparison period as German text ("2024", "1.1.–30.11.2025"), or None."""
        if self.previous_from is None or self.previous_to is None:
            return None
        return period_label(self.previous_from, self.previous_to, self.previous_until, previous=True)

    @property
    def end_label(self) -> str:
        """When stock figures (members, inhabitants) are read: "Ende 2025" or "Stand 30.11.2026"."""
        return f"Stand {_day(self.until)}{self.until.year}" if self.until else f"Ende {self.year_to}"

    @property
    def previous_end_label(self) -> str | None:
        """When the comparison's stock figures are read ("Ende 2024"); yearly data, so a year's end."""
        return None if self.previous_to is None else f"Ende {self.previous_to}"


def same_day(day: datetime.date, year: int) -> datetime.date:
    """``day`` in ``year`` (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _day(day: datetime.date) -> str:
    return f"{day.day}.{day.month}."


def period_label(year_from: int, year_to: int, until: datetime.date | None, previous: bool = False) -> str:
    """A period as German text; ``until`` cuts its last year (the comparison of one year reads "1.1.–30.11.2025")."""
    if until is None:
        return year_label(year_from, year_to)
    if year_from == year_to:
        return f"1.1.–{_day(until)}{year_to}" if previous else f"{year_to} bis {_day(until)}"
    return f"{year_from} bis {_day(until)}{year_to}"


def year_label(year_from: int, year_to: int) -> str:
    """ "2025" for one year, "2015–2025" for a range (en dash, as German typesetting wants)."""
    return str(year_to) if year_from == year_to else f"{year_from}–{year_to}"


def kpi_periods(
    filter_: DashboardFilter, first_year: int, last_year: int, today: datetime.date | None = None
) -> Periods:
    """The KPI period of a filter and its previous period of equal length.

    With a year range in the filter the KPIs cover that range; without one they cover
    the newest year of the data, so the default view answers "how are we doing now?"
    rather than summing 37 years. The previous period ends the year before the current
    one starts; if it would begin before 1989 there is nothing to compare with. A period
    ending in the running year (``today``'s) runs until ``today`` and is compared with
    the same days of the previous period.
    """
    if filter_.year_from is None and filter_.year_to is None:
        year_from = year_to = last_year
    else:
        year_from, year_to = filter_.years(first_year, last_year)
    length = year_to - year_from + 1
    previous_from, previous_to = year_from - length, year_from - 1
    until = today if today is not None and year_to == today.year and (today.month, today.day) != (12, 31) else None
    if previous_from < FOUNDING_YEAR:
        return Periods(year_from, year_to, None, None, until)
    return Periods(year_from, year_to, previous_from, previous_to, until)


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
