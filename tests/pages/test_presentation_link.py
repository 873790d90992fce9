"""The Präsentation link the README shows opens the slides it names, on the slide it names."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import page_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_the_readme_link_opens_its_chosen_slides(demo_url: str) -> None:
    link = re.search(r"`(/praesentation\?[^`]+)`", (ROOT / "README.md").read_text(encoding="utf-8")).group(1)
    params = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
    chosen = params["folien"]
    app = page_app("praesentation", folie=params["folie"][0], folien=chosen)
    assert not app.exception, app.exception
    footer = app.main.caption[-1].value
    # Title slide, the chosen ones, sources: a dropped choice would show all ten.
    assert footer.endswith(f"Folie {params['folie'][0]} / {len(chosen) + 2}"), footer
