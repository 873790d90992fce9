"""The hostile and broken import files the limit tests run: (kind, file name, builder, expected parts).

Shared by ``test_import_limits.py`` (in-process command line, one case each) and
``test_import_memory_cap.py`` (child processes under a 1 GiB cap, SQLite and PostgreSQL).
Each expected entry lists, per reported problem, the fragments its line must contain.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl

from tests import hostile_files as hostile

SELF_HELP_HEADER = "kommune;jahr;themenbereich;gruppen;neue_gruppen\n"
EVENT_HEADER = "kommune;art;titel;beginn;ende;teilnehmende;angebote;partner;format\n"


def openpyxl_file(rows: list[list]) -> bytes:
    """An XLSX written by openpyxl (formulas are saved without their result)."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BROKEN = {
    "workbook-xml": hostile.xlsx(hostile.simple_sheet([]), workbook=hostile.WORKBOOK[:-25]),
    "sheet-xml": hostile.xlsx([hostile.SHEET_START + "<sheetData><row><c><v>1</v></row>"]),
    "sheet-missing": hostile.xlsx([], sheet_name=None),
    "no-worksheet": hostile.xlsx(hostile.simple_sheet([]), workbook_rels=hostile.WORKBOOK_RELS.replace("rId1", "rId9")),
    "not-a-zip": b"PK\x03\x04" + bytes(200),
    "bzip2-part": hostile.xlsx(hostile.simple_sheet([hostile.text_row(1, ["a"])]), compression=12),
    "bad-number": hostile.xlsx(hostile.simple_sheet(['<row r="1"><c r="A1"><v>1e99999</v></c></row>'])),
    "bad-string-index": hostile.xlsx(hostile.simple_sheet(['<row r="1"><c r="A1" t="s"><v>7</v></c></row>'])),
    # Parts whose root is another element: expected children are missing (AttributeError before).
    "sheet-root-cell": hostile.xlsx([f'<c xmlns="{hostile.MAIN}" r="A1"><v>1</v></c>']),
    "styles-root-xf": hostile.xlsx(hostile.simple_sheet([]), styles=f'<xf xmlns="{hostile.MAIN}" numFmtId="14"/>'),
}


Builder = Callable[[], bytes]

