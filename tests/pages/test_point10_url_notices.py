"""Issue 15, point 10: a link's value the dashboard ignores is named, and ``?folie=`` past the end opens the last slide.

Streamlit drops a value a URL-bound widget does not offer and takes it out of the URL on
that same run, so the notice belongs to the first run of a link: these tests open the
link as a browser does (``dashboard.py`` with the parameters) and read that run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import first_run, page_app, warnings_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_unknown_member_land_and_year_are_named_in_a_notice(demo_url: str) -> None:
    app = first_run(kommune="Atlantis", land=["SH", "XX"], von="abc")
    assert "„Atlantis“ ist keine Mitgliedskommune – der Filter wurde nicht angewandt." in warnings_of(app)
    assert any(text.startswith("„XX“ ist kein Bundesland") for text in warnings_of(app)), warnings_of(app)
    notices = warnings_of(app)
    assert any(text.startswith("„abc“ ist kein Jahr") and "„Von“" in text for text in notices), notices
    assert len(warnings_of(app)) == 3
    assert app.caption[0].value.startswith("Schleswig-Holstein · 1989–")  # the valid part still filters
    # Streamlit took the ignored values out of the address; the Land is written by name (issue 16, point 6)
    assert app.query_params == {"land": "Schleswig-Holstein"}
    app.run()  # the next run has nothing left to ignore
    assert warnings_of(app) == []


def test_a_valid_link_gives_no_notice(demo_url: str) -> None:
    app = first_run(kommune="Kiel", land="SH", von="2010", bis="2025", art="Stadt")
    assert warnings_of(app) == []
    assert app.selectbox(key="kommune").value == "Kiel"


def test_the_ignored_value_is_shown_as_text(demo_url: str) -> None:
    app = first_run(art="**fett** [Link](http://x)")
    [notice] = warnings_of(app)
    assert notice.startswith("„\\*\\*fett\\*\\* \\[Link\\](http\\://x)“ ist keine Art"), notice


def test_ignored_values_are_those_no_widget_offers() -> None:
    from ui.filters import ignored_url_values

    link = {"land": ["SH", "XX"], "von": ["1900"], "kommune": [""], "art": ["Stadt"]}
    allowed = {"land": {"SH"}, "von": {"2020"}, "art": {"Stadt"}, "kommune": {"Kiel"}}
    assert ignored_url_values(link, allowed) == [("land", "XX"), ("von", "1900")]


def test_slide_number_past_the_end_opens_the_last_slide(demo_url: str) -> None:
    app = page_app("praesentation", folie="11")
    assert not app.exception, app.exception
    assert app.number_input(key="folie").value == 10
    assert app.caption[-1].value.endswith("Folie 10 / 10")
    inside = page_app("praesentation", folie="4")
    assert inside.number_input(key="folie").value == 4
    chosen = page_app("praesentation", folie="9", folien=["Kennzahlen", "Mitgliederentwicklung"])
    slides = int(chosen.caption[-1].value.rsplit("/", 1)[1])
    assert slides < 9
    assert chosen.number_input(key="folie").value == slides  # past the chosen slides: the last of them


def test_slide_names_a_link_gets_wrong_are_named(demo_url: str) -> None:
    app = page_app("praesentation", folien=["Kennzahlen", "Quatsch"])
    assert not app.exception, app.exception
    notices = [info.value for info in app.info]
    assert any("„Quatsch“ ist keine Folie" in notice for notice in notices), notices
    assert not any("Kennzahlen“" in notice for notice in notices)  # the valid one is taken silently
    assert app.caption[-1].value.endswith("Folie 1 / 3")  # title, Kennzahlen, Quellen
