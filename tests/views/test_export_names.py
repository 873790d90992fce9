"""Download file names carry the selection, and chart images carry their title, filter sentence and Stand.

``Scope.file_part`` is the filter as a file-name part; ``ui.downloads.file_stem`` puts it
between the subject and the day. The images' caption is a Vega-Lite title rendered by
vl-convert, so it is checked in the SVG's texts (the PNG is drawn from the same spec).
"""

from __future__ import annotations

import datetime
import html
import io
import re

import pytest
from PIL import Image

from charts.figure import inline_spec
from domain.filter import DashboardFilter
from metrics.periods import kpi_periods
from reports.images import captioned_spec, spec_png, spec_svg
from ui.charts import chart_title
from ui.downloads import file_stem
from ui.filters import scope_for
from ui.views import overview_view
from views.scope import Scope

TODAY = datetime.date(2026, 11, 30)
FIRST, LAST = 1989, 2026


def scope_of(filter_: DashboardFilter) -> Scope:
    """A Scope over data from 1989 to 2026 (the part of the Scope a file name reads)."""
    return Scope(
        filter=filter_,
        first_year=FIRST,
        last_year=LAST,
        periods=kpi_periods(filter_, FIRST, LAST, TODAY),
        stand=None,
        is_demo=True,
        reported_self_help_year=None,
        reported_assessment_year=None,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("filter_", "part"),
    [
        (DashboardFilter(), ""),
        (DashboardFilter(states=("SH",), year_from=2015, year_to=2025), "SH_2015-2025"),
        (DashboardFilter(states=("Schleswig-Holstein",), year_from=2015), "SH_2015-2026"),  # open end: data's last
        (DashboardFilter(year_to=2000), "1989-2000"),
        (DashboardFilter(year_from=2020, year_to=2020), "2020"),
        (DashboardFilter(states=("SH", "NI"), member_types=("Stadt",)), "NI-SH_Stadt"),
        (DashboardFilter(event_types=("Gesundheitswoche", "Fachtag")), "Fachtag-Gesundheitswoche"),
        (DashboardFilter(states=("SH", "NI", "HH", "HB", "BE")), "5-Länder"),
        (DashboardFilter(member="Hansestadt Lübeck", year_from=2020), "Hansestadt-Lübeck_2020-2026"),
        (DashboardFilter(networks=("Nord", "Süd")), "Nord-Süd"),
    ],
)
def test_the_file_part_names_the_filter(filter_: DashboardFilter, part: str) -> None:
    assert scope_of(filter_).file_part == part


@pytest.mark.parametrize(
    "member", ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")', "Frankfurt/Main: Ost", "../../etc/passwd"]
)
def test_a_hostile_member_name_gives_a_safe_short_file_part(member: str) -> None:
    part = scope_of(DashboardFilter(member=member)).file_part
    assert re.fullmatch(r"[\w-]{1,30}", part), part
    assert not part.startswith("-")


def test_a_long_name_is_cut() -> None:
    part = scope_of(DashboardFilter(networks=("Regionalnetzwerk Gesunde Städte im Nordosten Deutschlands",))).file_part
    assert part == "Regionalnetzwerk-Gesunde-Städt"
    assert len(part) <= 30


def test_the_file_stem_carries_the_selection_between_subject_and_day() -> None:
    assert file_stem("Mitglieder", "SH_2015-2025", TODAY) == "GSN_Mitglieder_SH_2015-2025_2026-11-30"
    assert file_stem("Mitglieder", "", TODAY) == "GSN_Mitglieder_2026-11-30"
    assert file_stem("Mitglieder", "", TODAY) != file_stem("Mitglieder", "SH", TODAY)


def test_the_file_stem_does_not_repeat_what_the_subject_names() -> None:
    subject = "Steckbrief_Veranstaltungen_Hansestadt Lübeck"
    stem = file_stem(subject, "Hansestadt-Lübeck_2020-2026", TODAY)
    assert stem == "GSN_Steckbrief_Veranstaltungen_Hansestadt_Lübeck_2020-2026_2026-11-30"
    # Only whole words count: "BE" (Berlin) is not in "Berichte".
    assert file_stem("Berichte_2025", "BE", TODAY) == "GSN_Berichte_2025_BE_2026-11-30"


def svg_lines(svg: str) -> list[str]:
    """Every line of text an SVG draws (a wrapped subtitle is one ``tspan`` per line)."""
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>|<text[^>]*>([^<]*)</text>", svg)
    return [html.unescape(tspan or text) for tspan, text in lines if tspan or text]


@pytest.mark.usefixtures("fresh_caches")
def test_a_chart_image_carries_its_title_the_filter_sentence_and_the_stand(demo_url: str) -> None:
    scope = scope_for(DashboardFilter(states=("SH",), year_from=2015, year_to=2025), TODAY)
    chart = inline_spec(overview_view(scope).members_chart)
    lines = (scope.sentence, f"Stand: {scope.stand:%d.%m.%Y}")
    captioned = captioned_spec(chart, "Mitglieder je Jahr", lines)
    texts = svg_lines(spec_svg(captioned))
    assert ["Mitglieder je Jahr", "Schleswig-Holstein · 2015–2025", f"Stand: {scope.stand:%d.%m.%Y}"] == [
        line for line in texts if line in ("Mitglieder je Jahr", scope.sentence, lines[1])
    ]
    assert texts.index("Mitglieder je Jahr") < texts.index(scope.sentence) < texts.index(lines[1])
    with Image.open(io.BytesIO(spec_png(chart))) as plain, Image.open(io.BytesIO(spec_png(captioned))) as titled:
        assert titled.width == plain.width
        assert titled.height >= plain.height + 2 * (16 + 2 * 12)  # three more lines, at twice the CSS size
    assert "title" not in chart  # the screen's spec is left as it was


def test_a_long_filter_sentence_wraps_and_keeps_every_word() -> None:
    sentence = scope_of(DashboardFilter(states=("BW", "BY", "BE", "BB", "HB", "HH"), member_types=("Stadt",))).sentence
    spec = {"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "ordinal"}}}
    subtitle = captioned_spec(spec, "Titel", (sentence, "Stand: 30.11.2026"))["title"]["subtitle"]
    assert len(subtitle) >= 3
    assert all(len(line) <= 70 for line in subtitle)
    assert " ".join(subtitle[:-1]) == sentence
    assert subtitle[-1] == "Stand: 30.11.2026"


def test_the_image_title_is_the_charts_own_else_the_subjects_words() -> None:
    assert chart_title({"mark": "bar"}, "Mitglieder_je_Jahr") == "Mitglieder je Jahr"
    assert chart_title({"title": "Beitritte und Austritte"}, "Bewegung") == "Beitritte und Austritte"
    assert chart_title({"title": {"text": ["Sitze", "im Verlauf"]}}, "x") == "Sitze im Verlauf"
