"""Issue 15: every KPI states its period, compares like with like, and every sentence is true.

Hand-built frames: a member that left, a member without population, a year with partial
reporting and the running year. The sentences are also checked as a property: for many
generated figures, every number and percentage parsed out of the sentence is recomputed.
"""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charts.figure import chart_spec
from charts.standards import criterion_shares as shares_chart
from domain.filter import DashboardFilter
from domain.formatting import format_percent
from metrics.kpis import Kpi, KpiInputs, overview_kpis
from metrics.narrative import events_story, membership_story
from metrics.periods import Periods, kpi_periods
from metrics.standards import standards_opening
from reports.images import chart_svg

TODAY = datetime.date(2026, 11, 30)


def test_a_period_in_the_running_year_runs_until_today_and_compares_the_same_days() -> None:
    running = kpi_periods(DashboardFilter(), 1989, 2026, TODAY)
    assert (running.label, running.previous_label) == ("2026 bis 30.11.", "1.1.–30.11.2025")
    assert (running.end_label, running.previous_end_label) == ("Stand 30.11.2026", "Ende 2025")
    assert running.previous_until == datetime.date(2025, 11, 30)
    ranged = kpi_periods(DashboardFilter(year_from=2016, year_to=2026), 1989, 2026, TODAY)
    assert (ranged.label, ranged.previous_label) == ("2016 bis 30.11.2026", "2005 bis 30.11.2015")
    whole = kpi_periods(DashboardFilter(year_from=2015, year_to=2025), 1989, 2026, TODAY)
    assert (whole.label, whole.previous_label, whole.partial) == ("2015–2025", "2004–2014", False)
    assert kpi_periods(DashboardFilter(), 1989, 2026, datetime.date(2026, 12, 31)).partial is False
    leap = Periods(2024, 2024, 2023, 2023, datetime.date(2024, 2, 29))
    assert leap.previous_until == datetime.date(2023, 2, 28)


def inputs(**changes: object) -> KpiInputs:
    base = {
        "states_now": pd.DataFrame({"state_code": ["SH"], "members": [3], "population": [300_000]}),
        "states_before": pd.DataFrame({"state_code": ["SH"], "members": [3], "population": [300_000]}),
        "events_by_year": pd.DataFrame(
            {"year": [2025, 2026], "event_type": ["Fachtag"] * 2, "events": [40, 30], "participants": [4000, 3300]}
        ),
        "self_help_by_year": pd.DataFrame(
            {
                "year": [2024, 2025],
                "groups": [100, 70],
                "new_groups": [0, 0],
                "reporting_members": [3, 2],
                "population": [300_000, 200_000],
                "groups_with_population": [100, 70],
            }
        ),
        "standards_now": pd.DataFrame({"name": ["A", "B"], "met": [9, 6]}),
        "standards_before": pd.DataFrame({"name": ["A", "B"], "met": [9, 6]}),
        "self_help_years": (2025, 2024),
        "standards_years": (2025, 2024),
    }
    return KpiInputs(**{**base, **changes})


def by_label(kpis: list[Kpi]) -> dict[str, Kpi]:
    return {kpi.label: kpi for kpi in kpis}


def test_the_running_year_is_compared_with_the_same_days_of_the_year_before() -> None:
    periods = kpi_periods(DashboardFilter(), 1989, 2026, TODAY)
    kpis = by_label(overview_kpis(inputs(running_now=(30, 3300), running_before=(25, 2500)), periods))
    events = kpis["Veranstaltungen"]
    assert (events.value, events.previous) == (30, 25)  # not the whole of 2025 (40)
    assert events.period == "2026 bis 30.11."
    assert events.change_text(periods.previous_label) == "+5 ggü. 1.1.–30.11.2025"
    assert kpis["Mitglieder"].period == "Stand 30.11.2026"
    assert kpis["Mitglieder"].change_text(periods.previous_label) == "±0 ggü. Ende 2025"
    assert "Summe" in events.help
    assert "Bestand" in kpis["Mitglieder"].help


