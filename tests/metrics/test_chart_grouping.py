"""Charts with a mark per member keep to the row budget: members nearby become one mark, none is lost."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts import selfhelp
from charts.grouping import MAX_CHART_ROWS, MIXED_TYPE, group_members, grouping_note
from charts.maps import member_places, member_points
from views.selfhelp import ranking_note


def many_members(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` members spread over Germany, of three types, with populations and self-help rates."""
    generator = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "name": [f"Kommune {number}" for number in range(count)],
            "member_type": generator.choice(["Stadt", "Landkreis", "Gemeinde"], count),
            "population": generator.integers(1_000, 500_000, count).astype(float),
            "latitude": generator.uniform(47.3, 55.0, count),
            "longitude": generator.uniform(5.9, 15.0, count),
            "groups": generator.integers(0, 400, count),
            "rate": generator.gamma(4.0, 12.0, count),
        }
    )


def test_up_to_the_budget_every_member_is_a_mark_of_its_own() -> None:
    members = many_members(MAX_CHART_ROWS)
    places = member_places(members)
    assert places.step is None
    assert places.rows["name"].tolist() == members["name"].tolist()
    assert set(places.rows["members"]) == {1}
    assert grouping_note(places, "{step}") == ""


def test_the_map_of_ten_thousand_members_groups_them_and_loses_none() -> None:
    members = many_members(10_000)
    places = member_places(members)
    spec = member_points(places).spec()
    drawn = spec["datasets"]["members"]
    assert places.step is not None
    assert len(drawn) <= MAX_CHART_ROWS
    assert sum(row["members"] for row in drawn) == 10_000
    assert sum(row["population"] for row in drawn) == pytest.approx(members["population"].sum())
    # A group of one keeps its name (a click opens its Steckbrief); a larger one has none.
    for row in drawn:
        if row["members"] == 1:
            assert row["name"] == row["label"]
            assert row["member_type"] != MIXED_TYPE
        else:
            assert row["name"] is None
            assert row["label"] == f"{row['members']} Kommunen"
    assert spec["layer"][1]["encoding"]["color"]["field"] == "members"  # a density map, not a type legend
    assert member_points(member_places(members.head(50))).spec()["layer"][1]["encoding"]["color"]["field"] == (
        "member_type"
    )
    note = grouping_note(places, "einem Feld von {step}° Breite und Länge")
    assert note.startswith("Mehr als 5.000 Kommunen: Ein Punkt fasst alle Kommunen in einem Feld von 0,")


def test_a_group_sits_at_the_mean_position_of_its_members() -> None:
    members = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "member_type": ["Stadt", "Stadt", "Landkreis"],
            "population": [10.0, 30.0, 5.0],
            "latitude": [50.01, 50.03, 53.5],
            "longitude": [8.02, 8.04, 10.0],
        }
    )
    grouped = group_members(members, ("latitude", "longitude"), (0.1, 1.0), sums=("population",), limit=2)
    assert grouped.step == 0.1
    rows = grouped.rows.sort_values("latitude").to_dict("records")
    assert rows[0]["members"] == 2
    assert rows[0]["latitude"] == pytest.approx(50.02)
    assert rows[0]["population"] == 40.0
    assert rows[0]["member_type"] == "Stadt"
    assert rows[1]["name"] == "C"


def test_the_rate_dots_group_within_a_type_only() -> None:
    members = many_members(12_000)
    ranking = members.sort_values("rate", ascending=False).reset_index(drop=True)
    places = selfhelp.member_rate_places(ranking)
    drawn = selfhelp.member_rates(places, 40.0).spec()["datasets"]["ranking"]
    assert places.step is not None
    assert len(drawn) <= MAX_CHART_ROWS
    assert MIXED_TYPE not in {row["member_type"] for row in drawn}
    per_type = pd.DataFrame(drawn).groupby("member_type")["members"].sum().to_dict()
    assert per_type == ranking["member_type"].value_counts().to_dict()
    assert sum(row["groups"] for row in drawn) == ranking["groups"].sum()
    note = ranking_note(places, 40.0)
    assert "Punktgröße: Zahl der Kommunen." in note
    assert note.endswith("Median (40,0).")


def test_the_rate_dots_of_a_small_network_keep_their_rank() -> None:
    ranking = many_members(80).sort_values("rate", ascending=False).reset_index(drop=True)
    places = selfhelp.member_rate_places(ranking)
    assert places.step is None
    assert places.rows["rank"].tolist() == list(range(1, 81))
    expected = "Jeder Punkt ist ein Mitglied. Ein Klick auf einen Punkt öffnet den Steckbrief."
    assert ranking_note(places, None) == expected
    assert ranking_note(selfhelp.member_rate_places(ranking.head(0)), None) == ""  # no dots, no caption
