"""German column headers: frames carry English keys, the edge (screen and downloads) shows these headers.

Every column of a table that is shown or downloaded has one English ``snake_case`` key in
``metrics/`` and ``views/`` and one German header here; code reads columns by key, never by
header. Where two tables read differently for the same kind of value, they use two keys
(``join_year`` "Mitglied seit" in the member table, ``joined`` "Beitritt" in the report
table), so a header never depends on the table it appears in. Two keys may share a
header ("Art" for ``member_type`` and ``event_type``).
"""

from __future__ import annotations

import re

import pandas as pd

from domain.formatting import rounded_percent

HEADERS: dict[str, str] = {
    # Members
    "name": "Kommune",
    "member_type": "Art",
    "state": "Land",
    "join_year": "Mitglied seit",
    "leave_year": "Austritt",
    "population": "Einwohner",
    "regional_network": "Regionalnetzwerk",
    "contact_point": "Kontaktstelle",
    "standards_met": "Mindeststandards erfüllt",
    "last_report_year": "Letzter Bericht",
    "report_due_year": "Bericht fällig",
    "report_status": "Berichtsstatus",
    "joins": "Beitritte",
    "leaves": "Austritte",
    # Events
    "year": "Jahr",
    "start_date": "Beginn",
    "end_date": "Ende",
    "event_type": "Art",
    "title": "Titel",
    "participants": "Teilnehmende",
    "sessions": "Angebote",
    "partners": "Partner",
    "event_format": "Format",
    "events": "Veranstaltungen",
    "editions": "Gesundheitswochen",
    "sessions_per_edition": "Angebote je Woche",
    "partners_per_edition": "Partner je Woche",
    # Mitgliederversammlungen
    "meeting_date": "Datum",
    "meeting": "Versammlung",
    "represented": "Vertretene Mitglieder",
    "members": "Mitglieder",
    "share": "Anteil in %",
    "municipal": "Kommune",
    "self_help": "Selbsthilfe",
    "both_sides": "Beide Seiten",
    # Selbsthilfe
    "rank": "Rang",
    "groups": "Gruppen",
    "new_groups": "neue Gruppen",
    "reporting_members": "meldende Mitglieder",
    "rate": "Gruppen je 100.000 EW",
    "topic": "Themenbereich",
    "series": "Reihe",
    # Mindeststandards and four-year reports
    "criteria_met": "Erfüllt",
    "criterion": "Punkt",
    "criterion_number": "Punkt",
    "criterion_title": "Mindeststandard",
    "share_met": "Anteil erfüllt in %",
    "assessed": "Selbsteinschätzungen",
    "status": "Status",
    "joined": "Beitritt",
    "due_year": "Fällig",
    # Meldestand
    "gaps": "Lücken",
    "kind": "Meldung",
    "arrived": "eingegangen",
    "missing": "Fehlt",
    "missing_since": "Fehlt seit",
    # Regional networks and the Sprecher*innenrat
    "network": "Netzwerk",
    "states": "Länder",
    "side": "Seite",
    "term_start": "Amtszeit ab",
    "term_end": "Amtszeit bis",
    "term": "Amtszeit ab",
    "seats": "Sitze",
    # Audit log
    "occurred_at": "Zeitpunkt",
    "actor": "Wer",
    "action": "Aktion",
    "area": "Bereich",
    "natural_key": "Schlüssel",
    "change": "Änderung",
    "source": "Quelle",
}
"""English column key → German header, for every column with a fixed header."""

_NUMBERED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"criterion_(\d+)"), "Punkt {}"),
    (re.compile(r"submitted_(\d+)"), "Eingereicht {}"),
    (re.compile(r"reported_(\d+)"), "{}"),
)
"""Keys with a number in them: a criterion of the matrix, the reports submitted in a year, a Meldestand year."""


def criterion_column(number: int) -> str:
    """The key of criterion ``number``'s column in the matrix ("criterion_3", shown as "Punkt 3")."""
    return f"criterion_{number}"


def is_criterion_column(key: object) -> bool:
    """Whether ``key`` is a criterion column of the matrix (:func:`criterion_column`)."""
    return isinstance(key, str) and _NUMBERED[0][0].fullmatch(key) is not None


def submitted_column(year: int) -> str:
    """The key of the column "reports submitted in ``year``" ("submitted_2025", shown as "Eingereicht 2025")."""
    return f"submitted_{year}"


def reported_column(year: int) -> str:
    """The key of ``year``'s column in the Meldestand matrix ("reported_2025", shown as "2025")."""
    return f"reported_{year}"


def header(key: str) -> str:
    """The German header of column ``key``; a key without one is returned unchanged."""
    if key in HEADERS:
        return HEADERS[key]
    for pattern, text in _NUMBERED:
        match = pattern.fullmatch(key)
        if match:
            return text.format(match.group(1))
    return key


SHARE_KEYS: frozenset[str] = frozenset({"share", "share_met"})
"""Columns that hold a share (0–1) in the frames; people read them as whole percent ("Anteil in %")."""


def _whole_percent(share: object) -> int | None:
    """A share as whole percent by the one rounding rule (``rounded_percent``); a gap stays a gap."""
    return None if share is None or pd.isna(share) else int(rounded_percent(float(share)))


def german_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as people read it: German headers, and shares as whole percent (0.7654 → 77).

    Frames keep shares as fractions, since charts format them (``".0%"``); a table on
    screen or in a download shows the same figure the chart label and the sentence say,
    rounded by the same rule, under a header that names the unit. Other columns stay as they are.
    """
    shares = [key for key in frame.columns if key in SHARE_KEYS]
    if shares:
        frame = frame.assign(**{key: frame[key].map(_whole_percent).astype("Int64") for key in shares})
    return frame.rename(columns=lambda key: header(key) if isinstance(key, str) else key)