def test_a_missing_report_is_not_a_decline() -> None:
    """Kiel and Herne report 2024 and 2025, Saerbeck (no population) only 2024: total 100 → 70."""
    members = pd.DataFrame(
        {
            "name": ["Kiel", "Herne", "Saerbeck", "Kiel", "Herne"],
            "year": [2024, 2024, 2024, 2025, 2025],
            "groups": [40, 30, 30, 42, 28],
            "population": [100_000, 100_000, None, 100_000, 100_000],
        }
    )
    active = pd.DataFrame({"year": [2025], "members": [3]})
    periods = Periods(2025, 2025, 2024, 2024)
    kpis = by_label(overview_kpis(inputs(self_help_members=members, active_by_year=active), periods))
    groups = kpis["Selbsthilfegruppen"]
    assert groups.value == 70
    assert groups.change == 0  # Kiel +2, Herne -2: the same members, no change
    assert groups.neutral
    assert groups.period == (
        "neuestes gemeldetes Jahr 2025 · 2 von 3 Mitgliedern gemeldet · Vergleich nur mit denselben Mitgliedern"
    )
    assert groups.change_text(None) == "±0 ggü. 2024"
    rate = kpis["Gruppen je 100.000 EW"]
    assert rate.value == pytest.approx(35.0)
    assert rate.change == pytest.approx(0.0)


def test_a_member_that_left_or_assessed_first_does_not_move_the_standards_change() -> None:
    periods = Periods(2025, 2025, 2024, 2024)
    now = pd.DataFrame({"name": ["A", "C"], "met": [9, 3]})  # C assessed itself for the first time
    before = pd.DataFrame({"name": ["A", "B"], "met": [8, 9]})  # B left
    kpi = by_label(overview_kpis(inputs(standards_now=now, standards_before=before), periods))[
        "Mindeststandards erfüllt"
    ]
    assert kpi.value == pytest.approx(6.0)
    assert kpi.change == pytest.approx(1.0)  # A: 8 → 9


def test_no_change_has_no_arrow() -> None:
    assert Kpi("Quote", 52.81, 52.84, 1, "").neutral
    assert Kpi("Quote", 52.81, 52.84, 1, "").change_text("2024") == "±0,0 ggü. 2024"
    assert not Kpi("Mitglieder", 100, 99, 0, "").neutral


def test_one_rounding_rule_for_text_and_charts() -> None:
    share = 62 / 81  # 76,54 %
    assert format_percent(share) == "77\u00a0%"
    assert format_percent(0.765) == "77\u00a0%"  # half away from zero, as the charts' d3 format
    frame = pd.DataFrame({"year": [2025], "criterion": ["Punkt 1"], "title": ["a"], "share": [share], "assessed": [81]})
    labels = re.findall(r">([^<]*%)</text>", chart_svg(chart_spec(shares_chart(frame))))
    assert "77\u00a0%" in labels


def test_ties_are_named_with_the_percentage_they_share() -> None:
    shares = pd.DataFrame(
        {
            "year": [2025] * 4,
            "criterion": ["Punkt 1", "Punkt 5", "Punkt 7", "Punkt 2"],
            "title": list("abcd"),
            "share": [62 / 81, 0.7651, 0.769, 0.9],  # 77 % each, as the chart labels them
        }
    )
    matrix = pd.DataFrame({"name": ["A"], "criteria_met": [9], "criterion_1": ["erfüllt"]})
    sentences = standards_opening(matrix, shares, 2025, {"überfällig": 0})
    assert (
        sentences[1]
        == "Am seltensten erfüllt sind Punkt 1, 5 und 7 (je 77\u00a0% der Mitglieder mit Selbsteinschätzung)."
    )


def test_a_sentence_about_the_running_year_says_the_day() -> None:
    flows = pd.DataFrame({"year": [2026], "member_type": ["Stadt"], "joins": [1], "leaves": [0]})
    active = pd.DataFrame({"year": [2025, 2026], "members": [0, 1]})
    story = membership_story(flows, active, 2026, 2026, TODAY)
    assert story[0] == "2026 bis 30.11. trat 1 Kommune bei, keine trat aus."
    assert story[1] == "Am 30.11.2026 zählte das Netzwerk 1 Kommune in dieser Auswahl."


NUMBER = r"\d{1,3}(?:\.\d{3})*"


def german_int(text: str) -> int:
    return int(text.replace(".", ""))


