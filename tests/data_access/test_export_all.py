"""``export alle``: one workbook, a sheet per kind in import order, each sheet importable again, the Stand kept.

On SQLite and PostgreSQL: the workbook's sheets and their cells (the same as ``export KIND
--format xlsx``), the Stand in the Info sheet and the document properties, the round trip
export alle → import sheet by sheet into a new empty database → export alle with the same
cells, the reader choosing the sheet of the kind (else the first), the command line's
messages, and hostile workbooks (thousands of sheets, huge sheet names) under a memory cap.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from data_access.audit import default_actor
from data_access.demo import generate, load
from data_access.engine import make_engine, read_connection, write_transaction
from data_access.export_all import EXPORT_ORDER, INFO_SHEET, export_all, snapshot_connection
from data_access.exporting import export_kind, export_rows
from data_access.importing.plan import import_file
from data_access.importing.readers import read_sheet
from data_access.importing.templates import TEMPLATES
from data_access.importing.xlsx_reader import MAX_SHEETS, worksheet_name
from data_access.migrate import upgrade
from tests import hostile_files as hostile
from tests.conftest import new_database_url
from tests.data_access.test_import_memory_cap import run_import, table_snapshot
from tests.importing_helpers import run_cli

EXPORTED = datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)
SMALL_NETWORK_STAND = datetime.datetime(2026, 11, 1, 12, 0)  # build_small_network's mark_changed, naive UTC
SHEET_NAMES = [worksheet_name(TEMPLATES[kind].title) for kind in EXPORT_ORDER]


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_cells(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple]:
    """Every written cell with what a reader sees: value, type, number format, bold, italic, text flag."""
    return [
        (
            cell.coordinate,
            cell.value,
            cell.data_type,
            cell.number_format,
            bool(cell.font.b),
            bool(cell.font.i),
            cell.quotePrefix,
        )
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def sheet_layout(sheet: openpyxl.worksheet.worksheet.Worksheet) -> tuple:
    """The frozen header row and the column widths."""
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    return sheet.freeze_panes, widths


def export_workbook(engine: Engine) -> bytes:
    with snapshot_connection(engine) as connection:
        return export_all(connection, now=EXPORTED).content


@pytest.fixture
def second_database(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A second new, migrated, empty database on the same backend (the target of a round trip)."""
    urls = new_database_url(backend, tmp_path)
    engine = make_engine(next(urls))
    upgrade(engine)
    yield engine
    engine.dispose()
    next(urls, None)  # drops a PostgreSQL database


# --- the workbook ---------------------------------------------------------------------------


def test_a_sheet_per_kind_in_import_order_with_the_template_header_and_the_stand(small_network: Engine) -> None:
    book = workbook(export_workbook(small_network))
    assert book.sheetnames == [*SHEET_NAMES, INFO_SHEET]
    assert book.sheetnames[0] == "Mitglieder"  # a reader of the first sheet gets members, never the Info
    assert "Sprecher_innenrat" in book.sheetnames  # "*" is not allowed in a sheet name
    for kind, name in zip(EXPORT_ORDER, SHEET_NAMES, strict=True):
        header = [cell.value for cell in book[name][1]]
        assert header == [column.name for column in TEMPLATES[kind].columns], kind
        assert book[name].freeze_panes == "A2"
        assert book[name].oddHeader.right.text == "Stand: 01.11.2026"
    assert book["Veranstaltungen"].max_row == 7  # six events below the header
    info = book[INFO_SHEET]
    assert info["A2"].value == "Stand: 01.11.2026"
    assert (info["A4"].value, info["B4"].value) == ("Letzte Änderung der Daten (UTC)", SMALL_NETWORK_STAND)
    assert info["B5"].value == datetime.datetime(2026, 11, 30, 9, 15)
    rows = [[cell.value for cell in row] for row in info.iter_rows(min_row=8, max_row=7 + len(EXPORT_ORDER))]
    assert rows[0] == ["Mitglieder", 6, "python -m data_access import mitglieder GSN_Gesamtexport.xlsx"]
    assert rows[5] == ["Sprecher_innenrat", 0, "leer, nichts einzulesen"]
    assert [row[0] for row in rows] == SHEET_NAMES
    assert book.properties.subject == "Stand: 01.11.2026"
    assert book.properties.created == datetime.datetime(2026, 11, 30, 9, 15)
    assert {prop.name: prop.value for prop in book.custom_doc_props.props} == {"Stand": SMALL_NETWORK_STAND}


