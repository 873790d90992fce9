"""The import templates: one per kind of data, German column names, the interface to data stewards.

DESIGN.md "Import templates" is the source of truth; this module is its executable form.
The upload screen, the command line, the downloadable templates and the exports all read
these definitions, so a column is described once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from data_access.importing import values
from domain.vocabulary import (
    ASSESSMENT_STATUSES,
    COUNCIL_SIDES,
    EVENT_FORMATS,
    EVENT_TYPES,
    MEMBER_TYPES,
    STATES,
    assessment_status,
    council_side,
    event_format,
    event_type,
    member_type,
    state_code,
)

# Count columns have upper bounds far below PostgreSQL's 32-bit Integer, so a typing error is
# refused with a German sentence on both databases alike: the largest German city has 3.9
# million inhabitants (einwohner ≤ 5.000.000); the network's largest events count thousands
# of visitors and a few hundred sessions or stands (teilnehmende ≤ 100.000, angebote and
# partner ≤ 10.000); a contact point has hundreds of groups (gruppen ≤ 10.000).

MEMBER_REFERENCE = "member"
"""Marker parser: the column names a member, resolved against the database."""


@dataclass(frozen=True)
class Column:
    """A template column: German name, database field, whether required, parser, one-line help."""

    name: str
    field: str
    required: bool
    parse: Callable[[Any], Any] | str
    description: str
    choices: tuple[str, ...] = ()
    """The allowed values as stored, when the column is a choice (offered as a list in the editor)."""

    @property
    def is_date(self) -> bool:
        """True for a date column (shown and edited as TT.MM.JJJJ)."""
        return self.parse in (values.date, values.term_date)


@dataclass(frozen=True)
class Template:
    """An import template: its kind (the CLI word), the columns and the natural key."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        return next(column for column in self.columns if column.name == name)

    def key_of(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """The natural key of a row given by field values."""
        return tuple(values[self.column(name).field] for name in self.natural_key)

    @property
    def per_member(self) -> bool:
        """True when rows name a member (the Kommune itself or a ``kommune`` column); False for network-wide data."""
        return self.kind == "mitglieder" or any(column.parse == MEMBER_REFERENCE for column in self.columns)


def side_column(description: str) -> Column:
    """The ``seite`` column (Kommune or Selbsthilfe) of council seats and MV attendance."""
    return Column(
        "seite",
        "side",
        True,
        values.choice(council_side, f"Unbekannte Seite. Erlaubt sind: {', '.join(COUNCIL_SIDES)}."),
        description,
        COUNCIL_SIDES,
    )


MEMBERS = Template(
    kind="mitglieder",
    title="Mitglieder",
    natural_key=("kommune",),
    columns=(
        Column("kommune", "name", True, values.text(200), "Name der Mitgliedskommune, eindeutig"),
        Column(
            "art",
            "member_type",
            True,
            values.choice(member_type, f"Unbekannte Art. Erlaubt sind: {', '.join(MEMBER_TYPES)}."),
            "Stadt, Landkreis, Region, Gemeinde oder Bezirk",
            MEMBER_TYPES,
        ),
        Column(
            "bundesland",
            "state_code",
            True,
            values.choice(
                state_code,
                "Unbekanntes Bundesland. Erlaubt sind die 16 Ländernamen oder Kürzel wie NI, SH, BY.",
            ),
            "Name oder Kürzel des Bundeslandes, z. B. Niedersachsen oder NI",
            tuple(STATES),
        ),
        Column("beitritt", "join_year", True, values.year, "Jahr des Beitritts"),
        Column("austritt", "leave_year", False, values.year, "Letztes Mitgliedsjahr, leer solange Mitglied"),
        Column("einwohner", "population", False, values.integer(1, 5_000_000), "Einwohnerzahl"),
        Column("regionalnetzwerk", "network", False, values.text(100), "Name des Regionalnetzwerks, z. B. Nord"),
        Column("kontaktstelle", "contact_point", False, values.text(200), "Selbsthilfekontaktstelle, z. B. KIBIS"),
        Column(
            "breitengrad",
            "latitude",
            False,
            values.decimal(47.0, 55.2, "in Deutschland (Breitengrad 47 bis 55,2)"),
            "Breitengrad des Verwaltungssitzes, z. B. 52,37",
        ),
        Column(
            "laengengrad",
            "longitude",
            False,
            values.decimal(5.8, 15.1, "in Deutschland (Längengrad 5,8 bis 15,1)"),
            "Längengrad des Verwaltungssitzes, z. B. 9,73",
        ),
    ),
)

EVENTS = Template(
    kind="veranstaltungen",
    title="Veranstaltungen",
    natural_key=("kommune", "art", "beginn", "titel"),
    columns=(
        Column("kommune", "member", False, MEMBER_REFERENCE, "Veranstaltende Kommune; leer = netzwerkweit"),
        Column(
            "art",
            "event_type",
            True,
            values.choice(event_type, f"Unbekannte Veranstaltungsart. Erlaubt sind: {', '.join(EVENT_TYPES)}."),
            "Gesundheitswoche, Gesundheitskonferenz, …, Sonstiges",
            EVENT_TYPES,
        ),
        Column("titel", "title", True, values.text(300), "Titel der Veranstaltung"),
        Column("beginn", "start_date", True, values.date, "Erster Tag, TT.MM.JJJJ"),
        Column("ende", "end_date", False, values.date, "Letzter Tag, leer bei eintägigen Veranstaltungen"),
        Column("teilnehmende", "participants", False, values.integer(0, 100_000), "Teilnehmende oder Besucher*innen"),
        Column("angebote", "sessions", False, values.integer(0, 10_000), "Zahl der Angebote/Programmpunkte"),
        Column("partner", "partners", False, values.integer(0, 10_000), "Mitveranstaltende, Partner oder Stände"),
        Column(
            "format",
            "event_format",
            False,
            values.choice(event_format, f"Unbekanntes Format. Erlaubt sind: {', '.join(EVENT_FORMATS)}."),
            "Präsenz, Online oder Hybrid",
            EVENT_FORMATS,
        ),
    ),
)

SELF_HELP = Template(
    kind="selbsthilfe",
    title="Selbsthilfe",
    natural_key=("kommune", "jahr", "themenbereich"),
    columns=(
        Column("kommune", "member", True, MEMBER_REFERENCE, "Mitgliedskommune"),
        Column("jahr", "year", True, values.year, "Berichtsjahr"),
        Column("themenbereich", "topic", True, values.text(200), "Themenbereich, z. B. Sucht"),
        Column("gruppen", "groups", True, values.integer(0, 10_000), "Zahl der Selbsthilfegruppen"),
        Column("neue_gruppen", "new_groups", False, values.integer(0, 10_000), "Davon im Jahr neu gegründet"),
    ),
)

STANDARDS = Template(
    kind="mindeststandards",
    title="Mindeststandards",
    natural_key=("kommune", "jahr", "punkt"),
    columns=(
        Column("kommune", "member", True, MEMBER_REFERENCE, "Mitgliedskommune"),
        Column("jahr", "year", True, values.year, "Jahr der Selbsteinschätzung"),
        Column("punkt", "criterion_number", True, values.integer(1, 9), "Nummer des Punktes, 1 bis 9"),
        Column(
            "status",
            "status",
            True,
            values.choice(assessment_status, f"Unbekannter Status. Erlaubt sind: {', '.join(ASSESSMENT_STATUSES)}."),
            "erfüllt, teilweise oder nicht erfüllt",
            ASSESSMENT_STATUSES,
        ),
    ),
)

CRITERIA = Template(
    kind="kriterien",
    title="Kriterien",
    natural_key=("punkt",),
    columns=(
        Column("punkt", "number", True, values.integer(1, 9), "Nummer des Mindeststandards, 1 bis 9"),
        Column("titel", "title", True, values.text(300), "Kurztitel, wie er in Tabellen und Berichten erscheint"),
    ),
)
"""The nine Mindeststandards are data (DESIGN.md): their titles are kept like any other rows."""

COUNCIL_SEATS = Template(
    kind="sprecherrat",
    title="Sprecher*innenrat",
    natural_key=("kommune", "seite", "beginn"),
    columns=(
        Column("kommune", "member", True, MEMBER_REFERENCE, "Mitgliedskommune, die den Sitz hält"),
        side_column("Kommune oder Selbsthilfe"),
        Column("beginn", "term_start", True, values.date, "Erster Tag der Amtszeit, TT.MM.JJJJ"),
        Column("ende", "term_end", False, values.term_date, "Letzter Tag der Amtszeit, leer solange offen"),
    ),
)

REPORTS = Template(
    kind="berichte",
    title="Vierjahresberichte",
    natural_key=("kommune", "jahr"),
    columns=(
        Column("kommune", "member", True, MEMBER_REFERENCE, "Mitgliedskommune"),
        Column("jahr", "year", True, values.year, "Jahr, für das der Bericht gilt"),
        Column("eingang", "submitted_on", False, values.date, "Eingang bei der Geschäftsstelle, TT.MM.JJJJ"),
    ),
)

MEETING_TYPE = "Mitgliederversammlung"
"""The event type whose attendance is recorded (``teilnahme``): network-wide events of this type only."""

ATTENDANCE = Template(
    kind="teilnahme",
    title="MV-Teilnahme",
    natural_key=("kommune", "seite", "versammlung"),
    columns=(
        Column("kommune", "member", True, MEMBER_REFERENCE, "Mitgliedskommune, die vertreten war"),
        side_column("Kommune oder Selbsthilfe: wer das Mitglied vertreten hat"),
        Column(
            "versammlung",
            "meeting_date",
            True,
            values.date,
            "Erster Tag der netzwerkweiten Mitgliederversammlung, TT.MM.JJJJ; sie muss als Veranstaltung erfasst sein",
        ),
    ),
)
"""Who attended the Mitgliederversammlungen: a row per member, side and meeting (``EventAttendance``).
The meeting is named by its date, as the Geschäftsstelle's attendance lists do."""

TEMPLATES: dict[str, Template] = {
    template.kind: template
    for template in (MEMBERS, EVENTS, SELF_HELP, STANDARDS, CRITERIA, COUNCIL_SEATS, REPORTS, ATTENDANCE)
}
"""The import kinds by their command-line word (DESIGN.md names the first four; the last four
are the rest of the data model, so that everything stewards keep has one way in and out)."""
