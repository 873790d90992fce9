"""The zip container of an XLSX file, opened within limits, and its small XML parts.

The zip directory is checked from its end record before :mod:`zipfile` parses it (zipfile
builds one object per directory entry, trusting the directory's declared size), every
part is opened only if its declared size is within its limit, and the bytes really
decompressed are counted while a part is read.

Why the count as well as the declared size: a zip can lie about sizes. CPython's
``zipfile`` (3.11, ``ZipExtFile._read1``) cuts the decompressed output at the declared
``file_size`` and then raises ``BadZipFile("Bad CRC-32 …")`` because the checksum of the
cut data does not match, so a part that claims less than it holds cannot make it
deliver more than it claims. The count is the second guard, independent of that detail:
whatever the library does, no part delivers more than its limit to the XML parser.
Deflate output is produced ``max_length``-bounded per read; other methods (bzip2, LZMA,
whose zipfile decompressors have no such bound) are refused; Excel only uses deflate.
"""

from __future__ import annotations

import functools
import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from lxml import etree

from data_access.importing.readers import UnreadableFileError
from domain.formatting import format_number

MAX_ZIP_ENTRIES = 1_000
"""Parts per XLSX file; Excel writes about a dozen for a one-sheet workbook."""
MAX_ZIP_DIRECTORY_BYTES = 1_000_000
"""Size of the zip directory (1,000 entries with long names fit easily)."""
MAX_SHEET_BYTES = 100_000_000
"""Decompressed size of the worksheet: well above what ``MAX_ROWS`` rows of 10 columns take.

That size was measured once on a generated file; no bench re-measures it."""
MAX_SHARED_STRINGS_BYTES = 50_000_000
MAX_SMALL_PART_BYTES = 10_000_000
"""Workbook, relationships and styles: a few kB in real files."""
MAX_PENDING_ELEMENTS = 100_000
"""XML elements kept before they can be released (inside one cell, or between cells); real files need a few."""
MAX_MARKUP_BYTES = 1_000_000
"""Bytes from one ``<`` to the next: one tag with its attributes, or one text between tags.

libxml2 builds every attribute of a tag before lxml hands the element out, and nothing
limits their number: one ``<row>`` with millions of empty attributes, a small upload, blew
up the server's memory and took a memory-capped CLI to a MemoryError (measured once, not
re-measured by a bench; ``tests/data_access/test_import_memory_cap.py`` runs such files under a memory
cap). An attribute value
may contain ``>`` but never ``<``, so the distance between two ``<`` bounds a tag whatever
it holds; real parts stay far below (a cell of 10,000 characters is at most 40 kB)."""
READ_CHUNK_BYTES = 1 << 16

PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "remove_comments": True,
    "remove_pis": True,
}
"""lxml settings for untrusted XML: no entity expansion, no network, libxml2's size limits on."""

BROKEN_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    IndexError,
    AttributeError,
    TypeError,
    struct.error,
    zlib.error,
    etree.LxmlError,
)
"""What the zip and XML libraries raise for a broken file; translated into a German sentence.

AttributeError and TypeError too: a part whose root is some other element (a worksheet
that is just ``<c>``, styles that are just ``<xf>``) leaves expected elements missing."""

_END_RECORD = struct.Struct("<4s4H2LH")
_END_RECORD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_RECORD = struct.Struct("<4sQ2H2L4Q")


def broken(detail: str, line: int | None = None) -> UnreadableFileError:
    """The German error for a damaged file; ``detail`` names the part and what is wrong."""
    return UnreadableFileError(
        f"Die Excel-Datei ist beschädigt ({detail}). Bitte in Excel öffnen, neu speichern und noch einmal einlesen.",
        line=line,
    )


def _directory_size(data: bytes) -> tuple[int, int] | None:
    """(entries, directory bytes) from the end record, found the way zipfile finds it; None if absent."""
    position = len(data) - _END_RECORD.size
    if data[position : position + 4] != _END_RECORD_SIGNATURE:
        position = data.rfind(_END_RECORD_SIGNATURE, max(0, len(data) - _END_RECORD.size - 0xFFFF))
    if position < 0 or position + _END_RECORD.size > len(data):
        return None
    record = _END_RECORD.unpack_from(data, position)
    entries, directory_bytes = record[4], record[5]
    locator = position - _ZIP64_LOCATOR.size
    if locator >= _ZIP64_RECORD.size and data[locator : locator + 4] == b"PK\x06\x07":
        zip64 = _ZIP64_RECORD.unpack_from(data, locator - _ZIP64_RECORD.size)
        if zip64[0] == b"PK\x06\x06":
            entries, directory_bytes = max(entries, zip64[7]), max(directory_bytes, zip64[8])
    return entries, directory_bytes