def test_every_sheet_has_the_cells_of_the_single_kind_xlsx_export(small_network: Engine) -> None:
    content = 'kommune;art;titel;beginn;ende;teilnehmende\nKiel;Aktionstag;=HYPERLINK("x");01.04.2024;03.04.2024;12\n'
    assert import_file(small_network, "veranstaltungen", "v.csv", content.encode(), actor="test").accepted
    book = workbook(export_workbook(small_network))
    with read_connection(small_network) as connection:
        singles = {kind: workbook(export_kind(connection, kind, "xlsx")) for kind in EXPORT_ORDER}
    for kind, name in zip(EXPORT_ORDER, SHEET_NAMES, strict=True):
        single = singles[kind]
        assert single.sheetnames == [name]  # the same sheet name as the one-kind export
        assert sheet_cells(book[name]) == sheet_cells(single.active), kind
        assert sheet_layout(book[name]) == sheet_layout(single.active), kind
    formula = [cell for cell in sheet_cells(book["Veranstaltungen"]) if cell[1] == '=HYPERLINK("x")']
    assert formula[0][2:] == ("s", "General", False, False, True)  # a text cell flagged as text, no apostrophe
    starts = [cell for cell in sheet_cells(book["Veranstaltungen"]) if cell[0][0] == "D" and cell[0] != "D1"]
    assert len(starts) == 7
    assert all(cell[2:4] == ("d", "dd.mm.yyyy") for cell in starts)  # real dates, shown TT.MM.JJJJ


def test_an_empty_database_has_headers_only_and_says_so(migrated_engine: Engine) -> None:
    with snapshot_connection(migrated_engine) as connection:
        export = export_all(connection, "leer.xlsx", now=EXPORTED)
    book = workbook(export.content)
    assert [book[name].max_row for name in SHEET_NAMES] == [1, 1, 1, 1, 1 + 9, 1, 1, 1]  # the nine seeded criteria
    assert book[INFO_SHEET]["A2"].value == "Stand: noch keine Daten"
    assert book[INFO_SHEET]["B4"].value is None
    assert book[INFO_SHEET]["C12"].value == "python -m data_access import kriterien leer.xlsx"


def test_the_workbook_is_one_state_even_when_someone_writes_meanwhile(small_network: Engine) -> None:
    """A write between two sheets (here: after the first query) does not reach the workbook."""
    new_member = "kommune;art;bundesland;beitritt\nLübeck;Stadt;SH;2010\n"
    with snapshot_connection(small_network) as connection:
        assert len(export_rows(connection, "mitglieder")[1]) == 6
        plan = import_file(small_network, "mitglieder", "neu.csv", new_member.encode(), actor="test")
        assert plan.accepted
        export = export_all(connection, now=EXPORTED)
    assert export.rows["mitglieder"] == 6
    assert export.stand == datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)  # not the import's Stand
    assert workbook(export.content)["Mitglieder"].max_row == 7


# --- the round trip ---------------------------------------------------------------------------


