"""Issue 16, point 10: the README promises the figures under every chart ("Daten zum Diagramm");
every page the README lists keeps that promise, the Überblick and Mitglieder included.

The pages are read from the README's own table (Seite | Pfad | Inhalt), so a page added
there is checked too. Point 9's page parts are checked here as well: the joins and leaves
chart has a title and says in words when there were none; an unchanged council history is a
sentence.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, open_lazy_parts, page_app

PROMISE = "Unter jedem Diagramm stehen die Zahlen dahinter („Daten zum Diagramm“)"
PANEL = "Daten zum Diagramm"
SLIDES = "/praesentation"
"""The Präsentation shows one chart per slide for the projector; its figures go with the PDF and PowerPoint."""


def readme_pages() -> list[tuple[str, str]]:
    """(Seite, Pfad) of every row of the README's page table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert PROMISE in readme
    section = readme[readme.index("## Seiten und Links") :]
    section = section[: section.index("\n## ")]  # only the page table, not other tables with paths
    rows = re.findall(r"^\| ([^|]+?) \| `([^`]+)` \|", section, flags=re.MULTILINE)
    assert len(rows) >= 8
    return rows


def page_file(path: str) -> tuple[str, dict[str, str]]:
    """The app_pages script of a README path and the URL parameters to open it with."""
    route = path.partition("?")[0]
    name = route.strip("/") or "ueberblick"
    params = {"kommune": "Kiel"} if name == "steckbrief" else {}
    assert (ROOT / "app_pages" / f"{name}.py").exists(), path
    return name, params


WITHOUT_CHARTS = {"Meldestand"}
"""README pages that are tables and text only (the Meldestand's matrix is a table)."""


@pytest.mark.parametrize(("title", "path"), [row for row in readme_pages() if not row[1].startswith(SLIDES)])
def test_every_chart_of_every_readme_page_has_its_figures_below(title: str, path: str, demo_url: str) -> None:
    name, params = page_file(path)
    app = page_app(name, **params)
    open_lazy_parts(app)
    charts = app.get("vega_lite_chart")
    panels = [expander for expander in app.expander if expander.label == PANEL]
    if title in WITHOUT_CHARTS:
        assert not charts, f"{title}: a chart appeared; then it needs „{PANEL}“ and this list no entry"
        return
    assert charts, f"{title}: no chart"
    assert len(panels) == len(charts), f"{title}: {len(charts)} charts, {len(panels)} „{PANEL}“"
    for panel in panels:  # open, each shows its table and its downloads
        assert panel.get("dataframe"), title
        assert len(panel.get("download_button")) >= 2, title


def texts(app) -> list[str]:
    return [element.value for element in [*app.markdown, *app.caption]]


def test_joins_and_leaves_have_a_title_and_say_so_when_there_were_none(demo_url: str) -> None:
    app = page_app("ueberblick", land="SH")
    assert "**Beitritte und Austritte je Jahr**" in texts(app)
    assert "In den gezeigten Jahren gab es keine Bei- oder Austritte." not in texts(app)
    assert len(app.get("vega_lite_chart")) == 4  # members, joins and leaves, two maps
    quiet = page_app("ueberblick", land="SH", von="2010", bis="2020")  # the demo's SH members joined by 2004
    assert "In den gezeigten Jahren gab es keine Bei- oder Austritte." in texts(quiet)
    assert len(quiet.get("vega_lite_chart")) == 3


def test_an_unchanged_council_history_is_a_sentence_not_a_chart(demo_url: str) -> None:
    app = page_app("netzwerke")
    notes = [text for text in texts(app) if text.startswith("In allen ") and "unverändert" in text]
    assert notes, texts(app)
    assert not any(expander.label == PANEL and "seat_history" in str(expander.key) for expander in app.expander)
