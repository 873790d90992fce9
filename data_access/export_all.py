"""``export alle``: every kind of data in one XLSX workbook, the association's archive and its way out.

One sheet per kind, in the order a steward imports them (:data:`EXPORT_ORDER`), each
written exactly like ``export KIND --format xlsx``: the same sheet name (the template's
title as Excel allows it), the column names in row 1, the same text, number and date
cells (``exporting.XlsxTables``). So ``import KIND GSN_Gesamtexport.xlsx`` reads the sheet
of that kind (``xlsx_reader``) and export → import → export gives the same cells.

Where the "Stand" goes: not above a sheet's header (the importer takes the first row with
a value as the header, so a title row would break importing the sheet). Instead

- a last sheet "Info": the Stand as the pages show it, the moments of the last change and
  of the export, and per sheet its rows and the command that imports it again. Last, so
  that the first sheet is the members: a program that reads only a workbook's first sheet
  (or an import of a kind whose sheet a user deleted) reads members, never the Info;
- the workbook's document properties (title, subject "Stand: …", custom property "Stand");
- every data sheet's print header, which shows on paper and is no cell.

All sheets are read in one snapshot (:func:`snapshot_connection`), so the workbook is one
consistent state, whatever other writers do meanwhile.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from data_access.engine import read_connection
from data_access.exporting import XlsxTables, export_rows
from data_access.importing.readers import MAX_ROWS
from data_access.importing.templates import TEMPLATES
from data_access.importing.xlsx_reader import worksheet_name
from data_access.queries.dataset import dataset_facts
from domain.formatting import format_date, format_number

EXPORT_ORDER: tuple[str, ...] = tuple(TEMPLATES)
"""The import order: members first (every other row names a member), then Veranstaltungen,
Selbsthilfe, Mindeststandards, Kriterien, Sprecher*innenrat, Vierjahresberichte, and
MV-Teilnahme last (it names a meeting that must already be a Veranstaltung)."""
INFO_SHEET = "Info"
DEFAULT_FILE_NAME = "GSN_Gesamtexport.xlsx"
EXCEL_MAX_ROWS = 1_048_576
"""Rows of an Excel worksheet, the header included: xlsxwriter silently drops what lies beyond."""
_MOMENT_FORMAT = "dd.mm.yyyy hh:mm:ss"


class ExportTooLargeError(ValueError):
    """A kind has more rows than an Excel sheet holds; the message is German and names the way out (CSV)."""


@dataclass(frozen=True)
class WorkbookExport:
    """The workbook's bytes and what it holds: rows per kind (in sheet order), the Stand, the demo flag."""

    content: bytes
    rows: dict[str, int]
    stand: datetime.datetime | None
    is_demo: bool

    @property
    def stand_text(self) -> str:
        """ "Stand: 30.11.2026" as every page says it ("noch keine Daten" for a new database), flagged if demo."""
        stand = format_date(self.stand) if self.stand is not None else "noch keine Daten"
        return f"Stand: {stand}" + (" · Beispieldaten" if self.is_demo else "")

    def summary(self, target: str) -> str:
        """The German success message of the command line, with a warning per sheet too long to import at once."""
        counts = ", ".join(f"{kind} {format_number(count)}" for kind, count in self.rows.items())
        message = (
            f"Alle Daten nach {target} exportiert, {self.stand_text}. Je Art ein Blatt mit so vielen Zeilen: "
            f"{counts}; wie man sie wieder einliest, steht im Blatt „{INFO_SHEET}“."
        )
        for kind, count in self.rows.items():
            if count > MAX_ROWS:
                sheet = worksheet_name(TEMPLATES[kind].title)
                message += (
                    f"\nHinweis: Das Blatt „{sheet}“ hat {format_number(count)} Zeilen; ein Import liest "
                    f"höchstens {format_number(MAX_ROWS)} Zeilen je Datei. Zum Wiedereinlesen bitte aufteilen."
                )
        return message