def test_round_trip_through_a_new_database_gives_the_same_cells(database_url: str, second_database: Engine) -> None:
    source = make_engine(database_url)
    upgrade(source)
    with write_transaction(source) as connection:
        load(connection, generate(seed=7, members=20), actor="test")
    first = export_workbook(source)
    with read_connection(source) as connection:
        csv_before = {kind: export_kind(connection, kind, "csv") for kind in EXPORT_ORDER}
    assert all(csv.count(b"\r\n") > 1 for csv in csv_before.values())  # every kind has rows to carry over
    # Into the same database: nothing changes.
    for kind in EXPORT_ORDER:
        plan = import_file(source, kind, "GSN_Gesamtexport.xlsx", first, actor="test", dry_run=True)
        assert plan.accepted, (kind, plan.problems[:3])
        assert (len(plan.inserts), len(plan.updates)) == (0, 0), kind
        assert plan.unchanged == csv_before[kind].count(b"\r\n") - 1, kind
    source.dispose()
    # Into a new, empty database, kind by kind in the sheets' order.
    for kind in EXPORT_ORDER:
        plan = import_file(second_database, kind, "GSN_Gesamtexport.xlsx", first, actor=default_actor())
        assert plan.accepted, (kind, plan.problems[:3])
    again = export_workbook(second_database)
    before, after = workbook(first), workbook(again)
    assert after.sheetnames == before.sheetnames
    for name in SHEET_NAMES:
        assert sheet_cells(after[name]) == sheet_cells(before[name]), name
    with read_connection(second_database) as connection:
        for kind in EXPORT_ORDER:
            assert export_kind(connection, kind, "csv") == csv_before[kind], kind
    # The Info sheet differs only in the moments (Stand, export) and the demo flag (imported rows are no demo).
    info_before = [cell[:2] for cell in sheet_cells(before[INFO_SHEET]) if cell[0] not in ("A2", "B4")]
    info_after = [cell[:2] for cell in sheet_cells(after[INFO_SHEET]) if cell[0] not in ("A2", "B4")]
    assert info_after == info_before
    assert before[INFO_SHEET]["A2"].value.endswith("· Beispieldaten")
    assert after[INFO_SHEET]["A2"].value.startswith("Stand: ")


# --- which sheet the reader takes -------------------------------------------------------------


