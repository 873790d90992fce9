"""No text from the database adds links, images or formatting: every page shows it escaped, exactly once.

DESIGN.md: every text from the database goes through one escaping helper (``ui.text.plain``)
before Markdown. The database of ``tests/markdown_payloads.py`` holds a Markdown payload
in every name and free text (imported through the real import). Every page is run with
AppTest, and every string Streamlit renders as Markdown (bodies of markdown, captions,
alerts, headings and toasts; labels and help of widgets, metrics, expanders, tabs and
popovers; options of button groups; labels and help in a table's column config) is
checked by :func:`payload_check`, which knows Markdown's rules, not ``plain``: each
payload must be there whole and inert, and nothing else of a payload may be left (a raw
one would render, a twice-escaped one would show its backslashes). And the page must
show each payload it names, so the test fails if escaping is dropped.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from data_access.accounts import authenticate
from data_access.engine import make_engine
from reports.deck import SLIDES
from tests.conftest import open_lazy_parts
from tests.markdown_payloads import MARKERS, PASSWORD, PAYLOADS, build_payload_database
from ui.auth import ACCOUNT_KEY
from ui.text import WORD_JOINER, plain

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN_FIELDS = frozenset({"body", "label", "help", "content"})
"""Proto fields Streamlit renders as Markdown (``content``: the options of pills and segmented controls).

Options of select boxes and multiselects are plain text in Streamlit 1.67 and are left
out, as are table cells and chart specs (text, never Markdown)."""
ACTIVE = frozenset("[]<>*_:&")
"""Characters of the payloads that Markdown or Streamlit act on: links, images, HTML, emphasis, directives, entities."""
AUTOLINK = re.compile(r"(?i)\b(?:https?://[-\w]*\.|www\.)|[-.\w+]@[-\w]+\.")
"""The starts of what GitHub-flavoured Markdown links by itself: web addresses with a domain, www., e-mail."""
INVISIBLE = frozenset("\u2060\u200b\u200c\u200d\ufeff")
"""Zero-width characters: not part of what a reader sees (``plain`` may use one to stop a link)."""
SLIDE_COUNT = len(SLIDES) + 2  # the title slide, the content slides, the sources slide

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture(scope="module")
def payload_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('markdown') / 'payloads.sqlite'}"
    build_payload_database(url)
    return url


@pytest.fixture
def payload_url(payload_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", payload_database)
    return payload_database


def _collect(value: Any, field: str | None, found: list[tuple[str, str]], element: str) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            if name == "columns" and isinstance(inner, str):  # a table's column config, as JSON
                _collect(json.loads(inner), None, found, element)
            else:
                _collect(inner, name, found, element)
    elif isinstance(value, list):
        for inner in value:
            _collect(inner, field, found, element)
    elif isinstance(value, str) and field in MARKDOWN_FIELDS:
        found.append((element, value))


def _walk(node: Any, found: list[tuple[str, str]]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        _collect(MessageToDict(proto, preserving_proto_field_name=True), None, found, node.type)
    for child in getattr(node, "children", {}).values():
        _walk(child, found)


def markdown_texts(app: AppTest) -> list[tuple[str, str]]:
    """(element type, text) of every string the run renders as Markdown: main area, sidebar, toasts."""
    found: list[tuple[str, str]] = []
    for block in (app.main, app.sidebar):
        _walk(block, found)
    for toast in app.toast:
        _walk(toast, found)
    return found


def _unescaped(text: str) -> tuple[str, list[bool]]:
    """``text`` as Markdown shows it after backslash escapes (CommonMark), and which characters were escaped."""
    shown: list[str] = []
    escaped: list[bool] = []
    position = 0
    while position < len(text):
        pair = text[position : position + 2]
        if len(pair) == 2 and pair[0] == "\\" and pair[1] in string.punctuation:
            shown.append(pair[1])
            escaped.append(True)
            position += 2
        else:
            shown.append(text[position])
            escaped.append(False)
            position += 1
    return "".join(shown), escaped


def payload_check(text: str) -> tuple[set[str], list[str]]:
    """The payload fields ``text`` (Markdown) shows literally and inert, and every problem found.

    Independent of ``ui.text.plain``: a payload counts as shown when the text, read with
    CommonMark's backslash escapes and without invisible characters, holds it whole, and
    as inert when each of its characters that Markdown or Streamlit act on (:data:`ACTIVE`)
    was escaped and no bare address in it would be linked by GitHub-flavoured Markdown
    (:data:`AUTOLINK`, which escapes do not stop). Outside whole payloads no fragment of
    one may remain (a payload escaped twice, or cut).
    """
    resolved, resolved_escaped = _unescaped(text)
    problems = [f"would be linked: {link!r}" for link in AUTOLINK.findall(resolved)]
    kept = [index for index, character in enumerate(resolved) if character not in INVISIBLE]
    shown = "".join(resolved[index] for index in kept)
    escaped = [resolved_escaped[index] for index in kept]
    rest = list(shown)
    fields: set[str] = set()
    for field, payload in PAYLOADS.items():
        start = shown.find(payload)
        while start != -1:
            end = start + len(payload)
            raw = "".join(shown[index] for index in range(start, end) if shown[index] in ACTIVE and not escaped[index])
            if raw:
                problems.append(f"{field}: unescaped {raw!r}")
            else:
                fields.add(field)
            rest[start:end] = " " * len(payload)
            start = shown.find(payload, end)
    left = "".join(rest)
    problems += [f"fragment {marker!r} outside a whole payload" for marker in MARKERS if marker in left]
    return fields, problems


def page_check(app: AppTest) -> tuple[set[str], list[tuple[str, str, list[str]]]]:
    """The payload fields the page's Markdown shows escaped, and each Markdown string with a problem."""
    shown: set[str] = set()
    problems: list[tuple[str, str, list[str]]] = []
    for element, text in markdown_texts(app):
        fields, found = payload_check(text)
        shown |= fields
        if found:
            problems.append((element, text, found))
    return shown, problems


