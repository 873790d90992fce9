"""The Meldestand page: who has sent what for the chosen years, and the reminders for what is missing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access.queries.bound import BoundQueries
from metrics import meldestand as metrics
from views.scope import Scope


@dataclass(frozen=True)
class MeldestandView:
    """The Meldestand of one scope's members over its years (``scope.year_from..scope.year_to``)."""

    year_from: int
    year_to: int
    shortened: bool
    """Whether the years start later than the scope's because the filter has no "von"."""
    matrix: pd.DataFrame
    """Member × year, longest gaps first: shown and downloaded."""
    shares: pd.DataFrame
    """Share complete per year and kind."""
    reminders: pd.DataFrame
    """The reminder list: members with something missing, what and since when, with their Kontaktstelle."""
    letters: tuple[tuple[str, str], ...]
    """(member, German reminder letter), in the order of ``reminders``."""
    opening: str

    @property
    def letters_file(self) -> bytes:
        """All letters in one UTF-8 text file, one per page."""
        return metrics.letters_file(self.letters)


DEFAULT_YEARS = 5
"""Years shown without a "von" in the filter: the whole history (since 1989) as columns fits no screen."""


def build(scope: Scope, query: BoundQueries) -> MeldestandView:
    """The Meldestand of ``scope``: its filter's members in its years.

    An open "bis" is the last complete year (the year before ``scope.today``): figures of a
    running year arrive after it ends, and a member without a leave year is a member until
    today, so the years reach there even when the data's last year is earlier (a database
    with nothing but its member list is where the reminders matter most). An open
    "von" is :data:`DEFAULT_YEARS` years before the last (``shortened`` says so, for the page to tell).
    """
    open_end = scope.filter.year_to is None
    year_to = max(scope.first_year, scope.today.year - 1) if open_end else scope.year_to
    open_start = scope.filter.year_from is None
    year_from = max(scope.first_year, year_to - DEFAULT_YEARS + 1) if open_start else scope.year_from
    members = query.reporting_members(scope.filter, year_from, year_to)
    arrivals = query.reporting_arrivals(scope.filter, year_from, year_to)
    status = metrics.reporting_status(members, arrivals, year_from, year_to)
    shares = metrics.kind_shares(status)
    reminders = metrics.reminders(status, members)
    return MeldestandView(
        year_from=year_from,
        year_to=year_to,
        shortened=open_start and year_from > scope.first_year,
        matrix=metrics.status_matrix(status, members, year_from, year_to),
        shares=shares,
        reminders=reminders,
        letters=metrics.reminder_letters(status, members, scope.today),
        opening=metrics.meldestand_sentence(shares, len(reminders), year_to),
    )