@contextmanager
def snapshot_connection(engine: Engine) -> Iterator[Connection]:
    """A read connection whose statements all see one state of the data.

    SQLite's read transaction is one snapshot already (WAL); PostgreSQL's default (READ
    COMMITTED) takes a new snapshot per statement, so a write between two sheets would
    make the archive inconsistent: there the transaction is REPEATABLE READ.
    """
    with read_connection(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        yield connection


def _utc(moment: datetime.datetime) -> datetime.datetime:
    """A moment as a naive UTC datetime (Excel cells and properties have no time zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def _command(kind: str, file_name: str) -> str:
    """The command that imports ``kind``'s sheet again."""
    shown = f'"{file_name}"' if " " in file_name else file_name
    return f"python -m data_access import {kind} {shown}"


def _info_sheet(tables: XlsxTables, export: WorkbookExport, file_name: str, exported: datetime.datetime) -> None:
    """The last sheet: what the workbook is, its Stand, and how each sheet is imported again."""
    sheet = tables.workbook.add_worksheet(INFO_SHEET)
    moment = tables.workbook.add_format({"num_format": _MOMENT_FORMAT, "align": "left"})
    tables.write_text(sheet, 0, 0, "GSN-Dashboard: alle Daten des Gesunde Städte-Netzwerks", "bold")
    tables.write_text(sheet, 1, 0, export.stand_text, "italic")
    tables.write_text(sheet, 3, 0, "Letzte Änderung der Daten (UTC)")
    if export.stand is not None:
        sheet.write_datetime(3, 1, _utc(export.stand), moment)
    tables.write_text(sheet, 4, 0, "Exportiert am (UTC)")
    sheet.write_datetime(4, 1, _utc(exported), moment)
    for column, name in enumerate(("Blatt", "Zeilen", "Wieder einlesen, in dieser Reihenfolge")):
        tables.write_text(sheet, 6, column, name, "bold")
    for line, (kind, count) in enumerate(export.rows.items(), start=7):
        tables.write_text(sheet, line, 0, worksheet_name(TEMPLATES[kind].title))
        sheet.write_number(line, 1, count)
        tables.write_text(sheet, line, 2, _command(kind, file_name) if count else "leer, nichts einzulesen")
    notes = (
        "Jedes Blatt hat genau die Spalten seiner Importvorlage; der Import einer Art liest das Blatt dieser Art.",
        "Im Browser: Seite Import, Art wählen, diese Datei hochladen. Das Blatt „Info“ wird nie eingelesen.",
    )
    for line, note in enumerate(notes, start=8 + len(export.rows)):
        tables.write_text(sheet, line, 0, note)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 2, 60)


def export_all(
    connection: Connection, file_name: str = DEFAULT_FILE_NAME, now: datetime.datetime | None = None
) -> WorkbookExport:
    """Every kind in one XLSX workbook: a sheet per kind in :data:`EXPORT_ORDER`, then the sheet "Info".

    ``file_name`` is named in the Info sheet's import commands; ``now`` is the export moment
    (default: now, UTC). Raises :class:`ExportTooLargeError` before writing anything when a
    kind has more rows than an Excel sheet holds. Use a :func:`snapshot_connection`.
    """
    exported = now or datetime.datetime.now(datetime.UTC)
    facts = dataset_facts(connection)
    tables_of = {kind: export_rows(connection, kind) for kind in EXPORT_ORDER}
    for kind, (_, rows) in tables_of.items():
        if len(rows) + 1 > EXCEL_MAX_ROWS:
            raise ExportTooLargeError(
                f"{TEMPLATES[kind].title}: {format_number(len(rows))} Zeilen passen nicht auf ein Excel-Blatt "
                f"(höchstens {format_number(EXCEL_MAX_ROWS - 1)}). Diese Art bitte als CSV exportieren: "
                f"python -m data_access export {kind} -o {kind}.csv"
            )
    export = WorkbookExport(b"", {kind: len(rows) for kind, (_, rows) in tables_of.items()}, facts.stand, facts.is_demo)
    buffer = io.BytesIO()
    tables = XlsxTables(buffer)
    for kind, (header, rows) in tables_of.items():
        title = TEMPLATES[kind].title
        sheet = tables.add_table(title, header, rows)
        sheet.set_header(f"&L{_print_text(title)}&R{_print_text(export.stand_text)}")
        sheet.set_footer("&RSeite &P von &N")
    _info_sheet(tables, export, file_name, exported)
    tables.workbook.set_properties(
        {
            "title": "GSN-Dashboard: Gesamtexport",
            "subject": export.stand_text,
            "comments": "Ein Blatt je Datenart im Format der Importvorlage; Stand und Einlesen: Blatt „Info“.",
            "created": _utc(exported),
        }
    )
    if facts.stand is not None:
        tables.workbook.set_custom_property("Stand", _utc(facts.stand))
    tables.close()
    return WorkbookExport(buffer.getvalue(), export.rows, export.stand, export.is_demo)


def _print_text(text: str) -> str:
    """``text`` for an Excel print header, where ``&`` starts a control code."""
    return text.replace("&", "&&")
