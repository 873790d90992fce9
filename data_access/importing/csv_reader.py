"""Streaming CSV reader: encoding detection, delimiter detection and the limits of :mod:`readers`.

The file is decoded incrementally (``io.TextIOWrapper`` over the bytes) and read line by
line with a length cap, so memory holds the file's bytes once plus one record, never the
whole decoded text or a line of unbounded length. The ``csv`` module's own field limit
(131,072 characters) stays as it is (it is process-wide); ``MAX_CELL_CHARACTERS`` is
checked here, and a record longer than ``MAX_LINE_CHARACTERS`` is refused before the
``csv`` module could build a list of millions of empty fields from it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import Any

from data_access.importing.readers import (
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    Sheet,
    UnreadableFileError,
    column_label,
    sheet_from_rows,
)
from data_access.importing.values import is_blank
from domain.formatting import format_number

DELIMITERS = (";", ",", "\t")
BINARY_PROBE_BYTES = 4096
"""A NUL byte this early (without a UTF-16 BOM) means a binary file, not text."""
MAX_LINE_CHARACTERS = MAX_COLUMNS * MAX_CELL_CHARACTERS + 100_000
"""Longest record (600,000 characters): 50 full cells plus room for empty trailing columns."""
ACCEPTED_ENCODINGS = "UTF-8, UTF-16 mit BOM oder Windows-1252"
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_VALIDATION_CHUNK = 1 << 20


class _RecordTooLongError(Exception):
    """Raised by the line source inside ``csv.reader``; carries the last chunk read."""

    def __init__(self, chunk: str) -> None:
        super().__init__()
        self.chunk = chunk


def _first_invalid_line(data: bytes, encoding: str) -> int | None:
    """The line holding the first byte that does not decode as ``encoding``; None if all of it decodes.

    Decoded chunk by chunk, counting line breaks and keeping no decoded copy, so a 50 MB
    file costs no more memory than a chunk.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    lines = 1
    for start in range(0, len(data) + 1, _VALIDATION_CHUNK):
        chunk = view[start : start + _VALIDATION_CHUNK]
        final = start + _VALIDATION_CHUNK >= len(data)
        try:
            lines += decoder.decode(chunk, final=final).count("\n")
        except UnicodeDecodeError as error:
            # error.object is what the codec saw (with or without a BOM): count its lines up to the bad byte.
            plain = {"utf-8-sig": "utf-8", "utf-16": "utf-16-be" if data[:2] == codecs.BOM_UTF16_BE else "utf-16-le"}
            before = bytes(error.object[: error.start]).decode(plain.get(encoding, encoding), errors="ignore")
            return lines + before.count("\n")
        if final:
            break
    return None


ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
"""How a person knows each codec (not Python's internal names such as ``utf-8-sig``)."""


def _refuse_invalid(data: bytes, encoding: str) -> str:
    """``encoding`` if all of ``data`` decodes with it; else UnreadableFileError naming the first bad line."""
    line = _first_invalid_line(data, encoding)
    if line is None:
        return encoding
    raise UnreadableFileError(
        f"Die Datei ist in Zeile {format_number(line)} nicht gültig {ENCODING_NAMES[encoding]}-kodiert "
        f"(sie beginnt mit der Kennung dieser Kodierung); lesbar sind {ACCEPTED_ENCODINGS}.",
        line=line,
    )


