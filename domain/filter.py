"""The dashboard filter: one frozen, typed object per script run, shared by every page.

It converts to and from the URL parameters named in DESIGN.md (a public interface:
links people share must keep working), renders itself as one German sentence for
pages, exports and slides, and is turned into SQL by ``data_access.queries``. This
module is plain Python on purpose, so that ``ui/``, ``metrics/`` and ``reports/`` can
use the filter without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from domain.vocabulary import (
    EVENT_TYPE_PLURALS,
    FOUNDING_YEAR,
    MEMBER_TYPE_PLURALS,
    STATES,
    event_type,
    german_sort_key,
    member_type,
    state_code,
)

URL_KEYS: tuple[str, ...] = ("land", "art", "von", "bis", "netzwerk", "kommune", "veranstaltung")
"""The URL parameter names, in the order links are written."""

QueryParams = Mapping[str, str | Sequence[str]]


def _values(params: QueryParams, key: str, *, split_commas: bool) -> list[str]:
    """Return every non-empty value of ``key`` (repeated keys and, optionally, comma lists)."""
    raw = params.get(key, [])
    items = [raw] if isinstance(raw, str) else list(raw)
    values: list[str] = []
    for item in items:
        parts = item.split(",") if split_commas else [item]
        values.extend(part.strip() for part in parts if part.strip())
    return values


def _unique(values: Iterable[str], sort_key=german_sort_key) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(sorted(set(values), key=sort_key))


def _year(text: str, latest_year: int) -> int | None:
    """Return ``text`` as a year the network can have data for, else None (ignored)."""
    try:
        year = int(text.strip())
    except ValueError:
        return None
    return year if FOUNDING_YEAR <= year <= latest_year else None


def _german_list(words: Sequence[str]) -> str:
    return ", ".join(words)


@dataclass(frozen=True)
class DashboardFilter:
    """What the user looks at: Länder, member types, years, networks, one member, event types.

    Empty tuples and ``None`` mean "no restriction". Values are canonical (state codes,
    the type names of ``domain.vocabulary``) and sorted, so two filters that show
    the same view compare and hash equal — which makes them good cache keys.
    """

    states: tuple[str, ...] = ()
    member_types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    networks: tuple[str, ...] = ()
    member: str | None = None
    event_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        states = [code for code in (state_code(value) for value in self.states) if code]
        types = [name for name in (member_type(value) for value in self.member_types) if name]
        events = [name for name in (event_type(value) for value in self.event_types) if name]
        object.__setattr__(self, "states", _unique(states, sort_key=lambda code: german_sort_key(STATES[code])))
        object.__setattr__(self, "member_types", _unique(types))
        object.__setattr__(self, "event_types", _unique(events))
        object.__setattr__(self, "networks", _unique(name.strip() for name in self.networks if name.strip()))
        object.__setattr__(self, "member", (self.member or "").strip() or None)
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            year_from, year_to = self.year_to, self.year_from
            object.__setattr__(self, "year_from", year_from)
            object.__setattr__(self, "year_to", year_to)

    @property
    def restricts_members(self) -> bool:
        """True when only some members are selected (then network-wide events are left out)."""
        return bool(self.states or self.member_types or self.networks or self.member)

    def years(self, first_year: int, last_year: int) -> tuple[int, int]:
        """Return the year range to show, filling open ends with ``first_year``/``last_year``."""
        return (
            self.year_from if self.year_from is not None else first_year,
            self.year_to if self.year_to is not None else last_year,
        )

    @classmethod
    def from_query_params(
        cls,
        params: QueryParams,
        *,
        known_networks: Iterable[str] | None = None,
        known_members: Iterable[str] | None = None,
        latest_year: int | None = None,
    ) -> DashboardFilter:
        """Build a filter from URL parameters; values that make no sense are dropped, never raised.

        A shared link may be old or hand-edited: an unknown Land code, a year like
        ``20x5`` or a member that has since been renamed must open the page with that
        part of the filter at its default, not crash it. ``params`` may hold single
        strings or lists (repeated keys, as ``bind="query-params"`` writes them).
        """
        latest_year = latest_year or datetime.date.today().year + 1
        networks = _values(params, "netzwerk", split_commas=False)
        if known_networks is not None:
            allowed_networks = set(known_networks)
            networks = [name for name in networks if name in allowed_networks]
        members = _values(params, "kommune", split_commas=False)
        if known_members is not None:
            allowed_members = set(known_members)
            members = [name for name in members if name in allowed_members]
        years_from = [_year(text, latest_year) for text in _values(params, "von", split_commas=False)]
        years_to = [_year(text, latest_year) for text in _values(params, "bis", split_commas=False)]
        years_from = [year for year in years_from if year is not None]
        years_to = [year for year in years_to if year is not None]
        return cls(
            states=tuple(_values(params, "land", split_commas=True)),
            member_types=tuple(_values(params, "art", split_commas=True)),
            year_from=years_from[0] if years_from else None,
            year_to=years_to[0] if years_to else None,
            networks=tuple(networks),
            member=members[0] if members else None,
            event_types=tuple(_values(params, "veranstaltung", split_commas=True)),
        )

    def to_query_params(self) -> dict[str, list[str]]:
        """Return the URL parameters of this filter (only the set ones, lists for every key)."""
        params: dict[str, list[str]] = {
            "land": list(self.states),
            "art": list(self.member_types),
            "von": [str(self.year_from)] if self.year_from is not None else [],
            "bis": [str(self.year_to)] if self.year_to is not None else [],
            "netzwerk": list(self.networks),
            "kommune": [self.member] if self.member else [],
            "veranstaltung": list(self.event_types),
        }
        return {key: values for key, values in params.items() if values}

    def describe(self, default_years: tuple[int, int] | None = None) -> str:
        """Return the filter as one German line, e.g. "Niedersachsen, Schleswig-Holstein · Städte · 2015–2025".

        ``default_years`` fills an open year range (the years the data covers); without
        it an open range reads "alle Jahre".
        """
        parts: list[str] = []
        if self.member:
            parts.append(self.member)
        if self.states:
            parts.append(_german_list([STATES[code] for code in self.states]))
        if self.member_types:
            parts.append(_german_list([MEMBER_TYPE_PLURALS[name] for name in self.member_types]))
        if self.networks:
            label = "Regionalnetzwerk" if len(self.networks) == 1 else "Regionalnetzwerke"
            parts.append(f"{label} {_german_list(self.networks)}")
        if not parts:
            parts.append("Gesamtes Netzwerk")
        if self.event_types:
            parts.append(_german_list([EVENT_TYPE_PLURALS[name] for name in self.event_types]))
        parts.append(self._describe_years(default_years))
        return " · ".join(parts)

    def _describe_years(self, default_years: tuple[int, int] | None) -> str:
        if default_years is not None:
            year_from, year_to = self.years(*default_years)
        else:
            year_from, year_to = self.year_from, self.year_to
        if year_from is None and year_to is None:
            return "alle Jahre"
        if year_to is None:
            return f"seit {year_from}"
        if year_from is None:
            return f"bis {year_to}"
        return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"
