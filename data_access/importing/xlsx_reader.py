"""Reading one worksheet of an XLSX file with a small streaming reader of our own (lxml).

Which worksheet: the first one whose name is one of the names the caller asks for (an
import asks for its kind and its template's title, so ``import veranstaltungen`` reads the
sheet "Veranstaltungen" of the workbook ``export alle`` writes), compared without regard
to case and surrounding spaces and with the characters Excel forbids in a sheet name
written as ``_`` (:func:`worksheet_name`); without such a sheet, the first worksheet, as
a one-sheet file of any name has always been read.

Why not openpyxl's loader: it trusts ``<dimension>`` and pads rows and columns up to it
(a file claiming ``A1:XFD1048576`` drove memory far beyond the file's size; measured
once, not by a bench), reads every shared string
unbounded and raises tracebacks for broken XML. Here the zip directory and every part
are bounded (:mod:`xlsx_package`), the workbook, its relationships, the styles and the
shared strings are read with flat ``iterparse`` loops, and the worksheet's rows are
streamed (:mod:`xlsx_sheet`). openpyxl's pure helpers (date formats, Excel serial dates,
column letters) are reused; they are well kept.

Cell values: shared and inline strings and cached formula texts as ``str`` (Excel's
``_xHHHH_`` escapes undone), numbers as ``int`` or ``float``, numbers with a date format
as ``datetime``, booleans as ``bool``, error cells as :class:`CellError`, a formula saved
without its result as :data:`FORMULA_WITHOUT_VALUE`. Every broken part, missing part or
bad zip becomes an :class:`UnreadableFileError` with a German sentence, never a traceback.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

from data_access.importing.readers import Sheet, UnreadableFileError, sheet_from_rows
from data_access.importing.xlsx_package import (
    BROKEN_ERRORS,
    MAX_PENDING_ELEMENTS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
    MAX_SMALL_PART_BYTES,
    PARSER_OPTIONS,
    BoundedPart,
    attribute,
    broken,
    flat_elements,
    local_name,
    open_archive,
    open_part,
    relationships,
)
from data_access.importing.xlsx_sheet import CellReader, released, sheet_rows, text_of
from domain.formatting import format_number

MAX_SHARED_STRINGS = 500_000
"""Distinct texts of a workbook; real files of 100,000 rows have far fewer (names and words repeat)."""
MAX_SHEETS = 1_000
"""Sheets a workbook may list: every worksheet is a part of its own, and parts are at most ``MAX_ZIP_ENTRIES``."""
MAX_SHEET_NAME_CHARACTERS = 31
"""Excel's limit for a sheet name (other programs allow longer ones; such a sheet is read only as the first)."""
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_ROLES = {
    "workbook": "die Arbeitsmappe",
    "package": "das Inhaltsverzeichnis",
    "workbook_rels": "die Verweise der Arbeitsmappe",
    "strings": "die Texttabelle",
    "styles": "die Formatvorlagen",
    "sheet": "das erste Tabellenblatt",
}


def _shared_strings(archive: zipfile.ZipFile, name: str | None) -> list[str]:
    """The shared strings in order; at most ``MAX_SHARED_STRINGS``."""
    if name is None or name not in archive.NameToInfo:
        return []
    part = open_part(archive, name, MAX_SHARED_STRINGS_BYTES, _ROLES["strings"])
    strings: list[str] = []
    pending = 0
    try:
        for _, element in etree.iterparse(part, events=("end",), **PARSER_OPTIONS):
            if local_name(element.tag) != "si":
                pending += 1  # the elements of the current <si>, released with it
                if pending > MAX_PENDING_ELEMENTS:
                    raise broken(f"{_ROLES['strings']} ist ungewöhnlich aufgebaut")
                continue
            pending = 0
            if len(strings) >= MAX_SHARED_STRINGS:
                raise UnreadableFileError(
                    f"Die Excel-Datei enthält mehr als {format_number(MAX_SHARED_STRINGS)} verschiedene Texte; "
                    "bitte in mehrere Dateien aufteilen."
                )
            strings.append(text_of(element))
            released(element)
    finally:
        part.close()
    return strings