def detect_encoding(data: bytes) -> str:
    """The codec for ``data``: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Raises UnreadableFileError, naming the accepted encodings, for binary data (a NUL
    byte in the first 4 kB without a UTF-16 BOM, which includes UTF-16 without BOM) and
    for text that is none of them.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _refuse_invalid(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise UnreadableFileError(f"Die Datei ist UTF-32 kodiert; lesbar sind {ACCEPTED_ENCODINGS}.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _refuse_invalid(data, "utf-16")
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise UnreadableFileError(
            "Die Datei ist keine CSV- oder Excel-Datei (sie enthält Binärdaten). Lesbar sind .xlsx "
            f"und CSV-Dateien in {ACCEPTED_ENCODINGS} (UTF-16 ohne BOM wird nicht erkannt)."
        )
    if _first_invalid_line(data, "utf-8") is None:
        return "utf-8"
    if not any(byte in data for byte in _CP1252_UNDEFINED):
        return "cp1252"
    raise UnreadableFileError(
        f"Die Datei ist in keiner lesbaren Kodierung gespeichert; lesbar sind {ACCEPTED_ENCODINGS}. "
        "Bitte als „CSV UTF-8“ speichern."
    )


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


class _LineSource:
    """The lines of a text stream for ``csv.reader``, at most ``MAX_LINE_CHARACTERS`` per record.

    ``csv.reader`` pulls lines only as the current record needs them; :meth:`record_done`
    resets the budget after every record.
    """

    def __init__(self, stream: io.TextIOBase, first: str) -> None:
        self.stream = stream
        self.pending: str | None = first
        self.used = 0

    def __iter__(self) -> _LineSource:
        return self

    def __next__(self) -> str:
        if self.pending is not None:
            line, self.pending = self.pending, None
        else:
            line = self.stream.readline(MAX_LINE_CHARACTERS - self.used + 1)
        if not line:
            raise StopIteration
        self.used += len(line)
        if self.used > MAX_LINE_CHARACTERS:
            raise _RecordTooLongError(line)
        return line

    def record_done(self) -> None:
        self.used = 0


def _too_long(line: int, chunk: str, delimiter: str) -> UnreadableFileError:
    if chunk.count(delimiter) < MAX_COLUMNS:
        return UnreadableFileError(
            f"In Zeile {format_number(line)} ist eine Zelle länger als {format_number(MAX_CELL_CHARACTERS)} "
            "Zeichen; das ist die Höchstlänge einer Zelle.",
            line=line,
        )
    return UnreadableFileError(
        f"Zeile {format_number(line)} ist länger als {format_number(MAX_LINE_CHARACTERS)} Zeichen; erlaubt sind "
        f"höchstens {MAX_COLUMNS} Spalten mit Werten und {format_number(MAX_CELL_CHARACTERS)} Zeichen je Zelle.",
        line=line,
    )


def bounded_cells(line: int, cells: list[Any]) -> list[Any]:
    """``cells`` up to the last one with a value, after checking the column and length limits.

    Raises UnreadableFileError located by line and column.
    """
    last = len(cells) - 1
    while last >= 0 and is_blank(cells[last]):
        last -= 1
    if last >= MAX_COLUMNS:
        beyond = next(position for position in range(MAX_COLUMNS, last + 1) if not is_blank(cells[position]))
        raise UnreadableFileError(
            f"In Zeile {format_number(line)} steht ein Wert in Spalte {format_number(beyond + 1)}; "
            f"höchstens {MAX_COLUMNS} Spalten mit Werten sind erlaubt.",
            line=line,
            column=column_label(beyond),
            position=beyond,
        )
    kept = cells[: last + 1]
    for position, cell in enumerate(kept):
        if len(cell) > MAX_CELL_CHARACTERS:
            raise UnreadableFileError(
                f"In Zeile {format_number(line)} hat die Zelle in Spalte {position + 1} "
                f"{format_number(len(cell))} Zeichen; höchstens {format_number(MAX_CELL_CHARACTERS)} "
                "Zeichen je Zelle sind erlaubt.",
                line=line,
                column=column_label(position),
                position=position,
            )
    return kept


def _records(stream: io.TextIOBase) -> Iterator[tuple[int, list[Any]]]:
    """Every record as ``(line, cells)``; blank lines before the first text count as empty rows."""
    line = 0
    first = stream.readline(MAX_LINE_CHARACTERS + 1)
    while first and not first.strip():
        line += 1
        yield line, []
        first = stream.readline(MAX_LINE_CHARACTERS + 1)
    if not first:
        return
    delimiter = _delimiter(first)
    source = _LineSource(stream, first)
    reader = csv.reader(source, delimiter=delimiter)
    while True:
        line += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _RecordTooLongError as error:
            raise _too_long(line, error.chunk, delimiter) from None
        except csv.Error as error:
            if "field limit" in str(error):
                raise _too_long(line, "", delimiter) from None
            raise UnreadableFileError(
                f"Die CSV-Datei ist in Zeile {format_number(line)} fehlerhaft aufgebaut "
                "(z. B. ein Anführungszeichen ohne Gegenstück).",
                line=line,
            ) from None
        source.record_done()
        yield line, bounded_cells(line, cells)


def _decoded(records: Iterator[tuple[int, list[Any]]], encoding: str) -> Iterator[tuple[int, list[Any]]]:
    """``records`` with a decoding error (possible only for UTF-16) turned into a German sentence."""
    line = 0
    try:
        for line, cells in records:
            yield line, cells
    except UnicodeDecodeError:
        raise UnreadableFileError(
            f"Die Datei ist ab Zeile {format_number(line + 1)} nicht gültig {ENCODING_NAMES[encoding]}-kodiert; "
            f"lesbar sind {ACCEPTED_ENCODINGS}.",
            line=line + 1,
        ) from None


def read_csv(data: bytes) -> Sheet:
    """Read CSV bytes into a :class:`Sheet` whose rows are streamed."""
    encoding = detect_encoding(data)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return sheet_from_rows(_decoded(_records(stream), encoding))
