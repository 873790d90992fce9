"""Checking an import file row by row: every problem found, none written.

The result lists the problems of a file (not just the first; the first ``MAX_PROBLEMS``
kept, all counted), each with file, line, column, value and a German sentence, so a data
steward fixes the file in one pass. The rows are streamed from the reader; a limit or a
broken part found while streaming ends the check with that one located problem.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from data_access.importing.leaving import after_leave
from data_access.importing.problems import MAX_PROBLEMS, Problem, Problems, forbidden_character
from data_access.importing.readers import (
    FORMULA_WITHOUT_VALUE,
    CellError,
    Sheet,
    UnreadableFileError,
    column_label,
)
from data_access.importing.records import CheckedFile, Context, Record, key_text, meeting_problem
from data_access.importing.templates import MEMBER_REFERENCE, Template
from data_access.importing.values import InvalidValueError, clean_text, is_blank

__all__ = [
    "MAX_PROBLEMS",
    "CheckedFile",
    "Context",
    "Problem",
    "Problems",
    "Record",
    "check",
    "key_text",
    "meeting_problem",
]

FORMULA_MESSAGE = "Formel ohne gespeicherten Wert – bitte die Datei in Excel öffnen und speichern."


def normalise_header(text: Any) -> str:
    """Map a header cell to a template column name: "Neue Gruppen" → "neue_gruppen", "Längengrad" → "laengengrad"."""
    lowered = str(text or "").strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    lowered = unicodedata.normalize("NFKD", lowered)
    lowered = "".join(char for char in lowered if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "_", lowered).strip("_")


def _shown(value: Any) -> str:
    if isinstance(value, float) and not abs(value) < 1e15:
        return f"{value:g}"  # a typed 1e300 is shown as such, not as 301 digits
    return "" if value is None else clean_text(value)


def _columns(template: Template, sheet: Sheet, checked: CheckedFile) -> dict[str, int] | None:
    """Map column names to cell positions; report unknown, doubled and missing columns."""
    known = {column.name for column in template.columns}
    positions: dict[str, int] = {}
    for position, cell in enumerate(sheet.header):
        if is_blank(cell):
            continue
        # A refused header cell is reported, and still named, so its column is not reported missing too.
        _cell_refused(checked, sheet.header_line, column_label(position), cell)
        name = normalise_header(cell)
        if name not in known:
            checked.problems.append(
                Problem(
                    checked.file_name,
                    f"Unbekannte Spalte. Erwartet werden: {', '.join(column.name for column in template.columns)}.",
                    sheet.header_line,
                    _shown(cell),
                )
            )
        elif name in positions:
            checked.problems.append(
                Problem(checked.file_name, "Die Spalte steht doppelt in der Kopfzeile.", sheet.header_line, name)
            )
        else:
            positions[name] = position
    for column in template.columns:
        if column.required and column.name not in positions:
            checked.problems.append(
                Problem(
                    checked.file_name,
                    "Pflichtspalte fehlt in der Kopfzeile (Zeile 1 muss die Spaltennamen enthalten).",
                    sheet.header_line,
                    column.name,
                )
            )
    return None if checked.problems else positions


def check(template: Template, file_name: str, sheet: Sheet, context: Context) -> CheckedFile:
    """Check every row of ``sheet`` against ``template``; return valid records and the problems.

    Consumes ``sheet.rows``. When the reader stops with UnreadableFileError (a limit such
    as ``MAX_ROWS``, or a broken part), the result holds that one problem, located by line
    and column (named after the header where it has one), and no records: the file is
    refused as a whole and problems found before would only distract from it.
    """
    checked = CheckedFile(template, file_name)
    positions = _columns(template, sheet, checked)
    if positions is None:
        return checked
    checked.present_fields = frozenset(column.field for column in template.columns if column.name in positions)
    names = {position: name for name, position in positions.items()}
    try:
        _check_rows(template, sheet, context, checked, positions, names)
    except UnreadableFileError as error:
        refused = CheckedFile(template, file_name, present_fields=checked.present_fields)
        column = names.get(error.position, error.column) if error.position is not None else error.column
        refused.problems.append(Problem(file_name, str(error), error.line, column))
        return refused
    return checked


def _cell_refused(checked: CheckedFile, line: int, column: str, raw: Any) -> bool:
    """Report a cell no column may hold (control character, formula without value, error value); True if so."""
    if isinstance(raw, str):
        message = forbidden_character(raw)
        if message is None:
            return False
        checked.problems.append(Problem(checked.file_name, message, line, column, clean_text(raw)))
    elif raw is FORMULA_WITHOUT_VALUE:
        checked.problems.append(Problem(checked.file_name, FORMULA_MESSAGE, line, column))
    elif isinstance(raw, CellError):
        checked.problems.append(
            Problem(
                checked.file_name,
                f"Fehlerwert {raw.code} in der Zelle; bitte in Excel die Ursache beheben oder einen Wert eintragen.",
                line,
                column,
                raw.code,
            )
        )
    else:
        return False
    return True


def _check_rows(
    template: Template,
    sheet: Sheet,
    context: Context,
    checked: CheckedFile,
    positions: dict[str, int],
    names: dict[int, str],
) -> None:
    file_name = checked.file_name
    first_line_of_key: dict[tuple[Any, ...], int] = {}
    for line, cells in sheet.rows:
        row_ok = True
        for position, cell in enumerate(cells):
            if position not in names and _cell_refused(checked, line, column_label(position), cell):
                row_ok = False
        _check_stray_cells(checked, line, cells, positions, sheet)
        values: dict[str, Any] = {}
        for column in template.columns:
            position = positions.get(column.name)
            raw = cells[position] if position is not None and position < len(cells) else None
            if _cell_refused(checked, line, column.name, raw):
                row_ok = False
                continue
            if is_blank(raw):
                if column.required:
                    checked.problems.append(Problem(file_name, "Pflichtangabe fehlt.", line, column.name, ""))
                    row_ok = False
                values[column.field] = None
                continue
            try:
                values[column.field] = _parse(column.parse, raw, context)
            except InvalidValueError as problem:
                checked.problems.append(Problem(file_name, str(problem), line, column.name, _shown(raw)))
                row_ok = False
        if not row_ok or not _check_row(template, checked, line, values, context):
            continue
        key = template.key_of(values)
        if key in first_line_of_key:
            checked.problems.append(
                Problem(
                    file_name,
                    f"Dieselbe Angabe ({', '.join(template.natural_key)}) steht schon in Zeile "
                    f"{first_line_of_key[key]}; jede darf nur einmal vorkommen.",
                    line,
                    template.natural_key[0],
                    key_text(key),
                )
            )
            continue
        first_line_of_key[key] = line
        checked.records.append(Record(line, values, key))


def _parse(parser: Any, raw: Any, context: Context) -> Any:
    if parser == MEMBER_REFERENCE:
        name = clean_text(raw)
        if name not in context.member_ids:
            raise InvalidValueError("Diese Kommune ist kein Mitglied; bitte zuerst in der Mitgliederliste anlegen.")
        return name
    return parser(raw)


def _check_stray_cells(
    checked: CheckedFile, line: int, cells: list[Any], positions: dict[str, int], sheet: Sheet
) -> None:
    used = set(positions.values())
    for position, cell in enumerate(cells):
        if position not in used and not is_blank(cell):
            named = position < len(sheet.header) and not is_blank(sheet.header[position])
            if not named:  # cells under unknown columns were reported with the header already
                checked.problems.append(
                    Problem(
                        checked.file_name,
                        "Wert ohne Spaltenüberschrift.",
                        line,
                        column_label(position),
                        _shown(cell),
                    )
                )


DATE_SPANS = {"veranstaltungen": ("start_date", "end_date"), "sprecherrat": ("term_start", "term_end")}
"""Kinds whose rows span days: (first day field, last day field); the last may not come first."""


def _check_row(template: Template, checked: CheckedFile, line: int, values: dict[str, Any], context: Context) -> bool:
    """Checks across columns of one row; returns False (and reports) when the row is inconsistent."""
    problems: list[Problem] = []
    if (
        template.kind == "mitglieder"
        and values["leave_year"] is not None
        and values["leave_year"] < values["join_year"]
    ):
        problems.append(
            Problem(
                checked.file_name,
                "Der Austritt liegt vor dem Beitritt.",
                line,
                "austritt",
                str(values["leave_year"]),
            )
        )
    span = DATE_SPANS.get(template.kind)
    if span is not None and values[span[1]] is not None and values[span[1]] < values[span[0]]:
        problems.append(
            Problem(
                checked.file_name,
                "Das Ende liegt vor dem Beginn.",
                line,
                "ende",
                values[span[1]].strftime("%d.%m.%Y"),
            )
        )
    if template.kind == "teilnahme" and values["meeting_date"] not in context.meetings:
        problems.append(meeting_problem(checked.file_name, line, values["meeting_date"]))
    if template.kind == "mindeststandards" and values["criterion_number"] not in context.criterion_numbers:
        problems.append(
            Problem(
                checked.file_name,
                "Diesen Punkt gibt es in der Liste der Mindeststandards nicht.",
                line,
                "punkt",
                str(values["criterion_number"]),
            )
        )
    late = after_leave(template, checked.file_name, line, values, context.leave_years)
    if late is not None:
        problems.append(late)
    checked.problems.extend(problems)
    return not problems
