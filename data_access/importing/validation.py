"""Checking an import file row by row: every problem found, none written.

The result lists *all* problems of a file (not just the first), each with file, line,
column, value and a German sentence, so a data steward fixes the file in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from data_access.importing.readers import Sheet
from data_access.importing.templates import MEMBER_REFERENCE, Template
from data_access.importing.values import InvalidValueError, clean_text, is_blank


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file, located as precisely as possible."""

    file_name: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        place = [self.file_name]
        if self.line is not None:
            place.append(f"Zeile {self.line}")
        if self.column is not None:
            place.append(f"Spalte „{self.column}“")
        if self.value is not None:
            place.append(f"Wert „{self.value}“")
        return ", ".join(place) + ": " + self.message


@dataclass(frozen=True)
class Record:
    """A valid row: its line, its typed values by database field and its natural key."""

    line: int
    values: dict[str, Any]
    key: tuple[Any, ...]


@dataclass
class CheckedFile:
    """The outcome of checking a file: the valid records and every problem."""

    template: Template
    file_name: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present_fields: frozenset[str] = frozenset()
    """Fields whose column the file has: only these may change an existing row."""


@dataclass(frozen=True)
class Context:
    """What validation needs from the database: member names → ids, criterion numbers."""

    member_ids: Mapping[str, int]
    criterion_numbers: frozenset[int] = frozenset(range(1, 10))


def key_text(key: tuple[Any, ...]) -> str:
    """A natural key as the audit log and messages show it: "Kiel / 2021 / Sucht"."""
    return " / ".join("" if part is None else str(part) for part in key)


def normalise_header(text: Any) -> str:
    """Map a header cell to a template column name: "Neue Gruppen" → "neue_gruppen", "Längengrad" → "laengengrad"."""
    lowered = str(text or "").strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    lowered = unicodedata.normalize("NFKD", lowered)
    lowered = "".join(char for char in lowered if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "_", lowered).strip("_")


def _shown(value: Any) -> str:
    return "" if value is None else clean_text(value)


def _columns(template: Template, sheet: Sheet, checked: CheckedFile) -> dict[str, int] | None:
    """Map column names to cell positions; report unknown, doubled and missing columns."""
    known = {column.name for column in template.columns}
    positions: dict[str, int] = {}
    for position, cell in enumerate(sheet.header):
        if is_blank(cell):
            continue
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
    """Check every row of ``sheet`` against ``template``; return valid records and all problems."""
    checked = CheckedFile(template, file_name)
    positions = _columns(template, sheet, checked)
    if positions is None:
        return checked
    checked.present_fields = frozenset(column.field for column in template.columns if column.name in positions)
    first_line_of_key: dict[tuple[Any, ...], int] = {}
    for line, cells in sheet.rows:
        _check_stray_cells(checked, line, cells, positions, sheet)
        values: dict[str, Any] = {}
        row_ok = True
        for column in template.columns:
            position = positions.get(column.name)
            raw = cells[position] if position is not None and position < len(cells) else None
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
    return checked


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
                        f"Nr. {position + 1}",
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
    if template.kind == "selbsthilfe" and values["new_groups"] is not None and values["new_groups"] > values["groups"]:
        problems.append(
            Problem(
                checked.file_name,
                "Es gibt mehr neue Gruppen als Gruppen insgesamt.",
                line,
                "neue_gruppen",
                str(values["new_groups"]),
            )
        )
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
    checked.problems.extend(problems)
    return not problems
