"""Fixed vocabularies of the domain: Länder, member types, event types and their German forms.

These lists are the contract shared by the import templates, the filter object and the
UI. They are plain Python (no SQLAlchemy) so every layer may read them. The nine
Mindeststandard criteria are deliberately *not* here: they are editable data in the
database, seeded with working titles by the first migration.
"""

from __future__ import annotations

import unicodedata

FOUNDING_YEAR = 1989
"""The network was founded in June 1989; no membership, event or count predates it."""

STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
"""Official two-letter codes of the 16 Länder mapped to their German names."""

STATE_CENTRES: dict[str, tuple[float, float]] = {
    "BW": (48.66, 9.35),
    "BY": (48.79, 11.50),
    "BE": (52.52, 13.40),
    "BB": (52.41, 12.53),
    "HB": (53.08, 8.80),
    "HH": (53.55, 10.00),
    "HE": (50.65, 9.16),
    "MV": (53.61, 12.43),
    "NI": (52.64, 9.85),
    "NW": (51.43, 7.66),
    "RP": (50.12, 7.31),
    "SL": (49.40, 6.95),
    "SN": (51.10, 13.20),
    "ST": (51.95, 11.69),
    "SH": (54.22, 9.70),
    "TH": (50.98, 11.03),
}
"""Rough centres (latitude, longitude) of the Länder: map labels and generated benchmark members."""

MEMBER_TYPES: tuple[str, ...] = ("Stadt", "Landkreis", "Region", "Gemeinde", "Bezirk")
MEMBER_TYPE_PLURALS: dict[str, str] = {
    "Stadt": "Städte",
    "Landkreis": "Landkreise",
    "Region": "Regionen",
    "Gemeinde": "Gemeinden",
    "Bezirk": "Bezirke",
}
MEMBER_TYPE_ALIASES: dict[str, str] = {"Kreis": "Landkreis", "Berliner Bezirk": "Bezirk"}
"""Words data stewards use for the same type (Schleswig-Holstein says "Kreis")."""

EVENT_TYPES: tuple[str, ...] = (
    "Gesundheitswoche",
    "Gesundheitskonferenz",
    "Gesundheitsplenum",
    "Selbsthilfetag",
    "Fachtag",
    "Aktionstag",
    "Mitgliederversammlung",
    "Symposium",
    "Regionalnetzwerktreffen",
    "Sonstiges",
)
EVENT_TYPE_PLURALS: dict[str, str] = {
    "Gesundheitswoche": "Gesundheitswochen",
    "Gesundheitskonferenz": "Gesundheitskonferenzen",
    "Gesundheitsplenum": "Gesundheitsplenen",
    "Selbsthilfetag": "Selbsthilfetage",
    "Fachtag": "Fachtage",
    "Aktionstag": "Aktionstage",
    "Mitgliederversammlung": "Mitgliederversammlungen",
    "Symposium": "Symposien",
    "Regionalnetzwerktreffen": "Regionalnetzwerktreffen",
    "Sonstiges": "sonstige Veranstaltungen",
}
EVENT_FORMATS: tuple[str, ...] = ("Präsenz", "Online", "Hybrid")

ASSESSMENT_STATUSES: tuple[str, ...] = ("erfüllt", "teilweise", "nicht erfüllt")
COUNCIL_SIDES: tuple[str, ...] = ("Kommune", "Selbsthilfe")

SELF_HELP_TOPICS: tuple[str, ...] = (
    "Chronische Erkrankungen und Behinderungen",
    "Psychische Erkrankungen und psychosoziale Themen",
    "Sucht",
    "Familie und Lebenskrisen",
    "Soziale Themen",
    "Eltern und Kind",
    "Umwelt",
)
"""Topic areas as NAKOS and the contact points use them (demo data and suggestions)."""

REPORT_INTERVAL_YEARS = 4
"""Members report every four years (published self-commitment)."""


def fold(text: str) -> str:
    """Return a comparison key: lower case, umlauts spelled out, no accents or spaces.

    Data stewards write "Thüringen", "Thueringen" and "thüringen " for the same thing;
    every lookup of a controlled word goes through this one function.
    """
    lowered = text.strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    decomposed = unicodedata.normalize("NFKD", lowered)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in without_accents if char.isalnum())


def _lookup(values: dict[str, str]) -> dict[str, str]:
    return {fold(key): value for key, value in values.items()}


_STATE_LOOKUP = _lookup({**{code: code for code in STATES}, **{name: code for code, name in STATES.items()}})
_MEMBER_TYPE_LOOKUP = _lookup({**{name: name for name in MEMBER_TYPES}, **MEMBER_TYPE_ALIASES})
_EVENT_TYPE_LOOKUP = _lookup({name: name for name in EVENT_TYPES})
_FORMAT_LOOKUP = _lookup({name: name for name in EVENT_FORMATS})
_STATUS_LOOKUP = _lookup({name: name for name in ASSESSMENT_STATUSES})
_SIDE_LOOKUP = _lookup({name: name for name in COUNCIL_SIDES})


def state_code(text: str) -> str | None:
    """Return the two-letter code for a Land given by code or name, or None if unknown."""
    return _STATE_LOOKUP.get(fold(text))


def member_type(text: str) -> str | None:
    """Return the canonical member type for a word (aliases allowed), or None."""
    return _MEMBER_TYPE_LOOKUP.get(fold(text))


def event_type(text: str) -> str | None:
    """Return the canonical event type, or None."""
    return _EVENT_TYPE_LOOKUP.get(fold(text))


def event_format(text: str) -> str | None:
    """Return the canonical event format (Präsenz, Online, Hybrid), or None."""
    return _FORMAT_LOOKUP.get(fold(text))


def assessment_status(text: str) -> str | None:
    """Return the canonical Mindeststandard status, or None."""
    return _STATUS_LOOKUP.get(fold(text))


def council_side(text: str) -> str | None:
    """Return the canonical side of a Sprecher*innenrat seat (Kommune, Selbsthilfe), or None."""
    return _SIDE_LOOKUP.get(fold(text))


_GERMAN_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def german_sort_key(text: str) -> tuple[str, str]:
    """Sort key for German lists (DIN 5007-1): Ä sorts with A, ß as ss, case ignored.

    The original text breaks ties so the order is total and stable. Plain ASCII after
    replacing the German letters takes the fast path: a Unicode decomposition of every
    name made sorting the member list noticeably slower (measured once, not re-measured
    by a bench).
    """
    base = text.strip().lower().translate(_GERMAN_LETTERS)
    if not base.isascii():
        decomposed = unicodedata.normalize("NFKD", base)
        base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base, text