def _date_styles(archive: zipfile.ZipFile, name: str | None) -> frozenset[int]:
    """Indexes of the cell formats (``cellXfs``) that show a number as a date."""
    if name is None or name not in archive.NameToInfo:
        return frozenset()
    custom: dict[str, str] = {}
    dates = set()
    index = 0
    for element_name, element in flat_elements(open_part(archive, name, MAX_SMALL_PART_BYTES, _ROLES["styles"])):
        if element_name == "numFmt":
            custom[element.get("numFmtId", "")] = element.get("formatCode", "")
        elif element_name == "xf" and local_name(element.getparent().tag) == "cellXfs":
            number_format = element.get("numFmtId", "0")
            code = custom.get(number_format)
            if code is None and number_format.isdigit():
                code = BUILTIN_FORMATS.get(int(number_format))
            if is_date_format(code):
                dates.add(index)
            index += 1
    return frozenset(dates)


def worksheet_name(title: str) -> str:
    """``title`` as a worksheet may be named: Excel's forbidden ``[]:*?/\\`` as ``_``, at most 31 characters.

    "Sprecher*innenrat" → "Sprecher_innenrat". Exports name their sheets with it and the
    reader compares with it, so an exported sheet is always found again.
    """
    return _FORBIDDEN_IN_SHEET_NAMES.sub("_", title)[:MAX_SHEET_NAME_CHARACTERS]


def _shown_name(name: str) -> str:
    """A sheet name for a message: a hostile file's name of a megabyte must not fill the screen."""
    return name if len(name) <= MAX_SHEET_NAME_CHARACTERS else f"{name[:MAX_SHEET_NAME_CHARACTERS]}…"


def _comparable(name: str) -> str:
    """A sheet name as the reader compares it: without surrounding spaces, case folded."""
    return name.strip().casefold()


@dataclass(frozen=True)
class WorkbookParts:
    """What the reader needs from the workbook part and its relationships."""

    sheet: str
    """The zip name of the worksheet to read."""
    sheet_role: str
    """That worksheet in German, for messages: "das erste Tabellenblatt" or "das Tabellenblatt „Mitglieder“"."""
    strings: str | None
    styles: str | None
    date1904: bool
    label: str | None = None
    """How messages name the sheet when the workbook has several ("Blatt „Kriterien“"); None for one sheet."""


_HIDDEN_STATES = ("hidden", "veryhidden")


