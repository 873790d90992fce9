"""The eight headline KPIs of the Überblick, from the small frames the queries return.

Labels are part of the interface (DESIGN.md). Each KPI carries its value, the period it
is for, the change against its comparison and a German help text that says exactly how
it is computed, so a figure read out in a meeting can be explained without a footnote.

Stock figures (Mitglieder, Einwohner, Bundesländer, Selbsthilfegruppen, Gruppen je
100.000 EW, Mindeststandards) are read at the end of the period; flow figures
(Veranstaltungen, Teilnehmende) are summed over it. A period ending in the running year
is compared with the same days of the previous period. Self-help and Mindeststandards
changes are like for like: only members that reported in both years count, so a
missing report never looks like a decline.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.formatting import format_number
from metrics.periods import Periods

STATE_COUNT = 16
SAME_MEMBERS = " · Vergleich nur mit denselben Mitgliedern"
"""Said on a card whose change is like for like (the delta itself stays short enough to read)."""
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
    """The comparison value: ``value - previous`` is the change (like for like where the help says so)."""
    decimals: int
    help: str
    suffix: str = ""
    compared_with: str | None = None
    """What the change refers to when not the previous period (a report year such as "2024")."""
    period: str = ""
    """The card's own period: "2026 bis 30.11.", "Stand 30.11.2026", "Meldejahr 2025 · 86 von 94 gemeldet"."""

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
        if self.neutral:
            return f"±{format_number(0, self.decimals)} ggü. {label}"
        sign = "+" if change > 0 else "-"
        return f"{sign}{format_number(abs(change), self.decimals)} ggü. {label}"

    @property
    def neutral(self) -> bool:
        """True when the change reads as zero at the card's precision: no arrow, no colour, anywhere."""
        change = self.change
        return change is not None and round(abs(change), self.decimals) == 0


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
    running_now: tuple[int, int] | None = None
    """Events and participants of the running year until today, when the period ends in it."""
    running_before: tuple[int, int] | None = None
    """The same for the same days of the comparison period's last year."""
    self_help_members: pd.DataFrame | None = None
    """Groups per member and year (name, year, groups, population) of the two report years: like for like."""
    active_by_year: pd.DataFrame | None = None
    """Active members per year (year, members): how many could have reported."""


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


def _flow(frame: pd.DataFrame, column: str, first: int | None, last: int | None, running: float | None) -> float | None:
    """A flow figure over ``first..last``; with ``running``, the last year counts only its days until today."""
    if first is None or last is None:
        return None
    if running is None:
        return _sum_years(frame, column, first, last)
    whole = _sum_years(frame, column, first, last - 1) if last > first else 0.0
    return (whole or 0.0) + running


def _active(frame: pd.DataFrame | None, year: int) -> int | None:
    if frame is None or frame.empty:
        return None
    return int(frame.loc[frame["year"] == year, "members"].sum())