def open_archive(data: bytes) -> zipfile.ZipFile:
    """Open XLSX bytes as a zip after checking the size of its directory."""
    sizes = _directory_size(data)
    if sizes is None:
        raise broken("kein gültiges ZIP-Archiv")
    entries, directory_bytes = sizes
    if entries > MAX_ZIP_ENTRIES or directory_bytes > MAX_ZIP_DIRECTORY_BYTES:
        raise UnreadableFileError(
            f"Die Excel-Datei besteht aus mehr als {format_number(MAX_ZIP_ENTRIES)} Teilen; so ist keine Tabelle "
            "aus Excel aufgebaut. Bitte in Excel öffnen, neu speichern und noch einmal einlesen."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except BROKEN_ERRORS:
        raise broken("kein gültiges ZIP-Archiv") from None
    if len(archive.infolist()) > MAX_ZIP_ENTRIES:
        archive.close()
        raise UnreadableFileError(f"Die Excel-Datei besteht aus mehr als {format_number(MAX_ZIP_ENTRIES)} Teilen.")
    return archive


class BoundedPart:
    """A part being decompressed, read in chunks; UnreadableFileError once it passes ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int, role: str) -> None:
        self.stream = stream
        self.limit = limit
        self.role = role
        self.count = 0
        self.run = 0
        """Bytes since the last ``<`` (carried from chunk to chunk)."""

    def read(self, size: int = -1) -> bytes:
        size = READ_CHUNK_BYTES if size < 0 or size > READ_CHUNK_BYTES else size
        chunk = self.stream.read(size)
        self.count += len(chunk)
        if self.count > self.limit:
            raise too_large(self.role, self.limit)
        self._check_markup(chunk)
        return chunk

    def _check_markup(self, chunk: bytes) -> None:
        """Refuse a part in which more than ``MAX_MARKUP_BYTES`` lie between two ``<`` (see there).

        ``split`` keeps the work in C, a small part of an XLSX import's time (re-measure
        with ``python bench/bench_import_memory.py --formats xlsx``).
        """
        pieces = chunk.split(b"<")
        self.run += len(pieces[0])
        if len(pieces) > 1:
            longest = max(self.run, max(map(len, pieces[1:-1]), default=0))
            self.run = len(pieces[-1])
        else:
            longest = self.run
        if max(longest, self.run) > MAX_MARKUP_BYTES:
            raise broken(f"{self.role}: mehr als {format_number(MAX_MARKUP_BYTES // 1_000_000)} MB zwischen zwei Tags")

    def close(self) -> None:
        self.stream.close()


def too_large(role: str, limit: int) -> UnreadableFileError:
    """The German error for a part that unpacks to more than ``limit`` bytes."""
    return UnreadableFileError(
        f"Die Excel-Datei ist entpackt zu groß: {role} hat mehr als {format_number(limit // 1_000_000)} MB "
        "(so groß wird keine Tabelle mit 100.000 Zeilen). Bitte in mehrere Dateien aufteilen."
    )


def open_part(archive: zipfile.ZipFile, name: str, limit: int, role: str) -> BoundedPart:
    """Open the part ``name`` for reading, refusing missing, encrypted, exotic or oversized parts."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise broken(f"{role} fehlt") from None
    if info.flag_bits & 0x1:
        raise UnreadableFileError("Die Excel-Datei ist mit einem Kennwort geschützt; bitte ohne Kennwort speichern.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise broken(f"{role} ist auf eine ungewöhnliche Art gepackt")
    if info.file_size > limit:
        raise too_large(role, limit)
    return BoundedPart(archive.open(info), limit, role)


@functools.lru_cache(maxsize=512)
def local_name(tag: object) -> str:
    """``{namespace}name`` → ``name``; "" for nodes that are not elements (entities).

    Cached: a worksheet repeats a handful of tags millions of times.
    """
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def flat_elements(part: BoundedPart) -> Iterator[tuple[str, etree._Element]]:
    """Every element of a small part at its end, as (local name, element); released right after.

    Attributes and text are complete at the end event; after the consumer's turn the
    element is cleared and earlier siblings are removed, so the tree stays flat.
    """
    try:
        for _, element in etree.iterparse(part, events=("end",), **PARSER_OPTIONS):
            yield local_name(element.tag), element
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    finally:
        part.close()


def attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (``r:id`` in transitional or strict OOXML)."""
    for key, value in element.attrib.items():
        if local_name(key) == name:
            return value
    return None


def resolve(base_part: str, target: str) -> str:
    """A relationship target as a zip name: absolute (``/xl/…``) or relative to ``base_part``'s folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def relationships(archive: zipfile.ZipFile, part_name: str, role: str) -> list[tuple[str, str, str]]:
    """The (id, type, target zip name) relationships of ``part_name``; empty when it has none."""
    folder, file_name = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", f"{file_name}.rels")
    if rels_name not in archive.NameToInfo:
        return []
    found = []
    for name, element in flat_elements(open_part(archive, rels_name, MAX_SMALL_PART_BYTES, role)):
        if name == "Relationship" and element.get("TargetMode") != "External":
            target = element.get("Target")
            if target:
                found.append((element.get("Id", ""), element.get("Type", ""), resolve(part_name, target)))
        if len(found) > MAX_ZIP_ENTRIES:
            raise broken(f"{role} nennen zu viele Teile")
    return found
