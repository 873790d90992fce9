"""The German headers of the tables (``domain.headers``): English keys in, the headers people read out."""

from __future__ import annotations

import re

import pandas as pd

from domain.headers import (
    HEADERS,
    criterion_column,
    german_headers,
    header,
    is_criterion_column,
    submitted_column,
)
from metrics.standards import criterion_label


def test_german_headers_renames_known_keys_and_keeps_the_rest() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Kiel"],
            "standards_met": pd.array([9], dtype="Int64"),
            "report_status": ["aktuell"],
            criterion_column(3): ["erfüllt"],
            submitted_column(2025): [True],
            "latitude": [54.3],
            7: ["not a text"],
        }
    )
    shown = german_headers(frame)
    assert list(shown.columns) == [
        "Kommune", "Mindeststandards erfüllt", "Berichtsstatus", "Punkt 3", "Eingereicht 2025", "latitude", 7,
    ]  # fmt: skip
    assert shown.to_numpy().tolist() == frame.to_numpy().tolist()  # values and order as they were
    assert list(shown.dtypes) == list(frame.dtypes)
    assert list(frame.columns)[:2] == ["name", "standards_met"]  # the frame itself keeps its keys


def test_header_of_a_key_and_of_numbered_keys() -> None:
    assert header("join_year") == "Mitglied seit"
    assert header("joined") == "Beitritt"  # the report table names the same year differently: its own key
    assert (header("member_type"), header("event_type")) == ("Art", "Art")  # two keys may share a header
    assert header("criterion_12") == "Punkt 12" == criterion_label(12)
    assert header("submitted_2031") == "Eingereicht 2031"
    assert header("unknown_key") == "unknown_key"
    assert header("criterion_x") == "criterion_x"
    assert is_criterion_column("criterion_1")
    assert not is_criterion_column("criterion_number")
    assert not is_criterion_column("criterion")


def test_every_key_is_english_snake_case_and_every_header_german_text() -> None:
    snake_case = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
    assert all(key.isascii() and snake_case.fullmatch(key) for key in HEADERS)
    assert all(text and text.strip() == text for text in HEADERS.values())
    assert not set(HEADERS) & set(HEADERS.values())  # no header is also a key: renaming twice changes nothing
    frame = pd.DataFrame(columns=list(HEADERS))
    assert list(german_headers(german_headers(frame)).columns) == list(HEADERS.values())


def test_shares_read_as_whole_percent_by_the_one_rounding_rule() -> None:
    # 62 of 81 is 76.54 % (77 everywhere); 0.125 is exactly 12.5 % (13, half away from zero,
    # as the charts' ".0%" rounds); 0.7645 must not be rounded twice (0.765 → 77): it is 76.
    frame = pd.DataFrame({"criterion_title": ["a", "b", "c", "d"], "share_met": [62 / 81, 0.125, 0.7645, None]})
    shown = german_headers(frame)
    assert list(shown.columns) == ["Mindeststandard", "Anteil erfüllt in %"]
    assert shown["Anteil erfüllt in %"].tolist()[:3] == [77, 13, 76]
    assert pd.isna(shown["Anteil erfüllt in %"].iloc[3])  # a gap stays a gap, never 0 or "nan"
    assert frame["share_met"].iloc[0] == 62 / 81  # the frame (and its chart) keeps the fraction
