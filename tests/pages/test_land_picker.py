"""Issue 16, point 6: the Bundesland picker shows full German names in German order; links with codes keep working.

The picker holds codes (the filter's canonical values) and shows, searches and writes
into the URL the full names. A link from before (``?land=SH``) must still select the Land
on its first run, a mixed link (``?land=SH&land=Bayern``) selects both, and a value that
names no Land with members is still named in a notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.vocabulary import STATES, german_sort_key
from tests.conftest import first_run, warnings_of
from ui.filters import state_names_of_link

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_the_picker_lists_full_names_in_german_order(demo_url: str) -> None:
    picker = first_run().multiselect(key="land")
    assert picker.options, "the demo data has members in several Länder"
    assert set(picker.options) <= set(STATES.values())  # names, not codes like "SH"
    assert picker.options == sorted(picker.options, key=german_sort_key)
    assert picker.options.index("Baden-Württemberg") < picker.options.index("Bayern") < picker.options.index("Berlin")


def test_a_link_with_a_code_selects_the_land_and_the_url_carries_its_name(demo_url: str) -> None:
    app = first_run(land="SH")
    assert warnings_of(app) == []
    assert app.multiselect(key="land").value == ["SH"]  # the filter keeps codes inside
    assert app.caption[0].value.startswith("Schleswig-Holstein · ")
    assert app.query_params == {"land": "Schleswig-Holstein"}
    app.run()  # and it stays selected on the next run
    assert app.multiselect(key="land").value == ["SH"]
    assert app.caption[0].value.startswith("Schleswig-Holstein · ")


def test_a_link_with_names_selects_them(demo_url: str) -> None:
    app = first_run(land=["Niedersachsen", "Schleswig-Holstein"])
    assert warnings_of(app) == []
    assert sorted(app.multiselect(key="land").value) == ["NI", "SH"]
    assert app.caption[0].value.startswith("Niedersachsen, Schleswig-Holstein · ")


def test_a_link_mixing_codes_and_names_selects_all_of_them(demo_url: str) -> None:
    app = first_run(land=["SH", "Bayern", "XX"], kommune="Atlantis")
    assert sorted(app.multiselect(key="land").value) == ["BY", "SH"]
    assert app.caption[0].value.startswith("Bayern, Schleswig-Holstein · ")
    assert len(warnings_of(app)) == 2, warnings_of(app)  # the unknown values are still named, once each
    assert any(text.startswith("„XX“ ist kein Bundesland") for text in warnings_of(app)), warnings_of(app)
    assert any(text.startswith("„Atlantis“ ist keine Mitgliedskommune") for text in warnings_of(app)), warnings_of(app)
    assert app.query_params == {"land": ["Schleswig-Holstein", "Bayern"]}


def test_an_unknown_code_is_named_and_the_known_one_filters(demo_url: str) -> None:
    app = first_run(land=["XX", "NI"], kommune="Atlantis")
    assert app.multiselect(key="land").value == ["NI"]
    assert any(text.startswith("„XX“ ist kein Bundesland") for text in warnings_of(app)), warnings_of(app)
    assert any(text.startswith("„Atlantis“") for text in warnings_of(app)), warnings_of(app)
    assert app.caption[0].value.startswith("Niedersachsen · ")


def test_choosing_by_hand_after_a_code_link_is_kept(demo_url: str) -> None:
    app = first_run(land="SH")
    app.multiselect(key="land").set_value(["NI"]).run()  # the link's code is not applied a second time
    assert app.multiselect(key="land").value == ["NI"]
    assert app.caption[0].value.startswith("Niedersachsen · ")


def test_a_link_with_a_code_of_a_land_without_members_is_named(demo_url: str) -> None:
    app = first_run(land=["ZZ"])
    assert app.multiselect(key="land").value == []
    [notice] = warnings_of(app)
    assert notice.startswith("„ZZ“ ist kein Bundesland mit Mitgliedern (Name wie Schleswig-Holstein")


def test_codes_of_a_link_become_names() -> None:
    offered = ["BY", "NI", "SH"]
    assert state_names_of_link(["Bayern", "Niedersachsen"], offered) is None  # names: Streamlit seeds them
    assert state_names_of_link(["XX", "HB"], offered) is None  # nothing to translate: left for the notice
    assert state_names_of_link(["SH", "Bayern", "XX"], offered) == ["Schleswig-Holstein", "Bayern", "XX"]
    assert state_names_of_link(["HB", "NI"], offered) == ["HB", "Niedersachsen"]  # HB has no members here


def test_no_filter_offers_the_english_select_all(demo_url: str) -> None:
    """Issue 16, point 7: "Select all" / "Select 3 matches" exist only in English in Streamlit 1.67, so none is offered.

    An empty filter already means all. (Its "No results" cannot be set in 1.67: upstream
    https://github.com/streamlit/streamlit/issues/1353.)
    """
    app = first_run()
    for key in ("land", "art", "netzwerk", "veranstaltung"):
        assert app.multiselect(key=key).proto.select_all == 0, key