def several_sheets(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with ``sheets`` (name → rows) in this order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SELF_HELP_ROWS = [["kommune", "jahr", "themenbereich", "gruppen"], ["Kiel", 2024, "Sucht", 14]]
NOTES = [["Notizen der Geschäftsstelle"], ["nicht einlesen"]]


@pytest.mark.parametrize("name", ["Selbsthilfe", "selbsthilfe", " SELBSTHILFE "])
def test_import_reads_the_sheet_of_its_kind_not_the_first(small_network: Engine, name: str) -> None:
    data = several_sheets({"Notizen": NOTES, name: SELF_HELP_ROWS, "Tabelle3": NOTES})
    assert read_sheet("mappe.xlsx", data, ("selbsthilfe", "Selbsthilfe")).header == SELF_HELP_ROWS[0]
    plan = import_file(small_network, "selbsthilfe", "mappe.xlsx", data, actor="test")
    assert plan.accepted, plan.problems[:3]
    assert len(plan.inserts) == 1


def test_a_kind_is_found_by_its_sheet_title_too(small_network: Engine) -> None:
    seats = [["kommune", "seite", "beginn"], ["Kiel", "Kommune", datetime.date(2024, 1, 1)]]
    for name in ("Sprecher_innenrat", "sprecherrat"):
        data = several_sheets({"Mitglieder": [["kommune"], ["Kiel"]], name: seats})
        plan = import_file(small_network, "sprecherrat", "mappe.xlsx", data, actor="test", dry_run=True)
        assert plan.accepted, (name, plan.problems[:3])


def test_a_workbook_without_the_kinds_sheet_still_reads_the_first(small_network: Engine) -> None:
    data = several_sheets({"Tabelle1": SELF_HELP_ROWS, "Mindeststandards": NOTES})
    plan = import_file(small_network, "selbsthilfe", "mappe.xlsx", data, actor="test")
    assert plan.accepted, plan.problems[:3]
    assert len(plan.inserts) == 1
    # The whole workbook with a kind's sheet deleted: the first sheet (members) is read, never the Info.
    book = workbook(export_workbook(small_network))
    del book["Selbsthilfe"]
    buffer = io.BytesIO()
    book.save(buffer)
    plan = import_file(small_network, "selbsthilfe", "alle.xlsx", buffer.getvalue(), actor="test")
    assert not plan.accepted
    # A members column, and the message says which sheet was read and why.
    assert str(plan.problems[0]).startswith(
        "alle.xlsx (erstes Blatt „Mitglieder“; keines heißt „Selbsthilfe“), Zeile 1, Spalte „art“: Unbekannte Spalte."
    )


def test_the_visible_sheet_wins_over_a_hidden_one_and_messages_name_it(small_network: Engine) -> None:
    book = workbook(export_workbook(small_network))
    book["Kriterien"].sheet_state = "hidden"  # the original, hidden by the steward …
    edited = book.copy_worksheet(book["Kriterien"])  # … and an edited copy under the kind's name
    edited.title = "kriterien "
    edited["B2"] = "Ein neuer Titel für Punkt 1"
    edited["A3"] = "zehn"  # a mistake, to see where the message points
    buffer = io.BytesIO()
    book.save(buffer)
    plan = import_file(small_network, "kriterien", "alle.xlsx", buffer.getvalue(), actor="test", dry_run=True)
    assert not plan.accepted
    assert str(plan.problems[0]).startswith("alle.xlsx (Blatt „kriterien“), Zeile 3, Spalte „punkt“"), plan.problems
    del book["kriterien "]
    empty = book.create_sheet("Kriterien ")
    empty.sheet_state = "visible"
    buffer = io.BytesIO()
    book.save(buffer)
    plan = import_file(small_network, "kriterien", "alle.xlsx", buffer.getvalue(), actor="test", dry_run=True)
    assert [str(problem) for problem in plan.problems] == ["alle.xlsx: Das Tabellenblatt ist leer (Blatt „Kriterien“)."]


def test_a_broken_sheet_is_named_in_the_message(small_network: Engine) -> None:
    workbook_xml = hostile.WORKBOOK.replace("</sheets>", '<sheet name="Selbsthilfe" sheetId="2" r:id="rId9"/></sheets>')
    rels = hostile.WORKBOOK_RELS.replace(
        "</Relationships>",
        f'<Relationship Id="rId9" Type="{hostile.RELATIONSHIPS}/worksheet" Target="worksheets/sheet9.xml"/>'
        "</Relationships>",
    )
    broken_sheet = (hostile.SHEET_START + "<sheetData><row><c><v>1</v></row>").encode()
    data = hostile.xlsx(
        hostile.simple_sheet([hostile.text_row(1, ["a"])]),
        workbook=workbook_xml,
        workbook_rels=rels,
        extra={"xl/worksheets/sheet9.xml": broken_sheet},
    )
    plan = import_file(small_network, "selbsthilfe", "mappe.xlsx", data, actor="test")
    assert not plan.accepted
    assert "das Tabellenblatt „Selbsthilfe“ ist nicht lesbar" in str(plan.problems[0])


# --- the command line --------------------------------------------------------------------------


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, url: str, *arguments: str) -> tuple:
    """``python -m data_access`` in-process on ``url``: (exit status, stdout, stderr)."""
    return run_cli(monkeypatch, capsys, url, *arguments)


