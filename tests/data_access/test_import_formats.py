"""Real office files are accepted; re-import changes nothing; export → import is the identity."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, select

from data_access import queries
from data_access.audit import default_actor
from data_access.demo import generate, load
from data_access.engine import make_engine, write_transaction
from data_access.exporting import export_kind, to_csv
from data_access.importing.plan import import_file
from data_access.importing.templates import TEMPLATES
from data_access.migrate import upgrade
from data_access.models import AuditEntry, Event, Member
from domain.filter import DashboardFilter
from tests.importing_helpers import Workspace

IMPORT_ORDER = ("mitglieder", "veranstaltungen", "selbsthilfe", "mindeststandards")


def test_windows_1252_semicolon_file_from_german_excel(workspace: Workspace) -> None:
    content = (
        "Kommune;Art;Bundesland;Beitritt;Austritt;Einwohner;Regionalnetzwerk;Kontaktstelle;Breitengrad;Längengrad\r\n"
        "Lüneburg;Stadt;Niedersachsen;2005;;78.000;;Selbsthilfebüro Lüneburg;53,249;10,411\r\n"
        " Höchstadt a.d. Aisch ; Stadt ;BY;2021;;13700;Bayern;;49,706;10,81\r\n"
        "Kreis Groß Straße;Kreis;Schleswig-Holstein;2010;2020;1.234;;;;\r\n"
        ";;;;;;;;;\r\n"
        ";;;;;;;;;\r\n"
    )
    path = workspace.write("mitglieder.csv", content, encoding="cp1252")
    code, message = workspace.cli("import", "mitglieder", str(path))
    assert code == 0, message
    assert "3 neu, 0 geändert, 0 unverändert" in message
    exported = workspace.export("mitglieder").decode("utf-8-sig")
    assert "Lüneburg;Stadt;NI;2005;;78000;;Selbsthilfebüro Lüneburg;53,249;10,411" in exported
    assert "Höchstadt a.d. Aisch;Stadt;BY;2021;;13700;Bayern;;49,706;10,81" in exported
    assert "Kreis Groß Straße;Landkreis;SH;2010;2020;1234;;;;" in exported


def test_utf8_bom_comma_separated_file(workspace: Workspace) -> None:
    content = (
        "\ufeffkommune,art,bundesland,beitritt,einwohner,breitengrad,laengengrad\n"
        'Görlitz,Stadt,SN,2011,56000,"51,152","14,987"\n'
    )
    path = workspace.write("mitglieder.csv", content)
    code, message = workspace.cli("import", "mitglieder", str(path))
    assert code == 0, message
    assert "Görlitz;Stadt;SN;2011;;56000;;;51,152;14,987" in workspace.export("mitglieder").decode("utf-8-sig")


def test_xlsx_with_date_cells_and_date_text(workspace: Workspace) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kommune", "Art", "Titel", "Beginn", "Ende", "Teilnehmende", "Angebote", "Partner", "Format"])
    sheet.append(
        [
            "Kiel",
            "Gesundheitswoche",
            "Kieler Woche der Gesundheit",
            datetime.datetime(2024, 3, 4),
            "10.03.2024",
            2500,
            120.0,
            33,
            "Präsenz",
        ]
    )
    sheet.append(
        ["Gießen", "Fachtag", "Fachtag Straßensozialarbeit", "2024-05-06", None, "1.250", None, None, "hybrid"]
    )
    sheet.append(
        [None, "Mitgliederversammlung", "MV 2024", datetime.date(2024, 6, 14), None, 104, None, None, "Hybrid"]
    )
    sheet.append([None] * 9)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = workspace.write("veranstaltungen.xlsx", buffer.getvalue())
    code, message = workspace.cli("import", "veranstaltungen", str(path))
    assert code == 0, message
    assert "3 neu" in message
    exported = workspace.export("veranstaltungen").decode("utf-8-sig").splitlines()
    assert ";Mitgliederversammlung;MV 2024;14.06.2024;;104;;;Hybrid" in exported
    assert "Gießen;Fachtag;Fachtag Straßensozialarbeit;06.05.2024;;1250;;;Hybrid" in exported
    assert "Kiel;Gesundheitswoche;Kieler Woche der Gesundheit;04.03.2024;10.03.2024;2500;120;33;Präsenz" in exported


def test_reimport_changes_nothing_and_writes_no_audit(workspace: Workspace) -> None:
    content = "kommune;jahr;themenbereich;gruppen;neue_gruppen\nKiel;2024;Sucht;12;1\nHerne;2024;Sucht;20;\n"
    path = workspace.write("selbsthilfe.csv", content)
    assert workspace.cli("import", "selbsthilfe", str(path))[0] == 0
    before = workspace.snapshot()
    code, message = workspace.cli("import", "selbsthilfe", str(path))
    assert code == 0
    assert "0 neu, 0 geändert, 2 unverändert" in message
    assert workspace.snapshot() == before


def test_changed_row_is_updated_and_audited_with_old_and_new_values(workspace: Workspace) -> None:
    path = workspace.write("mitglieder.csv", "kommune;art;bundesland;beitritt;einwohner\nKiel;Stadt;SH;2002;250000\n")
    audit_before = workspace.audit_count()
    code, message = workspace.cli("import", "mitglieder", str(path), "--user", "steward")
    assert code == 0
    assert "0 neu, 1 geändert" in message
    engine = make_engine(workspace.url)
    with engine.connect() as connection:
        entries = connection.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)).all()[audit_before:]
        population = connection.execute(select(Member.population).where(Member.name == "Kiel")).scalar_one()
    engine.dispose()
    assert population == 250_000
    assert [(entry.action, entry.table_name, entry.natural_key, entry.actor) for entry in entries] == [
        ("update", "members", "Kiel", "steward")
    ]
    assert '"einwohner": 247000' in entries[0].old_values
    assert '"einwohner": 250000' in entries[0].new_values
    # Columns the file does not have are kept, not emptied; an empty cell does empty its field.
    assert '"regionalnetzwerk": "Nord"' in entries[0].new_values
    path = workspace.write("mitglieder2.csv", "kommune;art;bundesland;beitritt;kontaktstelle\nKiel;Stadt;SH;2002;\n")
    assert workspace.cli("import", "mitglieder", str(path))[0] == 0
    exported = workspace.export("mitglieder").decode("utf-8-sig")
    assert "Kiel;Stadt;SH;2002;;250000;Nord;;54,323;10,123" in exported


def test_dry_run_reports_but_writes_nothing(workspace: Workspace) -> None:
    before = workspace.snapshot()
    path = workspace.write("selbsthilfe.csv", "kommune;jahr;themenbereich;gruppen\nKiel;2024;Sucht;12\n")
    code, message = workspace.cli("import", "selbsthilfe", str(path), "--dry-run")
    assert code == 0
    assert "Probelauf" in message
    assert "1 neu" in message
    assert workspace.snapshot() == before


def test_formula_is_neutralised_in_export_and_restored_on_import(workspace: Workspace) -> None:
    content = 'kommune;art;titel;beginn\nKiel;Aktionstag;=HYPERLINK("http://x");01.04.2024\n'
    assert workspace.cli("import", "veranstaltungen", str(workspace.write("v.csv", content)))[0] == 0
    exported = workspace.export("veranstaltungen")
    assert '\'=HYPERLINK(""http://x"")' in exported.decode("utf-8-sig")
    workbook_bytes = workspace.export("veranstaltungen", "xlsx")
    cell = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).active["C2"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", '=HYPERLINK("http://x")', True)  # text, no "'"
    reimport = workspace.write("v2.csv", exported)
    code, message = workspace.cli("import", "veranstaltungen", str(reimport))
    assert code == 0
    assert "1 unverändert" in message
    code, message = workspace.cli("import", "veranstaltungen", str(workspace.write("v3.xlsx", workbook_bytes)))
    assert code == 0
    assert "1 unverändert" in message


def _demo_engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    with write_transaction(engine) as connection:
        load(connection, generate(seed=7, members=60), actor="test")
    return engine


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_import_round_trip_is_identity(database_url: str, tmp_path: Path, file_format: str) -> None:
    """Demo data exported and imported into an empty database exports to the very same bytes."""
    source = _demo_engine(database_url)
    with source.connect() as connection:
        files = {kind: export_kind(connection, kind, file_format) for kind in IMPORT_ORDER}
        reference = {kind: export_kind(connection, kind, "csv") for kind in IMPORT_ORDER}
    # Into the same database: nothing changes.
    for kind in IMPORT_ORDER:
        plan = import_file(source, kind, f"{kind}.{file_format}", files[kind], actor="test")
        assert plan.accepted, plan.problems[:3]
        assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 0, reference[kind].count(b"\r\n") - 1)
    source.dispose()
    # Into an empty database: the same rows, byte for byte.
    target = make_engine(f"sqlite:///{tmp_path / 'target.sqlite'}")
    upgrade(target)
    for kind in IMPORT_ORDER:
        plan = import_file(target, kind, f"{kind}.{file_format}", files[kind], actor=default_actor())
        assert plan.accepted, plan.problems[:3]
    with target.connect() as connection:
        for kind in IMPORT_ORDER:
            assert export_kind(connection, kind, "csv") == reference[kind], kind
        assert connection.execute(select(Event.id).limit(1)).first() is not None
    target.dispose()


def test_python_m_export_writes_csv_for_german_excel_to_stdout(workspace: Workspace) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "data_access", "export", "mitglieder"],
        capture_output=True,
        env={**os.environ, "DATABASE_URL": workspace.url},
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"\xef\xbb\xbfkommune;art;bundesland")
    assert "Gießen;Stadt;HE;1989" in result.stdout.decode("utf-8-sig")


def test_templates_match_design_columns() -> None:
    assert [column.name for column in TEMPLATES["mitglieder"].columns] == [
        "kommune", "art", "bundesland", "beitritt", "austritt", "einwohner",
        "regionalnetzwerk", "kontaktstelle", "breitengrad", "laengengrad",
    ]  # fmt: skip
    assert TEMPLATES["veranstaltungen"].natural_key == ("kommune", "art", "beginn", "titel")
    assert TEMPLATES["selbsthilfe"].natural_key == ("kommune", "jahr", "themenbereich")
    assert TEMPLATES["mindeststandards"].natural_key == ("kommune", "jahr", "punkt")


def test_summaries_follow_every_import(workspace: Workspace) -> None:
    """Imports keep the summary tables current in the same transaction: filters see new data at once."""
    events = "kommune;art;titel;beginn;teilnehmende\nKiel;Gesundheitswoche;GW;02.03.2024;900\n"
    counts = "kommune;jahr;themenbereich;gruppen;neue_gruppen\nKiel;2024;Sucht;12;1\nKiel;2024;Umwelt;3;0\n"
    assert workspace.cli("import", "veranstaltungen", str(workspace.write("v.csv", events)))[0] == 0
    assert workspace.cli("import", "selbsthilfe", str(workspace.write("s.csv", counts)))[0] == 0

    def figures(state: str) -> tuple[int, list[tuple]]:
        engine = make_engine(workspace.url)
        with engine.connect() as connection:
            event_frame = queries.event_counts_by_year_and_type(connection, DashboardFilter(states=(state,)))
            help_frame = queries.self_help_by_year(connection, DashboardFilter(states=(state,)))
        engine.dispose()
        rows = [tuple(int(value) for value in row) for row in help_frame.itertuples(index=False)]
        return int(event_frame["events"].sum()) if not event_frame.empty else 0, rows

    assert figures("SH") == (1, [(2024, 15, 1, 1, 247_000, 15)])
    moved = "kommune;art;bundesland;beitritt;einwohner\nKiel;Stadt;NI;2002;250000\n"
    assert workspace.cli("import", "mitglieder", str(workspace.write("m.csv", moved)))[0] == 0
    assert figures("SH") == (0, [])
    assert figures("NI") == (1, [(2024, 15, 1, 1, 250_000, 15)])


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_shipped_empty_templates_match_the_code(kind: str) -> None:
    shipped = (Path(__file__).resolve().parents[2] / "data" / "templates" / f"{kind}.csv").read_bytes()
    assert shipped == to_csv([column.name for column in TEMPLATES[kind].columns], [])


def test_standard_summary_follows_assessment_imports(workspace: Workspace) -> None:
    def kiel(year: int) -> tuple:
        engine = make_engine(workspace.url)
        with engine.connect() as connection:
            frame = queries.standards_met_by_member(connection, DashboardFilter(member="Kiel"), year)
        engine.dispose()
        return tuple(frame.iloc[0].tolist()) if not frame.empty else ()

    first = "kommune;jahr;punkt;status\nKiel;2023;1;erfüllt\nKiel;2023;2;erfuellt\nKiel;2023;3;teilweise\n"
    assert workspace.cli("import", "mindeststandards", str(workspace.write("a.csv", first)))[0] == 0
    assert kiel(2024) == ("Kiel", 2023, 2, 1, 0)
    second = "kommune;jahr;punkt;status\nKiel;2023;3;erfüllt\nKiel;2024;1;nicht erfüllt\n"
    assert workspace.cli("import", "mindeststandards", str(workspace.write("b.csv", second)))[0] == 0
    assert kiel(2023) == ("Kiel", 2023, 3, 0, 0)
    assert kiel(2024) == ("Kiel", 2024, 0, 0, 1)
    assert kiel(2022) == ()
