"""Exports in the import templates' own format, so export → edit in Excel → import is safe.

CSV is written for German Excel: UTF-8 with BOM, ``;`` separated, dates TT.MM.JJJJ,
decimal commas. XLSX has typed cells (numbers, real dates). Texts that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) get a
leading apostrophe in CSV (the importer removes it again, so the round trip is exact);
in XLSX they are text cells holding exactly the text, marked the way Excel marks a text
typed with a leading apostrophe (see :func:`to_xlsx`), so nobody sees an apostrophe.
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from sqlalchemy import Connection

from data_access.importing.rows import template_rows
from data_access.importing.templates import TEMPLATES, Template
from data_access.importing.values import FORMULA_PREFIXES
from data_access.models import Member
from domain.vocabulary import german_sort_key

SORT_FIELDS = {
    "mitglieder": ("name",),
    "veranstaltungen": ("member", "start_date", "event_type", "title"),
    "selbsthilfe": ("member", "year", "topic"),
    "mindeststandards": ("member", "year", "criterion_number"),
    "kriterien": ("number",),
    "sprecherrat": ("term_start", "side", "member"),
    "berichte": ("member", "year"),
    "teilnahme": ("meeting_date", "member", "side"),
}


def neutralise(text: str) -> str:
    """Return ``text`` so that no spreadsheet runs it as a formula (apostrophe prefix)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _sort_key(value: Any) -> tuple:
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, german_sort_key(value))
    return (1, value)


def export_rows(connection: Connection, kind: str, member: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """Return the template's column names and the rows of ``kind`` (of one member if given) as typed values."""
    template = TEMPLATES[kind]
    fields = [column.field for column in template.columns]
    statement = template_rows(template)
    if member is not None and template.per_member:  # network-wide rows (criteria) belong to no member
        statement = statement.where(Member.name == member)
    result = connection.execute(statement).mappings().all()
    rows = [[row[field] for field in fields] for row in result]
    positions = [fields.index(name) for name in SORT_FIELDS[kind]]
    rows.sort(key=lambda row: tuple(_sort_key(row[position]) for position in positions))
    return [column.name for column in template.columns], rows


def csv_cell(value: Any) -> str:
    """One value as CSV text for German Excel (dates TT.MM.JJJJ, decimal comma, formulas neutralised)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return format(value, ".6f").rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def to_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    """CSV bytes for German Excel: UTF-8 with BOM, semicolons, CRLF line ends.

    A missing value (None or the empty text) is an empty field: nothing between its
    separators, never ``""``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = [csv_cell(value) for value in row]
        if any(cells):
            writer.writerow(cells)
        else:  # the writer quotes a lone empty field as ""; an empty row is bare separators
            buffer.write(";" * (len(cells) - 1) + "\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
"""xlsxwriter settings of every export: write_string ignores the last three; they keep a later
``write()`` from turning texts into formulas, links or numbers."""


class XlsxTables:
    """An XLSX workbook written table by table, every table with the cells of :func:`to_xlsx`.

    One sheet for :func:`to_xlsx`, one per kind for ``export alle`` (``export_all.py``):
    the same header row, text, number and date cells in both, so each sheet imports alike.
    Call :meth:`close` once, after the last table, and read the buffer.
    """

    def __init__(self, buffer: io.BytesIO) -> None:
        import xlsxwriter  # imported here: only XLSX exports pay for it

        self.workbook = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
        self.date_format = self.workbook.add_format({"num_format": "dd.mm.yyyy"})
        self._formats: dict[tuple[str, ...], Any] = {}

    def write_text(self, worksheet: Any, row: int, column: int, text: str, *properties: str) -> None:
        """A text cell with the format ``properties`` ("bold", "italic"), flagged as text if it looks like a formula."""
        key = tuple(sorted({*properties, *(("quote_prefix",) if text.startswith(FORMULA_PREFIXES) else ())}))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(dict.fromkeys(key, True)) if key else None
        worksheet.write_string(row, column, text, self._formats[key])

    def add_table(self, sheet_name: str, header: list[str], rows: list[list[Any]], title: str | None = None) -> Any:
        """A new worksheet holding ``header`` (bold) and ``rows`` below ``title`` if given; returns the worksheet.

        The sheet is named ``sheet_name`` as Excel allows it (``xlsx_reader.worksheet_name``:
        "Sprecher*innenrat" → "Sprecher_innenrat"), the name the importer looks for.
        """
        from data_access.importing.xlsx_reader import worksheet_name  # the reader's rule; only XLSX exports load it

        worksheet = self.workbook.add_worksheet(worksheet_name(sheet_name))
        top = 0
        if title is not None:
            self.write_text(worksheet, 0, 0, title, "italic")
            top = 1
        widths = [len(name) for name in header]
        for column, name in enumerate(header):
            self.write_text(worksheet, top, column, name, "bold")
        for row_number, row in enumerate(rows, start=top + 1):
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, datetime.date):
                    moment = datetime.datetime.combine(value, datetime.time())
                    worksheet.write_datetime(row_number, column, moment, self.date_format)
                    widths[column] = max(widths[column], 10)
                elif isinstance(value, int | float):
                    worksheet.write_number(row_number, column, value)
                    widths[column] = max(widths[column], len(str(value)))
                else:
                    text = str(value)
                    self.write_text(worksheet, row_number, column, text)
                    widths[column] = max(widths[column], min(len(text), 60))
        for column, width in enumerate(widths):
            worksheet.set_column(column, column, width + 2)
        worksheet.freeze_panes(top + 1, 0)
        return worksheet

    def close(self) -> None:
        """Finish the workbook: its bytes are in the buffer afterwards."""
        self.workbook.close()


def to_xlsx(header: list[str], rows: list[list[Any]], sheet_name: str = "Daten", title: str | None = None) -> bytes:
    """XLSX bytes with typed cells: numbers as numbers, dates as dates (TT.MM.JJJJ), texts as text.

    With ``title`` (a dashboard table: the filter sentence and "Stand") the first row holds
    that line and the column names follow in row 2; without it (templates and exports that
    are imported again) the column names are row 1. A missing value (None or the empty
    text) writes no cell at all, not an empty text.

    Every text is written as a text cell (``write_string``: never a formula, whatever the
    ``strings_to_formulas`` option says, which only ``write`` reads), holding exactly the
    text. One that starts like a formula also gets the style flag ``quotePrefix``: what
    Excel itself stores when someone types ``'=…``. Excel shows the text without an
    apostrophe and keeps it text when the cell is edited and confirmed again (without the
    flag, F2 + Enter would turn ``=HYPERLINK(…)`` into a live formula); LibreOffice does the
    same. An apostrophe in the value, as before, was shown in the cell and came back on import.
    """
    buffer = io.BytesIO()
    tables = XlsxTables(buffer)
    tables.add_table(sheet_name, header, rows, title)
    tables.close()
    return buffer.getvalue()


def export_kind(connection: Connection, kind: str, file_format: str = "csv") -> bytes:
    """Export every row of ``kind`` as ``csv`` or ``xlsx`` bytes in the import template's format."""
    header, rows = export_rows(connection, kind)
    template: Template = TEMPLATES[kind]
    return to_csv(header, rows) if file_format == "csv" else to_xlsx(header, rows, template.title)
