"""Import limits and hostile files: refused with a German sentence naming limit and place, nothing written.

Three layers: the readers' limits at their boundaries (``read_sheet``), the cell rules of
validation (numbers, control characters, formulas, error values, bounded problems), and
every hostile file through the real command line, in-process against a temporary SQLite
database, with a full snapshot before and after. ``test_import_memory_cap.py`` runs the
hostile files once more in child processes limited to 1 GiB of address space.
"""

from __future__ import annotations

import codecs
import datetime
import io
import random

import pytest

from data_access.importing.problems import MAX_SHOWN_CHARACTERS, Problem, Problems
from data_access.importing.readers import (
    FORMULA_WITHOUT_VALUE,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_LINES,
    MAX_ROWS,
    CellError,
    UnreadableFileError,
    read_sheet,
)
from data_access.importing.templates import TEMPLATES
from data_access.importing.validation import MAX_PROBLEMS, Context, check
from data_access.importing.xlsx_package import BoundedPart
from tests import hostile_files as hostile
from tests.hostile_cases import BROKEN, CLI_CASES, SELF_HELP_HEADER, Builder, openpyxl_file
from tests.importing_helpers import Workspace


def read_all(name: str, data: bytes) -> tuple[list, list]:
    sheet = read_sheet(name, data)
    return sheet.header, list(sheet.rows)


def refused(name: str, data: bytes) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as caught:
        read_all(name, data)
    return caught.value


# --- the readers' limits, at their boundaries ---------------------------------------------


def test_file_size_is_checked_before_anything_else() -> None:
    error = refused("gross.xlsx", hostile.xlsx([]) + b"\0" * MAX_FILE_BYTES)
    assert str(error) == "Die Datei ist 50 MB groß; höchstens 50 MB sind erlaubt. Bitte in mehrere Dateien aufteilen."


def test_data_rows_are_limited_and_empty_rows_do_not_count() -> None:
    _, rows = read_all("ok.csv", b"a;b\n" + b"x;1\n;;\n\n" + b"x;1\n" * (MAX_ROWS - 1))
    assert len(rows) == MAX_ROWS
    error = refused("zu-viele.csv", b"a;b\n" + b"x;1\n" * (MAX_ROWS + 1))
    assert str(error) == "Die Datei hat mehr als 100.000 Datenzeilen; bitte in mehrere Dateien aufteilen."
    assert error.line == MAX_ROWS + 2


def test_empty_lines_are_limited_too() -> None:
    error = refused("leer.csv", b"a;b\n" + b"\n" * MAX_LINES)
    assert "mehr als 1.048.576 Zeilen (leere mitgezählt)" in str(error)
    assert error.line == MAX_LINES + 1


def test_columns_with_a_value_are_limited_not_empty_ones() -> None:
    header, rows = read_all("breit.csv", (";".join(["x"] * MAX_COLUMNS) + ";" * 10_000 + "\n").encode())
    assert len(header) == MAX_COLUMNS
    assert rows == []
    error = refused("zu-breit.csv", ("a\n" + ";" * MAX_COLUMNS + "x\n").encode())
    assert str(error) == "In Zeile 2 steht ein Wert in Spalte 51; höchstens 50 Spalten mit Werten sind erlaubt."
    assert (error.line, error.column, error.position) == (2, "Nr. 51", 50)


@pytest.mark.parametrize("names", ["kurz", "lang"])
def test_a_header_of_200000_columns_is_one_sentence(names: str) -> None:
    header = ";".join("x" if names == "kurz" else f"spalte{number}" for number in range(200_000))
    error = refused("kopf.csv", (header + "\nKiel\n").encode())
    assert error.line == 1
    assert "50 Spalten" in str(error)


def test_cell_length_is_limited() -> None:
    _, rows = read_all("ok.csv", ("a;b\nKiel;" + "x" * MAX_CELL_CHARACTERS + "\n").encode())
    assert len(rows[0][1][1]) == MAX_CELL_CHARACTERS
    error = refused("lang.csv", ("a;b\nKiel;" + "x" * (MAX_CELL_CHARACTERS + 1) + "\n").encode())
    assert str(error) == (
        "In Zeile 2 hat die Zelle in Spalte 2 10.001 Zeichen; höchstens 10.000 Zeichen je Zelle sind erlaubt."
    )
    assert (error.line, error.position) == (2, 1)