@settings(max_examples=300, deadline=None)
@given(
    events_now=st.integers(1, 50_000),
    events_before=st.integers(0, 50_000),
    people_now=st.integers(0, 5_000_000),
    people_before=st.integers(0, 5_000_000),
    year=st.integers(1995, 2030),
    length=st.integers(1, 5),
    running=st.booleans(),
)
def test_every_figure_in_the_events_sentence_is_its_own_quantity(
    events_now: int, events_before: int, people_now: int, people_before: int, year: int, length: int, running: bool
) -> None:
    periods = kpi_periods(
        DashboardFilter(year_from=year - length + 1, year_to=year),
        1989,
        2030,
        datetime.date(year, 6, 15) if running else None,
    )
    kpis = [
        Kpi("Veranstaltungen", events_now, events_before, 0, ""),
        Kpi("Teilnehmende", people_now, people_before, 0, ""),
    ]
    sentence = events_story(kpis, periods)
    assert sentence is not None
    assert sentence.startswith(f"{periods.label} gab es ")
    match = re.search(
        rf"({NUMBER}) Veranstaltung(?:en)?(?: \(([^)]*)\))? mit ({NUMBER}) Teilnehmenden(?: \(([^)]*)\))?\.$", sentence
    )
    assert match, sentence
    assert german_int(match.group(1)) == events_now
    assert german_int(match.group(3)) == people_now
    for text, now, before in ((match.group(2), events_now, events_before), (match.group(4), people_now, people_before)):
        if periods.previous_label is None or not before:
            assert text is None  # nothing to compare with: no change is claimed
            continue
        change = (now - before) / before
        if text.startswith("so viele wie"):
            assert format_percent(abs(change)) == "0\u00a0%"
        else:
            percent, direction = re.fullmatch(
                rf"({NUMBER}) % (mehr|weniger) als .+", text.replace("\u00a0", " ")
            ).groups()
            assert f"{percent}\u00a0%" == format_percent(abs(change))
            assert direction == ("mehr" if change > 0 else "weniger")
        assert text.endswith(periods.previous_label)


@settings(max_examples=200, deadline=None)
@given(
    joins=st.lists(st.integers(0, 30), min_size=6, max_size=6),
    leaves=st.lists(st.integers(0, 30), min_size=6, max_size=6),
    start=st.integers(0, 300),
    first=st.integers(2020, 2025),
    running=st.booleans(),
)
def test_every_figure_in_the_membership_sentences_is_recomputed_from_the_frames(
    joins: list[int], leaves: list[int], start: int, first: int, running: bool
) -> None:
    years = list(range(2020, 2026))
    flows = pd.DataFrame({"year": years, "member_type": ["Stadt"] * 6, "joins": joins, "leaves": leaves})
    members, counts = start, []
    for joined, left in zip(joins, leaves, strict=True):
        members = max(members + joined - left, 0)
        counts.append(members)
    active = pd.DataFrame({"year": [2019, *years], "members": [start, *counts]})
    until = datetime.date(2025, 11, 30) if running else None
    sentences = membership_story(flows, active, first, 2025, until)
    in_range = flows[flows["year"] >= first]
    said = sentences[0]
    joined = 0 if "keine Kommune bei" in said else german_int(re.search(rf"({NUMBER}) Kommunen? bei", said).group(1))
    assert joined == in_range["joins"].sum()
    left_match = re.search(rf"({NUMBER}) trat(?:en)? aus", said)
    assert (german_int(left_match.group(1)) if left_match else 0) == in_range["leaves"].sum()
    end = int(active.loc[active["year"] == 2025, "members"].iloc[0])
    before = int(active.loc[active["year"] == first - 1, "members"].iloc[0])
    rest = " ".join(sentences[1:])
    if end and before and end != before:
        grew = re.search(rf"(wuchs|sank) von ({NUMBER}) auf ({NUMBER})", rest)
        assert grew, sentences
        assert (german_int(grew.group(2)), german_int(grew.group(3))) == (before, end)
        assert grew.group(1) == ("wuchs" if end > before else "sank")
    if running:
        assert "Ende 2025" not in " ".join(sentences)  # the year has not ended: "Am 30.11.2025"


def test_the_reports_sentence_of_the_running_year_speaks_of_today() -> None:
    from metrics.standards import reports_sentence

    counts = {"überfällig": 2, "eingereicht": 1}
    today = "Am 30.11.2026 sind 2 Berichte überfällig; 1 ging 2026 bis heute ein."
    assert reports_sentence(counts, 2026, TODAY) == today
    assert reports_sentence(counts, 2025) == "Ende 2025 sind 2 Berichte überfällig; 1 ging 2025 ein."
