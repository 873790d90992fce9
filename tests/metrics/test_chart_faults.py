"""Issue 16, points 8 and 9: chart labels are not cut, count axes end on a labelled tick, the
timeline has rows only for the types shown, the population area has no gap and no dip below
zero, and flat or empty histories say so in words.

Charts are drawn to SVG with vl-convert (the renderer behind the chart images), so the tests
read what a reader sees: the axis labels Vega actually wrote.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree

import pandas as pd
import vl_convert

from charts.events import events_per_year, timeline
from charts.german import COUNT_TICKS, LABEL_LIMIT
from charts.members import members_by, members_per_year, movements_table, population_over_time, population_rows
from charts.networks import seat_history, seats_unchanged
from domain.vocabulary import EVENT_TYPES, STATES
from views.networks import unchanged_seats_note

SVG = "{http://www.w3.org/2000/svg}"


def axis_labels(figure) -> dict[str, list[str]]:
    """The labels of every axis of ``figure`` drawn to SVG, by the axis's aria label ("X-axis …", "Y-axis …")."""
    spec = figure.spec()
    spec.setdefault("config", {})["aria"] = True  # the axis groups carry their name only with ARIA on
    root = ElementTree.fromstring(vl_convert.vegalite_to_svg(spec))
    axes: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        label = group.get("aria-label") or ""
        if group.get("aria-roledescription") == "axis":
            axes[label] = [
                "".join(text.itertext())
                for inner in group.iter(f"{SVG}g")
                if "role-axis-label" in (inner.get("class") or "")
                for text in inner.iter(f"{SVG}text")
            ]
    return axes


def all_texts(figure) -> list[str]:
    root = ElementTree.fromstring(vl_convert.vegalite_to_svg(figure.spec()))
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def y_labels(figure) -> list[str]:
    return next(labels for name, labels in axis_labels(figure).items() if name.startswith("Y-axis"))


def test_the_longest_land_and_event_type_names_are_drawn_whole() -> None:
    by_state = pd.DataFrame({"state_code": list(STATES), "members": range(1, len(STATES) + 1)})
    events = pd.DataFrame(
        {
            "start_date": [datetime.date(2025, 1, 1 + day) for day in range(len(EVENT_TYPES))],
            "event_type": list(EVENT_TYPES),
            "title": ["T"] * len(EVENT_TYPES),
            "name": ["Kiel"] * len(EVENT_TYPES),
            "participants": [10] * len(EVENT_TYPES),
        }
    )
    counts = pd.DataFrame({"year": 2025, "event_type": list(EVENT_TYPES), "events": 1, "participants": 1})
    for figure in (members_by(by_state, "state_code", "Land"), timeline(events), events_per_year(counts)):
        assert figure.spec()["config"]["axis"]["labelLimit"] == LABEL_LIMIT
        texts = all_texts(figure)
        assert not [text for text in texts if "…" in text]
        assert {"Mecklenburg-Vorpommern", "Mitgliederversammlung", "Regionalnetzwerktreffen"} & set(texts)
    assert "Mecklenburg-Vorpommern" in all_texts(members_by(by_state, "state_code", "Land"))
    assert "Mitgliederversammlung" in all_texts(timeline(events))


def test_a_count_axis_ends_on_a_labelled_tick_at_or_above_the_highest_bar() -> None:
    # /veranstaltungen?land=NW&veranstaltung=Gesundheitswoche: 11 in 2025 drew above the top tick 10:
    # the scale was rounded to ten steps, the axis drew fewer. Both now use the same count.
    counts = pd.DataFrame({"year": [2025], "event_type": "Gesundheitswoche", "events": [11], "participants": 1})
    y = events_per_year(counts).spec()["encoding"]["y"]
    assert y["scale"]["nice"] == y["axis"]["tickCount"] == COUNT_TICKS
    for highest in (3, 7, 11, 13, 37, 101):
        counts = pd.DataFrame(
            {"year": [2024, 2025], "event_type": "Gesundheitswoche", "events": [4, highest], "participants": 1}
        )
        labels = [int(label.replace(".", "")) for label in y_labels(events_per_year(counts))]
        assert labels[-1] >= highest, (highest, labels)
        active = pd.DataFrame({"year": [2024, 2025], "member_type": "Stadt", "members": [1, highest]})
        labels = [int(label.replace(".", "")) for label in y_labels(members_per_year(active))]
        assert labels[-1] >= highest, (highest, labels)


