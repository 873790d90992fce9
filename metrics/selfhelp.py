"""Self-help figures: rates per 100,000 inhabitants, medians, rankings, gaps, comparisons."""

from __future__ import annotations

import math

import pandas as pd

from domain.formatting import enumeration, format_number
from domain.vocabulary import MEMBER_TYPE_PLURALS, STATES

PER_INHABITANTS = 100_000

OWN_SERIES = "diese Kommune"
NETWORK_MEDIAN_SERIES = "Median aller Mitglieder"
TYPE_MEDIAN_SERIES = "Median gleicher Art"
"""The series of :func:`member_comparison`: the same words for every member, so a chart keys its
colours by them (the type median adds the type in brackets, "Median gleicher Art (Städte)")."""


def rates_per_100k(groups: pd.Series, population: pd.Series) -> pd.Series:
    """Groups per 100,000 inhabitants, one decimal; missing where the population is missing or zero.

    Rounded half away from zero on the exact fraction, the one rounding rule of
    ``domain.formatting.rounded_percent``: 1 group per 400,000 inhabitants is 0,3 (``round``
    rounded half to even and said 0,2). Whole tenths by integer arithmetic, so exact.
    """
    population = pd.to_numeric(population).astype("Float64")
    population = population.where(population > 0)
    groups = pd.to_numeric(groups).astype("Float64")
    tenths = (groups * 2 * PER_INHABITANTS * 10 + population) // (2 * population)
    return tenths / 10


def yearly_totals(by_year: pd.DataFrame) -> pd.DataFrame:
    """Per year: year, groups, new_groups, reporting_members, rate (groups per 100,000 of the reporting members).

    The rate divides only the groups of members with a population by their population
    (``self_help_by_year`` keeps both), so a member without population does not dilute it.
    """
    result = by_year[["year", "groups", "new_groups", "reporting_members"]].copy()
    result["rate"] = rates_per_100k(by_year["groups_with_population"], by_year["population"])
    return result.reset_index(drop=True)


def ranking(by_member: pd.DataFrame) -> pd.DataFrame:
    """Members with figures and a population, best rate first: name, member_type, state, groups, population, rate."""
    reported = by_member[by_member["groups"].notna()].copy()
    reported["rate"] = rates_per_100k(reported["groups"], reported["population"])
    reported = reported[reported["rate"].notna()]
    reported["state"] = reported["state_code"].map(STATES)
    columns = ["name", "member_type", "state", "groups", "population", "rate"]
    return reported.sort_values(["rate", "name"], ascending=[False, True], kind="stable")[columns].reset_index(
        drop=True
    )


def median_rate(rates: pd.Series) -> float | None:
    """The median of the known rates (one decimal each), rounded half away from zero; None when there is none.

    The median of an even number of rates falls between two tenths (10,25 between 10,2 and
    10,3); it is computed in whole tenths and rounded up, so it reads 10,3 as the one
    rounding rule says, where formatting the float rounded half to even (10,2).
    """
    known = pd.to_numeric(rates).dropna()
    if known.empty:
        return None
    tenths = (known.astype(float) * 10).round().median()  # whole tenths, or a half between two
    return float(math.floor(tenths + 0.5)) / 10


def missing_figures(by_member: pd.DataFrame) -> pd.DataFrame:
    """Members without self-help figures for the year: name, member_type, state (what must still be collected)."""
    missing = by_member[by_member["groups"].isna()]
    return pd.DataFrame(
        {
            "name": missing["name"].to_numpy(),
            "member_type": missing["member_type"].to_numpy(),
            "state": missing["state_code"].map(STATES).to_numpy(),
        }
    )


