"""The eight headline KPIs of the Überblick, from the small frames the queries return.

Labels are part of the interface (DESIGN.md). Each KPI carries its value, the change to
the previous period of equal length and a German help text that says exactly how it is
computed, so a figure read out in a meeting can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.formatting import format_number
from metrics.periods import Periods

STATE_COUNT = 16
KPI_LABELS: tuple[str, ...] = (
    "Mitglieder",
    "Einwohner",
    "Bundesländer",
    "Veranstaltungen",
    "Teilnehmende",
    "Selbsthilfegruppen",
    "Gruppen je 100.000 EW",
    "Mindeststandards erfüllt",
)
"""The KPI labels of DESIGN.md, in order: a public interface (links, decks, people quote them)."""


@dataclass(frozen=True)
class Kpi:
    """One KPI card: label, value and change as numbers and as German text, help text."""

    label: str
    value: float | None
    previous: float | None
    decimals: int
    help: str
    suffix: str = ""
    compared_with: str | None = None
    """What the change refers to when not the previous period (a report year such as "2024")."""

    @property
    def text(self) -> str:
        """The value as shown on the card ("–" when there is no data)."""
        if self.value is None:
            return "–"
        return format_number(self.value, self.decimals) + self.suffix

    @property
    def change(self) -> float | None:
        """Value minus previous value, or None when either is missing."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def change_text(self, previous_label: str | None) -> str | None:
        """The change as "+3 ggü. 2024" ("-" for decreases, so Streamlit colours it), or None."""
        change = self.change
        label = self.compared_with or previous_label
        if change is None or label is None:
            return None
        sign = "+" if change > 0 else ("-" if change < 0 else "±")
        return f"{sign}{format_number(abs(change), self.decimals)} ggü. {label}"


@dataclass(frozen=True)
class KpiInputs:
    """The query results one KPI set is computed from (see ``data_access.queries``)."""

    states_now: pd.DataFrame
    states_before: pd.DataFrame | None
    events_by_year: pd.DataFrame
    self_help_by_year: pd.DataFrame
    standards_now: pd.DataFrame
    standards_before: pd.DataFrame | None
    self_help_years: tuple[int | None, int | None] = (None, None)
    """Report years the self-help KPIs compare (``periods.reported_years``); default: period ends."""
    standards_years: tuple[int | None, int | None] = (None, None)
    """Assessment years behind ``standards_now`` and ``standards_before``, for the help text."""


def _sum_years(frame: pd.DataFrame, column: str, year_from: int | None, year_to: int | None) -> float | None:
    if year_from is None or year_to is None:
        return None
    in_range = frame[(frame["year"] >= year_from) & (frame["year"] <= year_to)] if not frame.empty else frame
    return float(in_range[column].sum()) if not in_range.empty else 0.0


def _latest_row(frame: pd.DataFrame, year: int | None) -> pd.Series | None:
    """The newest row of a per-year frame up to ``year`` (stock figures are reported yearly)."""
    if year is None or frame.empty:
        return None
    rows = frame[frame["year"] <= year]
    return None if rows.empty else rows.sort_values("year").iloc[-1]


def _rate(row: pd.Series | None) -> float | None:
    if row is None or not row["population"]:
        return None
    return float(row["groups_with_population"]) / float(row["population"]) * 100_000


def _mean_met(frame: pd.DataFrame | None) -> float | None:
    if frame is None or frame.empty:
        return None
    return float(frame["met"].mean())


def _member_figure(frame: pd.DataFrame | None, column: str) -> float | None:
    if frame is None:
        return None
    return float(frame[column].sum()) if not frame.empty else 0.0


def _state_count(frame: pd.DataFrame | None) -> float | None:
    if frame is None:
        return None
    return float((frame["members"] > 0).sum()) if not frame.empty else 0.0