def test_command_line_messages_and_import_of_one_sheet(
    small_network: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    url = url_of(small_network)
    target = tmp_path / "GSN_Gesamtexport.xlsx"
    code, out, err = cli(monkeypatch, capsys, url, "export", "alle")
    assert (code, out) == (2, "")
    assert err.startswith("Fehler beim Aufruf: export alle braucht eine Zieldatei")
    code, out, err = cli(monkeypatch, capsys, url, "export", "alle", "--format", "csv", "-o", str(target))
    assert (code, out) == (2, "")
    assert "export alle schreibt eine Excel-Arbeitsmappe (xlsx), kein csv" in err
    assert not target.exists()
    code, out, err = cli(monkeypatch, capsys, url, "export", "alle", "-o", str(target))
    assert (code, out) == (0, "")
    assert err.startswith(f"Alle Daten nach {target} exportiert, Stand: 01.11.2026. Je Art ein Blatt")
    assert "mitglieder 6, veranstaltungen 6, selbsthilfe 5, mindeststandards 21, kriterien 9" in err
    assert "Traceback" not in err
    assert workbook(target.read_bytes()).sheetnames == [*SHEET_NAMES, INFO_SHEET]
    code, _, err = cli(monkeypatch, capsys, url, "import", "veranstaltungen", str(target), "--dry-run")
    assert code == 0, err
    assert "Beim Import: 0 neu, 0 geändert, 6 unverändert" in err
    code, _, err = cli(monkeypatch, capsys, url, "export", "alle", "--format", "xlsx", "-o", str(target))
    assert code == 0, err


def test_single_kind_exports_are_unchanged_and_council_seats_export_as_xlsx(
    small_network: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    url = url_of(small_network)
    with read_connection(small_network) as connection:
        expected = export_kind(connection, "mitglieder", "csv")
    code, out, _ = cli(monkeypatch, capsys, url, "export", "mitglieder")
    assert code == 0
    assert out == expected.decode("utf-8")  # CSV to stdout, as before
    target = tmp_path / "sitze.xlsx"
    code, _, err = cli(monkeypatch, capsys, url, "export", "sprecherrat", "--format", "xlsx", "-o", str(target))
    assert (code, err) == (0, f"sprecherrat nach {target} exportiert.\n")  # "Sprecher*innenrat" broke xlsxwriter
    assert workbook(target.read_bytes()).sheetnames == ["Sprecher_innenrat"]


# --- hostile workbooks ------------------------------------------------------------------------


def many_sheets(count: int, name: str) -> bytes:
    """A workbook listing ``count`` sheets called ``name`` + number, all pointing to one worksheet."""
    entries = "".join(f'<sheet name="{name}{number}" sheetId="{number}" r:id="rId1"/>' for number in range(count))
    workbook_xml = (
        f'<workbook xmlns="{hostile.MAIN}" xmlns:r="{hostile.RELATIONSHIPS}"><sheets>{entries}</sheets></workbook>'
    )
    return hostile.xlsx(hostile.simple_sheet([]), workbook=workbook_xml)


HOSTILE_WORKBOOKS = [
    ("blaetter.xlsx", lambda: many_sheets(20 * MAX_SHEETS, "Blatt"), "mehr als 1.000 Tabellenblätter"),
    # 8 MB of names, none matches: the first sheet is read, and its name is shortened in the message.
    ("namen.xlsx", lambda: many_sheets(9, "x" * 900_000), f"Das Tabellenblatt ist leer (erstes Blatt „{'x' * 31}…“"),
    ("name-riesig.xlsx", lambda: many_sheets(1, "x" * 2_000_000), "zwischen zwei Tags"),
]


def test_hostile_workbooks_end_in_german_under_a_memory_cap(small_network: Engine, tmp_path: Path) -> None:
    url = url_of(small_network)
    before = table_snapshot(url)
    for name, build, expected in HOSTILE_WORKBOOKS:
        path = tmp_path / name
        path.write_bytes(build())
        result = run_import(url, "selbsthilfe", path)
        assert result.returncode == 1, (name, result.stderr[:600])
        assert f"{name} wurde abgelehnt; es wurde nichts geschrieben." in result.stderr
        assert expected in result.stderr, (name, result.stderr[:600])
        assert "Traceback" not in result.stderr
        assert len(result.stderr) < 20_000
    assert table_snapshot(url) == before