def table_texts(app: AppTest) -> Iterator[str]:
    """Every cell of every table the run shows (tables show text, not Markdown)."""
    for table in app.dataframe:
        frame = table.value
        if isinstance(frame, pd.DataFrame):
            yield from (str(value) for value in frame.to_numpy().ravel())


def run_page(page: str, params: dict[str, str], log_in_to: str | None = None) -> AppTest:
    """Run ``page`` from ``dashboard.py`` (sidebar and all) with the URL ``params``; every lazy panel opened.

    ``log_in_to``: the database URL in which the payload account logs in first.
    """
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params.update(params)
    if log_in_to is not None:
        engine = make_engine(log_in_to)
        app.session_state[ACCOUNT_KEY] = authenticate(engine, PAYLOADS["account"], PASSWORD)
        engine.dispose()
    app.run()
    if page != "ueberblick":
        app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    open_lazy_parts(app, ("_panel", "_menu"))  # chart tables and image menus are built only while open
    return app


MEMBER, NETWORK = PAYLOADS["member"], PAYLOADS["network"]
CASES: list[tuple[str, dict[str, str], set[str], set[str]]] = [
    # page, URL, payloads the page's Markdown must show escaped, payloads its tables must show as they are
    ("ueberblick", {"netzwerk": NETWORK}, {"network"}, set()),
    ("ueberblick", {}, set(), set()),
    ("mitglieder", {"netzwerk": NETWORK}, {"network"}, {"member", "network", "contact"}),
    ("steckbrief", {"kommune": MEMBER}, {"member", "network", "contact"}, set()),
    ("veranstaltungen", {"kommune": MEMBER}, {"member"}, {"event"}),
    ("veranstaltungen", {}, set(), {"event", "member"}),
    ("selbsthilfe", {}, {"member"}, {"member", "topic"}),
    ("mindeststandards", {}, {"criterion"}, {"member"}),
    ("meldestand", {}, {"member"}, {"member", "contact"}),
    ("netzwerke", {}, {"network"}, {"member", "network"}),
    ("netzwerke", {"netzwerk": NETWORK}, {"network"}, {"member"}),
    *(
        ("praesentation", {"netzwerk": NETWORK, "folie": str(number)}, {"network"}, set())
        for number in range(1, SLIDE_COUNT + 1)
    ),
]


def _case_id(page: str, params: dict[str, str]) -> str:
    words = [key if value in PAYLOADS.values() else f"{key}{value}" for key, value in params.items()]
    return "-".join([page, *words])


@pytest.mark.parametrize(
    ("page", "params", "escaped", "literal"), CASES, ids=[_case_id(case[0], case[1]) for case in CASES]
)
def test_every_page_shows_database_text_escaped_exactly_once(
    payload_url: str, page: str, params: dict[str, str], escaped: set[str], literal: set[str]
) -> None:
    app = run_page(page, params)
    shown, problems = page_check(app)
    assert not problems, f"Markdown from the database on {page}: {problems}"
    assert escaped <= shown, f"{page} should show {escaped - shown} as text"
    cells = set(table_texts(app))
    assert {field for field in literal if PAYLOADS[field] not in cells} == set(), "tables show the text as it is"


@pytest.mark.parametrize(
    ("page", "escaped"),
    [("daten", {"member", "account"}), ("bearbeiten", {"member", "account"}), ("protokoll", {"account"})],
    ids=["daten", "bearbeiten", "protokoll"],
)
def test_the_data_pages_show_account_and_member_names_escaped(payload_url: str, page: str, escaped: set[str]) -> None:
    """The stewards' pages, logged in as the payload account (an editor limited to the payload member)."""
    app = run_page(page, {}, log_in_to=payload_url)
    shown, problems = page_check(app)
    assert not problems, f"Markdown from the database on {page}: {problems}"
    assert escaped <= shown, f"{page} should show {escaped - shown} as text"


def test_the_check_finds_raw_twice_escaped_and_cut_payloads() -> None:
    """The detector itself: only a payload escaped exactly once, whole and unlinkable, passes."""
    for field, payload in PAYLOADS.items():
        assert payload_check(f"Am Rand: **{plain(payload)}** steht es.") == ({field}, [])
        assert payload_check(payload)[1]
        assert payload_check(payload.replace("[", "\\[").replace("<", "\\<"))[1]  # partly escaped
        assert payload_check(plain(plain(payload)))[1]
        assert payload_check(plain(payload[:-12]))[1]
        if "http:" in payload or "@" in payload:
            assert payload_check(plain(payload).replace(WORD_JOINER, ""))[1]  # escaped, but linked


def test_plain_leaves_no_link_entity_or_line_structure() -> None:
    joiner = WORD_JOINER
    assert plain("Kontakt: info@kibis.de, www.kibis.de") == f"Kontakt\\: info@{joiner}kibis.de, www{joiner}.kibis.de"
    assert plain("https://kibis.de/x") == f"https{joiner}\\://kibis.de/x"
    assert plain("http://x") == "http\\://x"  # no domain with a dot: GFM links nothing, nothing added
    assert plain("Soziales &amp; Gesundheit") == "Soziales \\&amp; Gesundheit"
    assert plain("Kiel\n===\n- Liste") == "Kiel === - Liste"
    assert plain("    Kiel") == "Kiel"  # four spaces at the start would make a code block