@pytest.mark.parametrize("size", [200_000, 1 << 20, 5 << 20])
def test_a_huge_cell_is_refused_in_german_with_its_line(size: int) -> None:
    error = refused("riesig.csv", ('a;b\nKiel;"' + "x" * size + '"\n').encode())
    assert error.line == 2
    assert "länger als 10.000 Zeichen" in str(error) or "600.000 Zeichen" in str(error)
    assert "field" not in str(error)


def test_valued_cells_beyond_column_50_are_refused_with_their_excel_reference() -> None:
    data = hostile.xlsx(
        hostile.simple_sheet([hostile.text_row(1, ["kommune"]), hostile.row(7, [hostile.text_cell("AY7", "x")])])
    )
    error = refused("weit.xlsx", data)
    assert str(error).startswith("In der Zelle AY7 steht ein Wert; höchstens 50 Spalten")
    assert (error.line, error.column) == (7, "Nr. 51")
    far = hostile.row(1_048_576, [hostile.text_cell("XFD1048576", "x")])
    error = refused("fern.xlsx", hostile.xlsx(hostile.simple_sheet([hostile.text_row(1, ["kommune"]), far])))
    assert "XFD1048576" in str(error)
    assert error.line == 1_048_576
    empty_far = hostile.row(1_048_576, ['<c r="XFD1048576" s="1"/>'])  # formatting only: ignored
    assert read_all("leer.xlsx", hostile.xlsx(hostile.simple_sheet([hostile.text_row(1, ["a"]), empty_far]))) == (
        ["a"],
        [],
    )


def test_dimension_is_not_trusted_and_nothing_is_padded() -> None:
    rows = [hostile.text_row(1, ["kommune", "jahr"]), hostile.text_row(2, ["Kiel", None]), hostile.text_row(3, ["x"])]
    data = hostile.xlsx(hostile.simple_sheet(rows, dimension="A1:XFD1048576"))
    assert read_all("dim.xlsx", data) == (["kommune", "jahr"], [(2, ["Kiel"]), (3, ["x"])])
    last = hostile.xlsx(hostile.simple_sheet([hostile.text_row(1, ["a"]), hostile.text_row(1_048_576, ["x"])]))
    assert read_all("letzte.xlsx", last) == (["a"], [(1_048_576, ["x"])])