CLI_CASES: list = [
    (
        "veranstaltungen",
        "zahlen.csv",
        lambda: (
            EVENT_HEADER
            + "".join(
                f"Kiel;Fachtag;T{number};01.03.2024;;{value};;;\n"
                for number, value in enumerate(
                    ["99999999999999999999", "3000000000", "1e3", "inf", "nan", "100001", "1_000", "+5"]
                )
            )
        ).encode(),
        [
            ("Zeile 2", "Wert „99999999999999999999“", "höchstens 100.000"),
            ("Zeile 3", "Wert „3000000000“", "höchstens 100.000"),
            ("Zeile 4", "Wert „1e3“", "ohne Exponent"),
            ("Zeile 5", "Wert „inf“", "ganze Zahl erwartet"),
            ("Zeile 6", "Wert „nan“", "ganze Zahl erwartet"),
            ("Zeile 7", "höchstens 100.000"),
            ("Zeile 8", "ganze Zahl erwartet"),
            ("Zeile 9", "ganze Zahl erwartet"),
        ],
    ),
    (
        "mitglieder",
        "exponent.csv",
        lambda: (
            b"kommune;art;bundesland;beitritt;einwohner;breitengrad\nNeustadt;Stadt;NI;2020;1e3;nan\n"
            b"Altstadt;Stadt;NI;2020;1E+03;inf\n"
        ),
        [
            ("Zeile 2", "Spalte „einwohner“", "Bitte die Zahl ohne Exponent schreiben"),
            ("Zeile 2", "Spalte „breitengrad“", "Dezimalzahl"),
            ("Zeile 3", "Spalte „einwohner“", "ohne Exponent"),
            ("Zeile 3", "Spalte „breitengrad“", "Dezimalzahl"),
        ],
    ),
    (
        "veranstaltungen",
        "typisiert.xlsx",
        lambda: openpyxl_file(
            [
                EVENT_HEADER.strip().split(";"),
                ["Kiel", "Fachtag", "A", "01.03.2024", None, 1e300, 3_000_000_000],
            ]
        ),
        [
            ("Zeile 2", "Spalte „teilnehmende“", "höchstens 100.000"),
            ("Zeile 2", "Spalte „angebote“", "höchstens 10.000"),
        ],
    ),
    (
        "veranstaltungen",
        "nul.csv",
        lambda: (
            EVENT_HEADER
            + "".join(f"Kiel;Fachtag;Titel {number};01.03.2024;;;;;\n" for number in range(150))
            + "Kiel;Fachtag;Ti\x00tel;02.03.2024;;;;;\n"
        ).encode(),
        [
            ("Zeile 152", "Spalte „titel“", "Wert „Ti\u2400tel“", "Steuerzeichen (U+0000)"),
        ],
    ),
    (
        "veranstaltungen",
        "steuer.csv",
        lambda: b"kommune;art;titel\x01;beginn\nKiel;Fachtag;T;01.03.2024\n",
        [("Zeile 1", "Nr. 3", "U+0001")],
    ),
    (
        "veranstaltungen",
        "steuer2.csv",
        lambda: (
            EVENT_HEADER
            + 'Kiel;Fachtag;"\x1b[31mrot\r";01.03.2024;;;;;\n'
            + 'Kiel;Fachtag;"zwei\nZeilen\tTab";01.03.2024;;;;;\n'
        ).encode(),
        [
            ("Zeile 2", "Spalte „titel“", "U+001B"),
            ("Zeile 3", "Spalte „titel“", "U+0009"),
        ],
    ),
    (
        "selbsthilfe",
        "escape.xlsx",
        lambda: hostile.xlsx(
            hostile.simple_sheet(
                [
                    hostile.text_row(1, SELF_HELP_HEADER.strip().split(";")),
                    hostile.text_row(2, ["Kiel", "2024", "Sucht_x0007_", "3"]),
                ]
            )
        ),
        [("Zeile 2", "Spalte „themenbereich“", "U+0007")],
    ),
    (
        "selbsthilfe",
        "formel.xlsx",
        lambda: openpyxl_file(
            [
                SELF_HELP_HEADER.strip().split(";"),
                ["Kiel", 2024, "Sucht", "=1+1", "=A1"],
            ]
        ),
        [
            (
                "Zeile 2",
                "Spalte „gruppen“",
                "Formel ohne gespeicherten Wert – bitte die Datei in Excel öffnen und speichern.",
            ),
            ("Zeile 2", "Spalte „neue_gruppen“", "Formel ohne gespeicherten Wert"),
        ],
    ),
    (
        "selbsthilfe",
        "fehler.xlsx",
        lambda: hostile.xlsx(
            hostile.simple_sheet(
                [
                    hostile.text_row(1, SELF_HELP_HEADER.strip().split(";")),
                    '<row r="2">'
                    + hostile.text_cell("A2", "Kiel")
                    + '<c r="B2"><v>2024</v></c>'
                    + hostile.text_cell("C2", "Sucht")
                    + '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
                ]
            )
        ),
        [("Zeile 2", "Spalte „gruppen“", "Wert „#DIV/0!“", "Fehlerwert #DIV/0! in der Zelle")],
    ),
    (
        "selbsthilfe",
        "dimension.xlsx",
        lambda: hostile.xlsx(
            hostile.simple_sheet(
                [
                    hostile.text_row(1, SELF_HELP_HEADER.strip().split(";")),
                    hostile.text_row(2, ["Atlantis", "2024", "Sucht", "3"]),
                ],
                dimension="A1:XFD1048576",
            )
        ),
        [("Zeile 2", "Spalte „kommune“", "kein Mitglied")],
    ),
    (
        "selbsthilfe",
        "fern.xlsx",
        lambda: hostile.xlsx(
            hostile.simple_sheet(
                [
                    hostile.text_row(1, SELF_HELP_HEADER.strip().split(";")),
                    hostile.row(1_048_576, [hostile.text_cell("XFD1048576", "x")]),
                ]
            )
        ),
        [("Zeile 1.048.576", "Spalte „Nr. 16384“", "In der Zelle XFD1048576 steht ein Wert")],
    ),
    (
        "selbsthilfe",
        "letzte-zeile.xlsx",
        lambda: hostile.xlsx(
            hostile.simple_sheet(
                [
                    hostile.text_row(1, SELF_HELP_HEADER.strip().split(";")),
                    hostile.text_row(1_048_576, ["Kiel", "2024", "Sucht", "x"]),
                ]
            )
        ),
        [("Zeile 1.048.576", "Spalte „gruppen“", "ganze Zahl")],
    ),
    (
        "selbsthilfe",
        "zeilen.xlsx",
        lambda: hostile.xlsx(hostile.many_rows(200_001)),
        [
            ("Zeile 100.002", "mehr als 100.000 Datenzeilen; bitte in mehrere Dateien aufteilen."),
        ],
    ),
    (
        "selbsthilfe",
        "lang.csv",
        lambda: (SELF_HELP_HEADER + "Kiel;2024;" + "x" * (1 << 20) + ";1;0\n").encode(),
        [
            ("Zeile 2", "10.000 Zeichen"),
        ],
    ),
    (
        "selbsthilfe",
        "kopf.csv",
        lambda: (";".join(f"s{number}" for number in range(200_000)) + "\n").encode(),
        [
            ("Zeile 1", "600.000 Zeichen", "50 Spalten"),
        ],
    ),
    (
        "selbsthilfe",
        "utf16.csv",
        lambda: (SELF_HELP_HEADER + "Kiel;2024;Sucht;3;1\n").encode("utf-16-le"),
        [
            ("Binärdaten", "UTF-8, UTF-16 mit BOM oder Windows-1252"),
        ],
    ),
    (
        "selbsthilfe",
        "arbeitsmappe.xlsx",
        lambda: BROKEN["workbook-xml"],
        [("beschädigt (die Arbeitsmappe ist nicht lesbar)",)],
    ),
    ("selbsthilfe", "blatt.xlsx", lambda: BROKEN["sheet-xml"], [("beschädigt (das erste Tabellenblatt",)]),
]