def test_the_timeline_has_rows_only_for_the_types_it_shows() -> None:
    one_type = pd.DataFrame(
        {
            "start_date": [datetime.date(2024, 3, 1), datetime.date(2025, 3, 1)],
            "event_type": "Gesundheitswoche",
            "title": ["GW 2024", "GW 2025"],
            "name": ["Herne", None],
            "participants": [100, 200],
        }
    )
    assert y_labels(timeline(one_type)) == ["Gesundheitswoche"]
    two_types = one_type.assign(event_type=["Symposium", "Fachtag"])
    assert y_labels(timeline(two_types)) == ["Fachtag", "Symposium"]  # the vocabulary's order


def test_the_population_area_has_every_year_and_type_and_nothing_below_zero() -> None:
    # Bezirk joins in 1992: before, its area had no rows, which drew a white wedge and a dip below zero.
    active = pd.DataFrame(
        {
            "year": [1989, 1990, 1990, 1992, 1992, 1992],
            "member_type": ["Stadt", "Stadt", "Landkreis", "Stadt", "Landkreis", "Bezirk"],
            "members": [1, 2, 1, 3, 1, 1],
            "population": [500_000, 800_000, 200_000, 900_000, 200_000, 300_000],
        }
    )
    rows = population_rows(active)
    assert len(rows) == 4 * 3  # 1989–1992 (1991 has no member: a zero, not a gap) × three types
    assert set(map(tuple, rows[["year", "member_type"]].to_numpy())) == {
        (year, kind) for year in range(1989, 1993) for kind in ("Stadt", "Landkreis", "Bezirk")
    }
    assert (rows["population"] >= 0).all()
    assert rows["population"].notna().all()
    assert rows.set_index(["year", "member_type"]).loc[(1990, "Bezirk"), "population"] == 0
    assert rows.groupby("year")["population"].sum().tolist() == [500_000, 1_000_000, 0, 1_400_000]
    drawn = population_over_time(active).datasets["active"]
    pd.testing.assert_frame_equal(drawn, rows)
    y_axis = next(name for name in axis_labels(population_over_time(active)) if name.startswith("Y-axis"))
    assert "values from 0 to" in y_axis  # the stacked area starts at zero, never below


def test_joins_and_leaves_table_counts_both_as_positive_numbers_per_year() -> None:
    flows = pd.DataFrame({"year": [2002, 2004], "joins": [2, 1], "leaves": [0, 1]})
    table = movements_table(flows, [2002, 2003, 2004])
    assert table.to_dict("list") == {"year": [2002, 2003, 2004], "joins": [2, 0, 1], "leaves": [0, 0, 1]}


def test_a_seat_history_without_change_is_a_sentence_and_a_changing_one_a_chart() -> None:
    flat = pd.DataFrame(
        {"term": [2008, 2008, 2010, 2010], "side": ["Kommune", "Selbsthilfe"] * 2, "seats": [5, 5, 5, 5]}
    )
    assert seats_unchanged(flat)
    assert unchanged_seats_note(flat) == (
        "In allen 2 Amtszeiten seit 2008 je 5 Sitze Kommune und 5 Sitze Selbsthilfe; die Sitze sind unverändert."
    )
    changing = flat.assign(seats=[5, 5, 6, 4])
    assert not seats_unchanged(changing)
    assert unchanged_seats_note(changing) == ""
    assert y_labels(seat_history(changing))[-1] == "10"