def test_shared_strings_are_limited() -> None:
    strings = ("<si><t>a</t></si>" * 1_000 for _ in range(501))
    sheet = hostile.simple_sheet(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'])
    error = refused("texte.xlsx", hostile.xlsx(sheet, shared_strings=strings))
    assert (
        str(error) == "Die Excel-Datei enthält mehr als 500.000 verschiedene Texte; bitte in mehrere Dateien aufteilen."
    )


def test_zip_directory_and_part_sizes_are_limited() -> None:
    many = hostile.xlsx(hostile.simple_sheet([]), extra={f"x/{number}.xml": b"" for number in range(1_001)})
    assert "mehr als 1.000 Teilen" in str(refused("viele.xlsx", many))
    bomb = hostile.xlsx(hostile.comment_bomb(101))
    assert len(bomb) < 1_000_000
    assert str(refused("bombe.xlsx", bomb)).startswith(
        "Die Excel-Datei ist entpackt zu groß: das erste Tabellenblatt hat mehr als 100 MB"
    )
    spaces = hostile.xlsx(hostile.whitespace_bomb(90))  # below the size limit: 90 MB of nothing between two tags
    assert str(refused("leer.xlsx", spaces)).startswith(
        "Die Excel-Datei ist beschädigt (das erste Tabellenblatt: mehr als 1 MB zwischen zwei Tags)"
    )
    flood = hostile.xlsx(hostile.attribute_flood(300_000))  # 2.3 million of them took the server to 1 GB
    assert "mehr als 1 MB zwischen zwei Tags" in str(refused("attribute.xlsx", flood))
    lying = hostile.lie_about_size(bomb, "xl/worksheets/sheet1.xml", 10_000)
    assert str(refused("luege.xlsx", lying)).startswith("Die Excel-Datei ist beschädigt (das erste Tabellenblatt")


def test_a_part_delivers_no_more_than_its_limit_whatever_it_declared() -> None:
    part = BoundedPart(io.BytesIO(b"x" * 300_000), 200_000, "das erste Tabellenblatt")
    assert len(part.read(65_536) + part.read(65_536) + part.read(65_536)) == 196_608
    with pytest.raises(UnreadableFileError, match="entpackt zu groß: das erste Tabellenblatt"):
        part.read(65_536)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_xlsx_is_a_german_sentence_not_a_traceback(case: str) -> None:
    error = refused("kaputt.xlsx", BROKEN[case])
    assert str(error).startswith("Die Excel-Datei ist beschädigt ("), str(error)
    assert str(error).endswith("Bitte in Excel öffnen, neu speichern und noch einmal einlesen.")


def test_xml_entities_are_never_expanded_or_fetched() -> None:
    doctype = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    doctype += "".join(f'<!ENTITY {chr(98 + level)} "{f"&{chr(97 + level)};" * 10}">' for level in range(9)) + "]>"
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row>'
    laughs = hostile.xlsx([doctype + f'<worksheet xmlns="{hostile.MAIN}"><sheetData>{cells}</sheetData></worksheet>'])
    assert str(refused("lachen.xlsx", laughs)).startswith("Die Excel-Datei ist beschädigt (das erste Tabellenblatt")
    external = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c><c r="B1" t="str"><v>x&x;</v></c></row>'
    leak = hostile.xlsx([external + f'<worksheet xmlns="{hostile.MAIN}"><sheetData>{cells}</sheetData></worksheet>'])
    assert read_all("xxe.xlsx", leak) == ([None, "x"], [])  # nothing read from the file system


def test_xlsx_cell_types_as_excel_means_them() -> None:
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>_x000A_b</t></is></c>'
        '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>A1</f><v></v></c>'
        '<c r="E1" t="b"><v>1</v></c><c r="F1" s="1"><v>1</v></c><c><v>2.5</v></c>'
        '<c t="str"><f>A1</f><v>x</v></c></row>'
    )
    strings = ["<si><r><t>Ki</t></r><r><t>el</t></r><rPh><t>キール</t></rPh></si>"]
    workbook = hostile.WORKBOOK.replace("<sheets>", '<workbookPr date1904="1"/><sheets>')
    header, _ = read_all(
        "typen.xlsx", hostile.xlsx(hostile.simple_sheet([cells]), shared_strings=strings, workbook=workbook)
    )
    assert header == [
        "Kiel",
        "\nb",
        CellError("#DIV/0!"),
        FORMULA_WITHOUT_VALUE,
        True,
        datetime.datetime(1904, 1, 2),
        2.5,
        "x",
    ]


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    data = bom + "kommune\tart\r\nKöln\tStadt\r\n".encode(codec)
    assert read_all("unicode.txt", data) == (["kommune", "art"], [(2, ["Köln", "Stadt"])])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("kommune\tart\r\nKöln\tStadt\r\n".encode("utf-16-le"), id="utf16-without-bom"),
        pytest.param(random.Random(7).randbytes(8_000), id="random-binary"),
        pytest.param("kommune;art\nKöln;Stadt\n".encode("cp1252") + b"\x81\x8d\n", id="no-known-encoding"),
    ],
)
def test_other_encodings_are_refused_naming_the_accepted_ones(data: bytes) -> None:
    assert "UTF-8, UTF-16 mit BOM oder Windows-1252" in str(refused("fremd.csv", data))


# --- problems are bounded ------------------------------------------------------------------


def test_problems_keep_fifty_and_count_all() -> None:
    problems = Problems(Problem("f", str(number)) for number in range(40))
    problems.extend(Problem("f", "x") for _ in range(15))
    problems += [Problem("f", "y")] * 5
    problems.insert(0, Problem("f", "erstes"))
    assert (len(problems), problems.total, problems.hidden) == (MAX_PROBLEMS, 61, 11)
    assert problems[0].message == "erstes"
    moved = problems.replaced(lambda problem: Problem(problem.file_name, problem.message, 7))
    assert (len(moved), moved.total, moved[1].line) == (MAX_PROBLEMS, 61, 7)
    assert problems.copy().total == 61


def test_a_problem_shows_at_most_80_characters_and_no_control_characters() -> None:
    problem = Problem("f.csv", "Zu lang.", 2, "titel", "\x1b[31m" + "x" * 1_000)
    assert len(problem.value) == MAX_SHOWN_CHARACTERS
    assert problem.value.endswith("…")
    assert "\x1b" not in str(problem)
    assert len(str(problem)) < 200


def test_check_keeps_fifty_problems_of_a_file_with_thousands() -> None:
    sheet = read_sheet("s.csv", (SELF_HELP_HEADER + "Kiel;2024;Sucht;viele;0\n" * 3_000).encode())
    checked = check(TEMPLATES["selbsthilfe"], "s.csv", sheet, Context({"Kiel": 1}))
    assert (len(checked.problems), checked.problems.total, checked.records) == (MAX_PROBLEMS, 3_000, [])


