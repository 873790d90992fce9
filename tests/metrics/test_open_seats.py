"""Council seats on a day when every term is still open (no end date anywhere in the selection).

With pandas 3 an all-missing end column stayed datetime64 after ``.dt.date`` and comparing
it with a date raised a TypeError: the Netzwerke page and the deck broke for any selection
whose seats were all current (found with the Markdown payload database, one member's seat).
"""

from __future__ import annotations

import datetime

import pandas as pd

from metrics import networks

OPEN_SEATS = pd.DataFrame(
    {
        "name": ["Kiel", "Herne"],
        "state_code": ["SH", "NW"],
        "member_type": ["Stadt", "Stadt"],
        "side": ["Kommune", "Selbsthilfe"],
        "term_start": [datetime.date(2023, 1, 1), datetime.date(2025, 7, 1)],
        "term_end": [None, None],
    }
)


def test_open_terms_count_from_their_first_day_on() -> None:
    assert networks.seats_on(OPEN_SEATS, datetime.date(2024, 12, 31))["name"].tolist() == ["Kiel"]
    assert networks.seats_on(OPEN_SEATS, datetime.date(2025, 7, 1))["name"].tolist() == ["Kiel", "Herne"]
    assert networks.seats_on(OPEN_SEATS, datetime.date(2022, 12, 31)).empty


def test_no_seats_at_all_is_an_empty_table() -> None:
    assert networks.seats_on(OPEN_SEATS.iloc[0:0], datetime.date(2024, 1, 1)).empty