def _workbook_parts(archive: zipfile.ZipFile, sheet_names: Iterable[str]) -> WorkbookParts:
    """The worksheet named one of ``sheet_names`` (else the first), the shared strings, styles and date system.

    Sheets are taken in the workbook's order; chart sheets are skipped, as openpyxl's
    ``worksheets[0]`` does. Only the chosen worksheet is kept, never the list of names.
    """
    package = relationships(archive, "", _ROLES["package"])
    workbook_name = next((target for _, kind, target in package if kind.endswith("/officeDocument")), "xl/workbook.xml")
    targets = relationships(archive, workbook_name, _ROLES["workbook_rels"])
    worksheets = {identifier: target for identifier, kind, target in targets if kind.endswith("/worksheet")}
    wanted = {_comparable(worksheet_name(name)) for name in sheet_names}
    first: tuple[str, str] | None = None
    named: tuple[str, str] | None = None
    named_hidden: tuple[str, str] | None = None  # a hidden sheet counts only when no visible one fits
    sheets = 0
    date1904 = False
    for name, element in flat_elements(open_part(archive, workbook_name, MAX_SMALL_PART_BYTES, _ROLES["workbook"])):
        if name == "sheet":
            sheets += 1
            if sheets > MAX_SHEETS:
                raise UnreadableFileError(
                    f"Die Excel-Datei nennt mehr als {format_number(MAX_SHEETS)} Tabellenblätter; so ist keine "
                    "Tabelle aus Excel aufgebaut. Bitte in Excel öffnen, neu speichern und noch einmal einlesen."
                )
            target = worksheets.get(attribute(element, "id") or "")
            if target is None:
                continue
            sheet_name = (element.get("name") or "").strip()
            first = first or (target, sheet_name)
            if _comparable(sheet_name) in wanted:  # names are bounded by the part's size
                if (element.get("state") or "").lower() in _HIDDEN_STATES:
                    named_hidden = named_hidden or (target, sheet_name)
                else:
                    named = named or (target, sheet_name)
        elif name == "workbookPr":
            date1904 = element.get("date1904", "0").lower() in ("1", "true")
    if first is None:
        raise broken("die Arbeitsmappe enthält kein Tabellenblatt")

    def target_of(suffix: str) -> str | None:
        return next((target for _, kind, target in targets if kind.endswith(suffix)), None)

    chosen = named or named_hidden
    if chosen is not None:
        shown = _shown_name(chosen[1])
        sheet, role, label = chosen[0], f"das Tabellenblatt „{shown}“", f"Blatt „{shown}“"
    else:
        sheet, role, label = first[0], _ROLES["sheet"], f"erstes Blatt „{_shown_name(first[1])}“"
        if wanted:  # asked for a kind's sheet, none is called so: say which one was read instead
            label += f"; keines heißt „{list(sheet_names)[-1]}“"
    return WorkbookParts(
        sheet, role, target_of("/sharedStrings"), target_of("/styles"), date1904, label if sheets > 1 else None
    )


def _translated(step: Callable[[], Any], role: str) -> Any:
    """Run ``step``; a library error for a broken file becomes UnreadableFileError naming ``role`` (German)."""
    try:
        return step()
    except UnreadableFileError:
        raise
    except BROKEN_ERRORS:
        raise broken(f"{role} ist nicht lesbar") from None


def read_xlsx(data: bytes, sheet_names: Iterable[str] = ()) -> Sheet:
    """Read a worksheet of XLSX bytes into a :class:`Sheet` whose rows are streamed.

    The worksheet named one of ``sheet_names`` (see :func:`worksheet_name` for the
    comparison; a visible sheet before a hidden one), else the first worksheet. In a
    workbook of several sheets the result names the sheet (``Sheet.name``).
    """
    archive = open_archive(data)
    try:
        parts = _translated(lambda: _workbook_parts(archive, sheet_names), _ROLES["workbook"])
        strings = _translated(lambda: _shared_strings(archive, parts.strings), _ROLES["strings"])
        date_styles = _translated(lambda: _date_styles(archive, parts.styles), _ROLES["styles"])
        role = parts.sheet_role
        sheet_part = _translated(lambda: open_part(archive, parts.sheet, MAX_SHEET_BYTES, role), role)
    except BaseException:
        archive.close()
        raise
    cells = CellReader(strings, date_styles, MAC_EPOCH if parts.date1904 else WINDOWS_EPOCH)
    return sheet_from_rows(_guarded_rows(archive, sheet_part, cells, parts.sheet_role), parts.label)


def _guarded_rows(
    archive: zipfile.ZipFile, sheet_part: BoundedPart, cells: CellReader, role: str
) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows with broken-file errors translated (naming the sheet ``role``); closes the archive when done."""
    line = 0
    try:
        for line, row in sheet_rows(sheet_part, cells):
            yield line, row
    except UnreadableFileError:
        raise
    except BROKEN_ERRORS:
        where = f" nach Zeile {format_number(line)}" if line else ""
        raise broken(f"{role} ist{where} nicht lesbar", line=(line + 1) if line else None) from None
    finally:
        sheet_part.close()
        archive.close()
