"""Builders of hostile and broken import files, written fast as raw XML or bytes (no openpyxl).

Each builder returns the file's bytes. The big ones are written with ``zipfile`` in
chunks, so a 200 MB part costs a second, not a gigabyte.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
ROOT_RELS = (
    f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
    f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
    '<sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
)
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
SHEET_END = "</worksheet>"


def text_cell(reference: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def row(number: int, cells: Iterable[str]) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def text_row(number: int, texts: Iterable[str | None]) -> str:
    """A row of inline-string cells from column A on (None leaves a cell out)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return row(number, (text_cell(f"{letters[i]}{number}", t) for i, t in enumerate(texts) if t is not None))


def xlsx(
    sheet: Iterable[str],
    *,
    shared_strings: Iterable[str] | None = None,
    workbook: str = WORKBOOK,
    workbook_rels: str = WORKBOOK_RELS,
    styles: str = STYLES,
    sheet_name: str | None = "xl/worksheets/sheet1.xml",
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """An XLSX package whose first worksheet's XML is ``sheet`` (chunks, written as they come)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/styles.xml", styles)
        if shared_strings is not None:
            with archive.open("xl/sharedStrings.xml", "w") as part:
                part.write(f'<sst xmlns="{MAIN}">'.encode())
                for chunk in shared_strings:
                    part.write(chunk.encode())
                part.write(b"</sst>")
        if sheet_name is not None:
            info = zipfile.ZipInfo(sheet_name)
            info.compress_type = compression
            with archive.open(info, "w") as part:
                for chunk in sheet:
                    part.write(chunk.encode())
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def simple_sheet(rows: Iterable[str], dimension: str | None = None) -> list[str]:
    head = SHEET_START + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
    return [head, *rows, "</sheetData>" + SHEET_END]


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """``data`` with the central-directory entry of ``name`` claiming ``declared`` uncompressed bytes."""
    encoded = name.encode()
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == encoded:
            break
        position = data.find(b"PK\x01\x02", position + 4)
    if position < 0:
        raise ValueError(name)
    patched = bytearray(data)
    struct.pack_into("<L", patched, position + 24, declared)
    return bytes(patched)


def whitespace_bomb(megabytes: int) -> list[str]:
    """A sheet with a header and ``megabytes`` MB of spaces inside ``<sheetData>`` (compresses ~1000:1)."""
    spaces = " " * (1 << 20)
    return [
        SHEET_START + "<sheetData>" + text_row(1, ["kommune", "jahr", "themenbereich", "gruppen"]),
        *(spaces for _ in range(megabytes)),
        "</sheetData>" + SHEET_END,
    ]


def comment_bomb(megabytes: int) -> list[str]:
    """Like :func:`whitespace_bomb`, but the megabytes are tiny XML comments: every few bytes a ``<``,
    so only the size limit of the part can stop it."""
    comments = "<!---->" * ((1 << 20) // 7)
    return [
        SHEET_START + "<sheetData>" + text_row(1, ["kommune", "jahr", "themenbereich", "gruppen"]),
        *(comments for _ in range(megabytes)),
        "</sheetData>" + SHEET_END,
    ]


def attribute_flood(attributes: int) -> list[str]:
    """A sheet whose second row carries ``attributes`` empty attributes (libxml2 builds them all)."""
    names = (f' a{number:x}=""' for number in range(attributes))
    return [
        SHEET_START + "<sheetData>" + text_row(1, ["kommune", "jahr", "themenbereich", "gruppen"]) + '<row r="2"',
        *("".join(chunk) for chunk in _chunked(names, 10_000)),
        "/></sheetData>" + SHEET_END,
    ]


def _chunked(items: Iterable[str], size: int) -> Iterable[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def many_rows(count: int) -> list[str]:
    """A selbsthilfe sheet with ``count`` data rows (numbers and inline strings), in chunks of 10,000 rows."""
    header = text_row(1, ["kommune", "jahr", "themenbereich", "gruppen"])
    chunks = [SHEET_START + "<sheetData>" + header]
    for start in range(2, count + 2, 10_000):
        chunks.append(
            "".join(
                f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Kiel</t></is></c><c r="B{n}"><v>2024</v></c>'
                f'<c r="C{n}" t="inlineStr"><is><t>T{n}</t></is></c><c r="D{n}"><v>1</v></c></row>'
                for n in range(start, min(start + 10_000, count + 2))
            )
        )
    chunks.append("</sheetData>" + SHEET_END)
    return chunks
