"""Issue 15, point 7 (the Steckbrief's part): a former member says "ausgetreten <Jahr>" at the top."""

from __future__ import annotations

import pytest

from tests.conftest import page_app

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_former_members_steckbrief_says_ausgetreten_under_its_name(demo_url: str) -> None:
    app = page_app("steckbrief", kommune="Rosenheim")  # demo: member 2007–2019
    assert not app.exception, app.exception
    assert app.header[0].value == "Rosenheim"
    markdown = [element.value for element in app.markdown]
    badge = next(text for text in markdown if "ausgetreten 2019" in text)
    assert "badge" in badge
    opening = app.info[0].value
    assert opening.startswith("Rosenheim (Stadt, Bayern) ist kein Mitglied mehr")
    assert "ausgetreten 2019" in opening


def test_current_members_steckbrief_has_no_such_badge(demo_url: str) -> None:
    app = page_app("steckbrief", kommune="Herne")
    assert not app.exception, app.exception
    assert not [element.value for element in app.markdown if "ausgetreten" in element.value]
    assert "ist seit 1990 Mitglied" in app.info[0].value