def _like_for_like(members: pd.DataFrame | None, now: int, before: int) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The rows of the members that reported in both years, per year (None without member rows)."""
    if members is None:
        return None
    in_now = members[members["year"] == now]
    in_before = members[members["year"] == before]
    both = set(in_now["name"]) & set(in_before["name"])
    return in_now[in_now["name"].isin(both)], in_before[in_before["name"].isin(both)]


def _rate_of(rows: pd.DataFrame) -> float | None:
    counted = rows[rows["population"].notna() & (rows["population"] > 0)]
    population = float(counted["population"].sum())
    return float(counted["groups"].sum()) / population * 100_000 if population else None


def _self_help(inputs: KpiInputs, periods: Periods) -> tuple[Kpi, Kpi]:
    """Selbsthilfegruppen and Gruppen je 100.000 EW: the newest reported year, changes like for like."""
    help_now, help_before = inputs.self_help_years
    if help_now is None:
        help_now, help_before = periods.year_to, periods.previous_to
    row_now = _latest_row(inputs.self_help_by_year, help_now)
    row_before = _latest_row(inputs.self_help_by_year, help_before)
    groups = float(row_now["groups"]) if row_now is not None else None
    rate = _rate(row_now)
    groups_before, rate_before = (float(row_before["groups"]) if row_before is not None else None), _rate(row_before)
    period, compared, same = "", None, ""
    if row_now is not None:
        year = int(row_now["year"])
        active = _active(inputs.active_by_year, year)
        reporting = int(row_now["reporting_members"])
        period = f"neuestes gemeldetes Jahr {year}" + (
            f" · {format_number(reporting)} von {format_number(active)} Mitgliedern gemeldet" if active else ""
        )
        if row_before is not None:
            year_before = int(row_before["year"])
            compared = str(year_before)
            pairs = _like_for_like(inputs.self_help_members, year, year_before)
            if pairs is not None and groups is not None:
                now_rows, before_rows = pairs
                same = SAME_MEMBERS
                groups_before = groups - float(now_rows["groups"].sum() - before_rows["groups"].sum())
                rate_now_same, rate_before_same = _rate_of(now_rows), _rate_of(before_rows)
                rate_before = (
                    None
                    if rate is None or rate_now_same is None or rate_before_same is None
                    else rate - (rate_now_same - rate_before_same)
                )
    like = (
        " Die Veränderung vergleicht nur Mitglieder, die in beiden Jahren gemeldet haben: fehlende Meldungen "
        "erscheinen nicht als Rückgang."
    )
    return (
        Kpi(
            "Selbsthilfegruppen",
            groups,
            groups_before,
            0,
            "Bestand: Selbsthilfegruppen aller Themenbereiche im neuesten gemeldeten Jahr bis "
            f"{periods.year_to} (Summe der Mitglieder, die gemeldet haben). Ein Jahr zählt als gemeldet, sobald "
            "mindestens halb so viele Mitglieder Zahlen geschickt haben wie im besten Jahr." + like,
            compared_with=compared,
            period=period + same,
        ),
        Kpi(
            "Gruppen je 100.000 EW",
            rate,
            rate_before,
            1,
            "Bestand: Gruppen der meldenden Mitglieder mit Einwohnerzahl, geteilt durch deren Einwohner, "
            "mal 100.000." + like,
            compared_with=compared,
            period=period.split(" · ")[0] + same,
        ),
    )


def _standards(inputs: KpiInputs, periods: Periods) -> Kpi:
    """Mindeststandards erfüllt: the mean of the newest self-assessments, the change like for like."""
    value = _mean_met(inputs.standards_now)
    previous = _mean_met(inputs.standards_before)
    year_now, year_before = inputs.standards_years
    year_now = year_now or periods.year_to
    compared = str(year_before) if year_before else None
    same = ""
    now, before = inputs.standards_now, inputs.standards_before
    if value is not None and before is not None and not before.empty and "name" in now.columns:
        both = set(now["name"]) & set(before["name"])
        if both:
            same_now = float(now.loc[now["name"].isin(both), "met"].mean())
            same_before = float(before.loc[before["name"].isin(both), "met"].mean())
            previous = value - (same_now - same_before)
            same = SAME_MEMBERS
        else:
            previous, compared = None, None
    assessed = 0 if now is None else len(now)
    return Kpi(
        "Mindeststandards erfüllt",
        value,
        previous,
        1,
        "Bestand: Mittelwert der erfüllten Punkte (0–9) in der jeweils neuesten Selbsteinschätzung bis "
        f"{year_now}, über die {year_now} aktiven Mitglieder mit Einschätzung. Die Veränderung vergleicht nur "
        "Mitglieder, die zu beiden Zeitpunkten eine Selbsteinschätzung hatten.",
        suffix=" von 9",
        compared_with=compared,
        period=""
        if value is None
        else f"Selbsteinschätzungen bis {year_now} · {format_number(assessed)} "
        + ("Mitglied" if assessed == 1 else "Mitglieder")
        + same,
    )


def overview_kpis(inputs: KpiInputs, periods: Periods) -> list[Kpi]:
    """The eight KPI cards for one filter and period, in the order DESIGN.md lists them."""
    end = periods.year_to
    stock, stock_before = periods.end_label, periods.previous_end_label
    flow, flow_before = periods.label, periods.previous_label
    running_now = inputs.running_now or (None, None)
    running_before = inputs.running_before or (None, None)
    self_help, rate = _self_help(inputs, periods)
    return [
        Kpi(
            "Mitglieder",
            _member_figure(inputs.states_now, "members"),
            _member_figure(inputs.states_before, "members"),
            0,
            f"Bestand ({stock}): Kommunen, die {end} Mitglied waren (Beitritt bis {end}, kein Austritt vor {end}).",
            compared_with=stock_before,
            period=stock,
        ),
        Kpi(
            "Einwohner",
            _member_figure(inputs.states_now, "population"),
            _member_figure(inputs.states_before, "population"),
            0,
            f"Bestand ({stock}): Summe der Einwohnerzahlen aller {end} aktiven Mitglieder "
            "(jeweils die zuletzt gemeldete Zahl).",
            compared_with=stock_before,
            period=stock,
        ),
        Kpi(
            "Bundesländer",
            _state_count(inputs.states_now),
            _state_count(inputs.states_before),
            0,
            f"Bestand ({stock}): Länder mit mindestens einem aktiven Mitglied im Jahr {end}, von 16.",
            suffix=f" von {STATE_COUNT}",
            compared_with=stock_before,
            period=stock,
        ),
        Kpi(
            "Veranstaltungen",
            _flow(inputs.events_by_year, "events", periods.year_from, periods.year_to, running_now[0]),
            _flow(inputs.events_by_year, "events", periods.previous_from, periods.previous_to, running_before[0]),
            0,
            f"Summe über den Zeitraum ({flow}): Veranstaltungen mit Beginn in diesem Zeitraum; netzwerkweite "
            "(z. B. Mitgliederversammlung) nur ohne Auswahl von Ländern, Arten, Netzwerken oder einer Kommune."
            + (" Ein laufendes Jahr wird mit denselben Tagen des Vorjahres verglichen." if periods.partial else ""),
            compared_with=flow_before,
            period=flow,
        ),
        Kpi(
            "Teilnehmende",
            _flow(inputs.events_by_year, "participants", periods.year_from, periods.year_to, running_now[1]),
            _flow(inputs.events_by_year, "participants", periods.previous_from, periods.previous_to, running_before[1]),
            0,
            f"Summe über den Zeitraum ({flow}): gemeldete Teilnehmende dieser Veranstaltungen (ohne Angabe zählt 0).",
            compared_with=flow_before,
            period=flow,
        ),
        self_help,
        rate,
        _standards(inputs, periods),
    ]
