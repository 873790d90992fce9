"""Bad import files: rejected whole, every problem located (line, column), nothing written.

Each case runs the real command line (``data_access.cli.main``) against a temporary
SQLite database that already holds three members, then compares a full export and the
audit log before and after: not one byte may change.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.importing_helpers import BASE_MEMBERS, Workspace

NEXT_YEAR_PLUS_ONE = datetime.date.today().year + 2

EVENT_HEADER = "kommune;art;titel;beginn;ende;teilnehmende;angebote;partner;format\n"
SELF_HELP_HEADER = "kommune;jahr;themenbereich;gruppen;neue_gruppen\n"

CASES = [
    pytest.param(
        "mitglieder",
        "kommune;art;beitritt\nKiel;Stadt;2002\n",
        [("Zeile 1", "Spalte „bundesland“", "Pflichtspalte fehlt")],
        id="missing-required-column",
    ),
    pytest.param(
        "selbsthilfe",
        SELF_HELP_HEADER + "Kiel;2024;Sucht;12;1\nAtlantis;2024;Sucht;3;0\n",
        [("Zeile 3", "Spalte „kommune“", "Wert „Atlantis“", "kein Mitglied")],
        id="unknown-kommune",
    ),
    pytest.param(
        "mitglieder",
        BASE_MEMBERS.splitlines()[0] + "\nNeustadt;Dorf;NI;2020;;;;;;\n",
        [("Zeile 2", "Spalte „art“", "Wert „Dorf“", "Unbekannte Art")],
        id="unknown-member-type",
    ),
    pytest.param(
        "mitglieder",
        BASE_MEMBERS.splitlines()[0] + "\nNeustadt;Stadt;Atlantis;2020;;;;;;\n",
        [("Zeile 2", "Spalte „bundesland“", "Wert „Atlantis“", "Unbekanntes Bundesland")],
        id="unknown-bundesland",
    ),
    pytest.param(
        "veranstaltungen",
        EVENT_HEADER + "Kiel;Tanzabend;Ball;01.03.2024;;;;;\n",
        [("Zeile 2", "Spalte „art“", "Unbekannte Veranstaltungsart")],
        id="unknown-event-type",
    ),
    pytest.param(
        "mitglieder",
        BASE_MEMBERS.splitlines()[0] + "\nNeustadt;Stadt;NI;1988;;;;;;\n",
        [("Zeile 2", "Spalte „beitritt“", "Wert „1988“", "zwischen 1989 und")],
        id="year-before-founding",
    ),
    pytest.param(
        "selbsthilfe",
        SELF_HELP_HEADER + f"Kiel;{NEXT_YEAR_PLUS_ONE};Sucht;12;1\n",
        [("Zeile 2", "Spalte „jahr“", f"Wert „{NEXT_YEAR_PLUS_ONE}“", "zwischen 1989 und")],
        id="year-after-next-year",
    ),
    pytest.param(
        "selbsthilfe",
        SELF_HELP_HEADER + "Kiel;2024;Sucht;-3;0\n",
        [("Zeile 2", "Spalte „gruppen“", "Wert „-3“", "nicht negativ")],
        id="negative-count",
    ),
    pytest.param(
        "veranstaltungen",
        EVENT_HEADER + "Kiel;Fachtag;Fachtag Pflege;01.03.2024;;viele;;;Präsenz\n",
        [("Zeile 2", "Spalte „teilnehmende“", "Wert „viele“", "ganze Zahl")],
        id="non-numeric-count",
    ),
    pytest.param(
        "veranstaltungen",
        EVENT_HEADER + "Kiel;Fachtag;A;31.02.2024;;;;;\nKiel;Fachtag;B;2024/03/01;;;;;\n",
        [
            ("Zeile 2", "Spalte „beginn“", "Wert „31.02.2024“", "gibt es nicht"),
            ("Zeile 3", "Spalte „beginn“", "Wert „2024/03/01“", "TT.MM.JJJJ"),
        ],
        id="bad-dates",
    ),
    pytest.param(
        "veranstaltungen",
        EVENT_HEADER + "Kiel;Gesundheitswoche;GW;09.03.2024;02.03.2024;;;;\n",
        [("Zeile 2", "Spalte „ende“", "Wert „02.03.2024“", "Ende liegt vor dem Beginn")],
        id="end-before-start",
    ),
    pytest.param(
        "selbsthilfe",
        SELF_HELP_HEADER + "Kiel;2024;Sucht;12;1\nHerne;2024;Sucht;20;2\nKiel;2024;Sucht;13;1\n",
        [("Zeile 4", "Spalte „kommune“", "steht schon in Zeile 2")],
        id="same-natural-key-twice",
    ),
    pytest.param("selbsthilfe", "", [("Die Datei ist leer",)], id="empty-file"),
    pytest.param("selbsthilfe", SELF_HELP_HEADER + ";;;;\n", [("keine Datenzeilen",)], id="header-only"),
    pytest.param(
        "mitglieder",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        [("keine CSV- oder Excel-Datei",)],
        id="not-csv-at-all",
    ),
    pytest.param(
        "mitglieder",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        [(".xls wird nicht unterstützt",)],
        id="old-xls",
    ),
    pytest.param(
        "mitglieder",
        BASE_MEMBERS.splitlines()[0] + ";bemerkung\nNeustadt;Stadt;NI;2020;;;;;;;neu\n",
        [("Zeile 1", "Spalte „bemerkung“", "Unbekannte Spalte")],
        id="unknown-column",
    ),
    pytest.param(
        "mindeststandards",
        "kommune;jahr;punkt;status\nKiel;2024;10;erfüllt\nKiel;2024;2;vielleicht\n",
        [
            ("Zeile 2", "Spalte „punkt“", "höchstens 9"),
            ("Zeile 3", "Spalte „status“", "Wert „vielleicht“", "Unbekannter Status"),
        ],
        id="bad-standards",
    ),
]


@pytest.mark.parametrize(("kind", "content", "expected"), CASES)
def test_bad_file_is_rejected_whole_and_changes_nothing(
    workspace: Workspace, kind: str, content: str | bytes, expected: list[tuple[str, ...]]
) -> None:
    before = workspace.snapshot()
    suffix = ".csv"
    path = workspace.write(f"{kind}{suffix}", content)
    code, message = workspace.cli("import", kind, str(path))
    assert code == 1, message
    assert f"{kind}{suffix} wurde abgelehnt; es wurde nichts geschrieben." in message
    problem_lines = [line for line in message.splitlines() if line.startswith("  - ")]
    assert len(problem_lines) == len(expected), message
    for line, parts in zip(problem_lines, expected, strict=True):
        assert line.startswith(f"  - {kind}{suffix}"), line
        for part in parts:
            assert part in line, f"{part!r} fehlt in {line!r}"
    assert workspace.snapshot() == before


def test_every_problem_of_a_file_is_reported_at_once(workspace: Workspace) -> None:
    content = SELF_HELP_HEADER + "Kiel;2024;Sucht;-1;0\nKiel;1900;Sucht;4;0\nAtlantis;2024;Sucht;4;0\n"
    path = workspace.write("selbsthilfe.csv", content)
    code, message = workspace.cli("import", "selbsthilfe", str(path))
    assert code == 1
    assert "3 Probleme" in message
    assert all(f"Zeile {line}" in message for line in (2, 3, 4))


def test_valid_rows_beside_an_invalid_one_are_not_written(workspace: Workspace) -> None:
    before = workspace.snapshot()
    path = workspace.write("selbsthilfe.csv", SELF_HELP_HEADER + "Kiel;2024;Sucht;12;1\nKiel;2024;Umwelt;x;0\n")
    assert workspace.cli("import", "selbsthilfe", str(path))[0] == 1
    assert workspace.snapshot() == before


def test_fake_xlsx_is_rejected(workspace: Workspace) -> None:
    path = workspace.write("mitglieder.xlsx", "kommune;art\n")
    code, message = workspace.cli("import", "mitglieder", str(path))
    assert code == 1
    assert "keine Excel-Datei" in message


def test_missing_file_and_unknown_kind_are_usage_errors(workspace: Workspace, tmp_path: Path) -> None:
    code, message = workspace.cli("import", "mitglieder", str(tmp_path / "fehlt.csv"))
    assert code == 2
    assert "gibt es nicht" in message
    code, message = workspace.cli("import", "kaffee", "x.csv")
    assert code == 2
    assert "Fehler beim Aufruf" in message
    assert "kaffee" in message