def test_a_limit_met_while_streaming_becomes_one_located_problem() -> None:
    content = SELF_HELP_HEADER + "Kiel;2024;Sucht;x;0\nKiel;2024;" + "y" * 20_000 + ";1;0\n"
    checked = check(TEMPLATES["selbsthilfe"], "s.csv", read_sheet("s.csv", content.encode()), Context({"Kiel": 1}))
    assert [(problem.line, problem.column) for problem in checked.problems] == [(3, "themenbereich")]
    assert "20.000 Zeichen" in checked.problems[0].message
    assert (checked.problems.total, checked.records) == (1, [])


# --- cell rules and hostile files through the command line -------------------------------


@pytest.mark.parametrize(("kind", "name", "build", "expected"), CLI_CASES, ids=[case[1] for case in CLI_CASES])
def test_hostile_file_is_refused_located_and_changes_nothing(
    workspace: Workspace, kind: str, name: str, build: Builder, expected: list[tuple[str, ...]]
) -> None:
    before = workspace.snapshot()
    code, message = workspace.cli("import", kind, str(workspace.write(name, build())))
    assert code == 1, message
    assert f"{name} wurde abgelehnt; es wurde nichts geschrieben." in message
    assert "Traceback" not in message
    assert len(message) < 20_000
    problem_lines = [line for line in message.splitlines() if line.startswith("  - ")]
    assert len(problem_lines) == len(expected), message
    for line, parts in zip(problem_lines, expected, strict=True):
        for part in parts:
            assert part in line, f"{part!r} fehlt in {line!r}"
    assert workspace.snapshot() == before


def test_what_excel_writes_is_still_accepted(workspace: Workspace) -> None:
    unicode_text = codecs.BOM_UTF16_LE + (
        "kommune\tart\tbundesland\tbeitritt\teinwohner\nKöln\tStadt\tNW\t1990\t1.084.831\n"
    ).encode("utf-16-le")
    assert workspace.cli("import", "mitglieder", str(workspace.write("unicode.txt", unicode_text)))[0] == 0
    line_break = openpyxl_file(
        [
            ["kommune", "art", "titel", "beginn", "teilnehmende", "angebote", "partner"],
            ["Köln", "Fachtag", "Erste Zeile\nzweite Zeile", "01.03.2024", 100_000, 10_000, 1e3],
        ]
    )
    code, message = workspace.cli("import", "veranstaltungen", str(workspace.write("umbruch.xlsx", line_break)))
    assert code == 0, message
    exported = workspace.export("veranstaltungen").decode("utf-8-sig")
    assert 'Köln;Fachtag;"Erste Zeile\nzweite Zeile";01.03.2024;;100000;10000;1000;' in exported
    assert "Köln;Stadt;NW;1990;;1084831;" in workspace.export("mitglieder").decode("utf-8-sig")


@pytest.mark.parametrize(
    ("text", "code"),
    [("Sucht\u200b", "U+200B"), ("Netz\u202eLIVE", "U+202E"), ("Sucht\u2028X", "U+2028"), ("a\u2066b", "U+2066")],
)
def test_invisible_format_characters_are_refused(workspace: Workspace, text: str, code: str) -> None:
    """A zero-width space made a second topic that looks like the first; a direction override turns a name round."""
    before = workspace.snapshot()
    path = workspace.write("unsichtbar.csv", f"kommune;jahr;themenbereich;gruppen\nKiel;2024;{text};3\n")
    status, message = workspace.cli("import", "selbsthilfe", str(path))
    assert status == 1
    assert "Zeile 2, Spalte „themenbereich“" in message
    assert f"unsichtbares Formatzeichen ({code})" in message
    assert workspace.snapshot() == before


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xef\xbb\xbfkommune;jahr\nKiel;2024\n\xff;2024\n", 3),
        ("kommune;jahr\nKiel;2024\nKiel;\ud800\n".encode("utf-16", "surrogatepass"), 3),
    ],
    ids=["utf-8-bom", "utf-16"],
)
def test_a_bad_byte_after_a_byte_order_mark_is_named_by_its_line(data: bytes, line: int) -> None:
    error = refused("kodierung.csv", data)
    assert error.line == line
    assert f"in Zeile {line} nicht gültig" in str(error)
    assert "SIG" not in str(error)