def overview_kpis(inputs: KpiInputs, periods: Periods) -> list[Kpi]:
    """The eight KPI cards for one filter and period, in the order DESIGN.md lists them."""
    end = periods.year_to
    help_now, help_before = inputs.self_help_years
    if help_now is None:
        help_now, help_before = end, periods.previous_to
    self_help_now = _latest_row(inputs.self_help_by_year, help_now)
    self_help_before = _latest_row(inputs.self_help_by_year, help_before)
    help_year = f" (Meldejahr {int(self_help_now['year'])})" if self_help_now is not None else ""
    standards_year = inputs.standards_years[0] or end
    help_compared = str(int(self_help_before["year"])) if self_help_before is not None else None
    standards_compared = str(inputs.standards_years[1]) if inputs.standards_years[1] else None
    period = periods.label
    return [
        Kpi(
            "Mitglieder",
            _member_figure(inputs.states_now, "members"),
            _member_figure(inputs.states_before, "members"),
            0,
            f"Kommunen, die {end} Mitglied waren (Beitritt bis {end}, kein Austritt vor {end}).",
        ),
        Kpi(
            "Einwohner",
            _member_figure(inputs.states_now, "population"),
            _member_figure(inputs.states_before, "population"),
            0,
            f"Summe der Einwohnerzahlen aller {end} aktiven Mitglieder (jeweils die zuletzt gemeldete Zahl).",
        ),
        Kpi(
            "Bundesländer",
            _state_count(inputs.states_now),
            _state_count(inputs.states_before),
            0,
            f"Länder mit mindestens einem aktiven Mitglied im Jahr {end}, von 16.",
            suffix=f" von {STATE_COUNT}",
        ),
        Kpi(
            "Veranstaltungen",
            _sum_years(inputs.events_by_year, "events", periods.year_from, periods.year_to),
            _sum_years(inputs.events_by_year, "events", periods.previous_from, periods.previous_to),
            0,
            f"Veranstaltungen mit Beginn {period}; netzwerkweite (z. B. Mitgliederversammlung) nur ohne "
            "Auswahl von Ländern, Arten, Netzwerken oder einer Kommune.",
        ),
        Kpi(
            "Teilnehmende",
            _sum_years(inputs.events_by_year, "participants", periods.year_from, periods.year_to),
            _sum_years(inputs.events_by_year, "participants", periods.previous_from, periods.previous_to),
            0,
            f"Summe der gemeldeten Teilnehmenden dieser Veranstaltungen {period} (ohne Angabe zählt 0).",
        ),
        Kpi(
            "Selbsthilfegruppen",
            float(self_help_now["groups"]) if self_help_now is not None else None,
            float(self_help_before["groups"]) if self_help_before is not None else None,
            0,
            f"Selbsthilfegruppen aller Themenbereiche im neuesten gemeldeten Jahr bis {end}{help_year}, "
            "verglichen mit dem Meldejahr eine Periodenlänge davor. Ein Jahr zählt als gemeldet, sobald "
            "mindestens halb so viele Mitglieder Zahlen geschickt haben wie im besten Jahr; fehlende "
            "Meldungen senken die Summe.",
            compared_with=help_compared,
        ),
        Kpi(
            "Gruppen je 100.000 EW",
            _rate(self_help_now),
            _rate(self_help_before),
            1,
            "Gruppen der meldenden Mitglieder mit Einwohnerzahl, geteilt durch deren Einwohner, mal 100.000"
            f"{help_year}.",
            compared_with=help_compared,
        ),
        Kpi(
            "Mindeststandards erfüllt",
            _mean_met(inputs.standards_now),
            _mean_met(inputs.standards_before),
            1,
            f"Mittelwert der erfüllten Punkte (0–9) in der jeweils neuesten Selbsteinschätzung bis "
            f"{standards_year}, über die {standards_year} aktiven Mitglieder mit Einschätzung.",
            suffix=" von 9",
            compared_with=standards_compared,
        ),
    ]