def member_comparison(member_years: pd.DataFrame, name: str) -> pd.DataFrame:
    """One member's rate per year against the median of all members and of members of its type.

    ``member_years`` is ``self_help_member_years`` for the whole network. Columns: year,
    series (``OWN_SERIES`` "diese Kommune", ``NETWORK_MEDIAN_SERIES`` "Median aller Mitglieder",
    "Median gleicher Art (Städte)"), rate. The series never carry the member's name, so
    every Steckbrief draws them in the same colours. A member without population has no
    rate of its own; the medians are still shown.
    """
    rates = member_years.assign(rate=rates_per_100k(member_years["groups"], member_years["population"]))
    own = rates[rates["name"] == name]
    member_type = own["member_type"].iloc[0] if not own.empty else None
    parts = [own.assign(series=OWN_SERIES)[["year", "series", "rate"]].dropna()]
    overall = rates.groupby("year", as_index=False)["rate"].median().assign(series=NETWORK_MEDIAN_SERIES)
    parts.append(overall[["year", "series", "rate"]])
    if member_type is not None:
        same = rates[rates["member_type"] == member_type]
        label = f"{TYPE_MEDIAN_SERIES} ({MEMBER_TYPE_PLURALS.get(member_type, member_type)})"
        typed = same.groupby("year", as_index=False)["rate"].median().assign(series=label)
        parts.append(typed[["year", "series", "rate"]])
    result = pd.concat(parts, ignore_index=True).dropna(subset=["rate"])
    result["rate"] = result["rate"].astype(float).round(1)
    return result


def self_help_opening(totals: pd.DataFrame, ranked: pd.DataFrame, missing: int, year: int) -> list[str]:
    """Two or three sentences: groups and rate in ``year`` with the change, the leader, what is missing."""
    now = totals[totals["year"] == year]
    if now.empty:
        return [f"Für {year} liegen noch keine Selbsthilfezahlen vor."]
    groups = int(now["groups"].iloc[0])
    rate = now["rate"].iloc[0]
    noun = "Selbsthilfegruppe" if groups == 1 else "Selbsthilfegruppen"
    sentence = f"{year} meldeten die Mitglieder {format_number(groups)} {noun}"
    before = totals[totals["year"] == year - 1]
    if not before.empty:
        change = groups - int(before["groups"].iloc[0])
        sentence += f" ({'+' if change > 0 else '−' if change < 0 else '±'}{format_number(abs(change))} zum Vorjahr"
        reporting, reporting_before = int(now["reporting_members"].iloc[0]), int(before["reporting_members"].iloc[0])
        if reporting != reporting_before:  # a change in who reported, not in groups: say so
            sentence += (
                f", bei {format_number(reporting)} statt {format_number(reporting_before)} meldenden Mitgliedern"
            )
        sentence += ")"  # the change follows the groups it belongs to, not the rate after them
    if not pd.isna(rate):
        sentence += f", {format_number(float(rate), 1)} je 100.000 Einwohner"
    sentences = [sentence + "."]
    if not ranked.empty:
        top = ranked[ranked["rate"] == ranked["rate"].iloc[0]]  # members with the same rate are all named
        rate_text = format_number(float(top["rate"].iloc[0]), 1)
        sentences.append(
            f"Die höchste Dichte hat {top['name'].iloc[0]} mit {rate_text} Gruppen je 100.000 Einwohner."
            if len(top) == 1
            else f"Die höchste Dichte haben {enumeration(list(top['name']))} mit je {rate_text} Gruppen "
            "je 100.000 Einwohner."
        )
    if missing:
        sentences.append(
            f"Von {format_number(missing)} {'Mitglied fehlen' if missing == 1 else 'Mitgliedern fehlen'} "
            f"die Zahlen für {year} noch."
        )
    return sentences


def member_standing(member_years: pd.DataFrame, name: str) -> dict[str, float | int] | None:
    """Where ``name`` stands in its newest reported year: year, groups, rate, rank, of (members ranked), median.

    ``member_years`` is ``self_help_member_years`` of the whole network. None when the
    member has no figures; ``rate``, ``rank`` and ``of`` are None-free only with a population.
    """
    own = member_years[member_years["name"] == name]
    if own.empty:
        return None
    year = int(own["year"].max())
    that_year = member_years[member_years["year"] == year]
    rates = that_year.assign(rate=rates_per_100k(that_year["groups"], that_year["population"])).dropna(subset=["rate"])
    rates = rates.sort_values(["rate", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
    position = rates.index[rates["name"] == name]
    groups = int(own.loc[own["year"] == year, "groups"].sum())
    standing: dict[str, float | int] = {"year": year, "groups": groups, "of": len(rates)}
    if len(position):
        standing["rate"] = float(rates.loc[position[0], "rate"])
        standing["rank"] = int(position[0]) + 1
    median = median_rate(rates["rate"])
    if median is not None:
        standing["median"] = median
    return standing
