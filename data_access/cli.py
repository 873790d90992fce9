"""Command line of the data layer: ``python -m data_access init|demo|import|export|backup|restore|user``.

Exit status: 0 done, 1 input rejected (nothing changed), 2 usage error. Messages for
people are German and go to stderr; data (an export without ``-o``) goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_access import demo
from data_access.audit import default_actor
from data_access.backup import run_command as run_backup_command
from data_access.cli_accounts import add_user_commands, run_user_command
from data_access.cli_common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, GermanArgumentParser
from data_access.demo_removal import has_demo_rows, remove_demo_data
from data_access.engine import (
    DatabaseBusyError,
    DatabaseConfigurationError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    database_url,
    read_connection,
    sqlite_path,
    write_transaction,
)
from data_access.export_all import DEFAULT_FILE_NAME, ExportTooLargeError, export_all, snapshot_connection
from data_access.exporting import export_kind
from data_access.importing.hints import hint_count_text
from data_access.importing.plan import ImportPlan, import_file
from data_access.importing.readers import MAX_FILE_BYTES
from data_access.importing.templates import TEMPLATES
from data_access.output_files import OutputError, write_whole
from data_access.setup import DatabaseMissingError, NewDatabase, init_database, prepare_database
from domain.formatting import format_number

ALL_KINDS = "alle"
"""``export alle``: every kind in one workbook."""


def build_parser() -> GermanArgumentParser:
    """The command-line interface, with German help texts."""
    parser = GermanArgumentParser(prog="python -m data_access", description="Datenbank des GSN-Dashboards verwalten.")
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", required=True, parser_class=GermanArgumentParser)
    init_parser = commands.add_parser(
        "init",
        help="Datenbank anlegen bzw. auf den neuesten Stand bringen (bei neuer SQLite-Datei mit Beispieldaten)",
    )
    init_parser.add_argument("--leer", action="store_true", help="eine neue Datenbank ohne Beispieldaten anlegen")
    demo_parser = commands.add_parser("demo", help="Datenbank mit Beispieldaten füllen oder sie wieder entfernen")
    demo_parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help="Startwert des Zufallsgenerators")
    demo_parser.add_argument("--members", type=int, help="Zahl der Mitglieder (für Lasttests)")
    demo_parser.add_argument("--events", type=int, help="Zahl der Veranstaltungen (für Lasttests)")
    demo_parser.add_argument("--replace", action="store_true", help="vorhandene Daten ersetzen")
    demo_parser.add_argument(
        "--entfernen",
        action="store_true",
        help="nur die Beispieldaten löschen; eingelesene und bearbeitete Daten bleiben",
    )
    import_parser = commands.add_parser("import", help="CSV- oder XLSX-Datei einlesen")
    import_parser.add_argument("kind", choices=sorted(TEMPLATES), help="Art der Daten")
    import_parser.add_argument("file", type=Path, help="CSV- oder XLSX-Datei")
    import_parser.add_argument("--dry-run", action="store_true", help="nur prüfen und anzeigen, nichts schreiben")
    import_parser.add_argument("--user", default=None, help="Name für das Änderungsprotokoll")
    backup_parser = commands.add_parser("backup", help="Sicherung der Datenbank schreiben (im laufenden Betrieb)")
    backup_parser.add_argument(
        "-o", "--output", type=Path, metavar="DATEI", help="Zieldatei oder -ordner (ohne: Ordner backups)"
    )
    backup_parser.add_argument("--behalten", type=int, metavar="N", help="nur die neuesten N Sicherungen behalten")
    restore_parser = commands.add_parser("restore", help="Sicherung in eine leere Datenbank einspielen")
    restore_parser.add_argument("file", type=Path, metavar="DATEI", help="Sicherungsdatei (.sqlite oder .dump)")
    restore_parser.add_argument("--ueberschreiben", action="store_true", help="eine Datenbank mit Daten ersetzen")
    export_parser = commands.add_parser("export", help="Daten im Format der Importvorlage ausgeben")
    export_parser.add_argument(
        "kind",
        choices=[*sorted(TEMPLATES), ALL_KINDS],
        help="Art der Daten; alle: eine Excel-Arbeitsmappe, ein Blatt je Art",
    )
    export_parser.add_argument("--format", choices=("csv", "xlsx"), help="Dateiformat (Standard: csv; bei alle: xlsx)")
    export_parser.add_argument("-o", "--output", type=Path, help="Zieldatei (ohne: Standardausgabe; bei alle Pflicht)")
    add_user_commands(commands)
    return parser


def _print_hints(plan: ImportPlan) -> None:
    for hint in plan.hints:
        print(f"  - Hinweis: {hint}", file=sys.stderr)
    if plan.hints.hidden:
        print(f"  … und {format_number(plan.hints.hidden)} weitere Hinweise.", file=sys.stderr)


def _report(plan: ImportPlan, dry_run: bool) -> int:
    """Print the outcome: problems first (a rejected file), then the hints, then the summary line."""
    name = plan.file_name
    if not plan.accepted:
        count = plan.problems.total
        counted = f"{format_number(count)} {'Problem' if count == 1 else 'Probleme'}"
        if plan.hints.total:
            counted += f", {hint_count_text(plan.hints.total)}"
        print(f"{name} wurde abgelehnt; es wurde nichts geschrieben. {counted}:", file=sys.stderr)
        for problem in plan.problems:
            print(f"  - {problem}", file=sys.stderr)
        if plan.problems.hidden:
            print(f"  … und {format_number(plan.problems.hidden)} weitere.", file=sys.stderr)
        _print_hints(plan)
        return EXIT_REJECTED
    summary = f"{len(plan.inserts)} neu, {len(plan.updates)} geändert, {plan.unchanged} unverändert"
    if plan.hints.total:
        summary += f", {hint_count_text(plan.hints.total)}"
    _print_hints(plan)
    if dry_run:
        print(f"{name}: Probelauf, nichts geschrieben. Beim Import: {summary}.", file=sys.stderr)
    else:
        print(f"{name} eingelesen: {summary}.", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status.

    A database that is missing, unreachable, read-only or busy with another writer ends
    the command with a German sentence and status 1, never a traceback.
    """
    options = build_parser().parse_args(argv)
    url = database_url()
    try:
        if options.command == "init":
            print(_init_message(init_database(url, demo_if_new=not options.leer)), file=sys.stderr)
            return EXIT_OK
        if options.command in ("backup", "restore"):  # never migrates the source; restore migrates itself
            return run_backup_command(url, options)
        engine = prepare_database(url, demo_if_new=False, create=False)
        try:
            return _run(engine, options)
        finally:
            engine.dispose()
    except DatabaseConfigurationError as problem:
        print(f"Fehler beim Aufruf: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except (DatabaseMissingError, DatabaseBusyError, DatabaseReadOnlyError) as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
    except DatabaseUnavailableError as problem:
        print(f"Nicht ausgeführt: {_unavailable(url, problem)}", file=sys.stderr)
    except OutputError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
    return EXIT_REJECTED


def _init_message(created: NewDatabase | None) -> str:
    """What ``init`` did, in German: a new file with demo data, a new empty file, or only the newest schema."""
    if created is None:
        return "Datenbank ist auf dem neuesten Stand."
    counts = created.demo_counts
    if counts is None:
        return (
            f"Neue, leere Datenbank angelegt: {created.path}. "
            "Daten einlesen mit: python -m data_access import mitglieder DATEI"
        )
    return (
        f"Neue Datenbank mit Beispieldaten angelegt: {format_number(counts['members'])} Mitglieder, "
        f"{format_number(counts['events'])} Veranstaltungen, "
        f"{format_number(counts['self_help_counts'])} Selbsthilfe-Zahlen ({created.path})."
    )


def _unavailable(url: str, problem: DatabaseUnavailableError) -> str:
    """Why the database cannot be used, in German; the driver's own words (host, path) in brackets for IT."""
    path = sqlite_path(url)
    if path is not None and "unable to open" in str(problem):
        return f"Die Datenbankdatei {path} lässt sich nicht öffnen (fehlen Rechte an der Datei oder ihrem Ordner?)."
    if str(problem).startswith("Die "):  # already a German sentence of ours
        return str(problem)
    return f"Die Datenbank ist nicht erreichbar (Meldung des Treibers: {problem})."


def _write_output(target: Path, content: bytes) -> None:
    """Write an export whole, never onto the database it came from (``output_files.py``)."""
    write_whole(target, content, database_url())  # the configured URL: the engine's is rewritten for SQLite


def _run(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    """One command other than ``init`` on a migrated database."""
    if options.command == "demo":
        return _demo(engine, options)
    if options.command == "user":
        return run_user_command(engine, options)
    if options.command == "import":
        return _import(engine, options)
    if options.kind == ALL_KINDS:
        return _export_all(engine, options)
    with read_connection(engine) as connection:
        content = export_kind(connection, options.kind, options.format or "csv")
    if options.output is not None:
        _write_output(options.output, content)
        print(f"{options.kind} nach {options.output} exportiert.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return EXIT_OK


def _export_all(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    """``export alle -o FILE``: every kind in one XLSX workbook (``export_all.py``); a file is required."""
    if options.format not in (None, "xlsx"):
        print(
            f"Fehler beim Aufruf: export alle schreibt eine Excel-Arbeitsmappe (xlsx), kein {options.format}. "
            f"CSV gibt es je Art, z. B.: python -m data_access export mitglieder --format {options.format}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if options.output is None:
        print(
            "Fehler beim Aufruf: export alle braucht eine Zieldatei, z. B.: "
            f"python -m data_access export alle -o {DEFAULT_FILE_NAME}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        with snapshot_connection(engine) as connection:
            workbook = export_all(connection, options.output.name)
    except ExportTooLargeError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    _write_output(options.output, workbook.content)
    print(workbook.summary(str(options.output)), file=sys.stderr)
    return EXIT_OK


def _import(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    path: Path = options.file
    if not path.is_file():
        print(f"Fehler beim Aufruf: Die Datei {path} gibt es nicht.", file=sys.stderr)
        return EXIT_USAGE
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # refused before a byte is read
        print(
            f"{path.name} wurde abgelehnt; es wurde nichts geschrieben. Die Datei ist "
            f"{format_number(size // 1_000_000)} MB groß; höchstens {format_number(MAX_FILE_BYTES // 1_000_000)} MB "
            "sind erlaubt. Bitte in mehrere Dateien aufteilen.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    plan = import_file(
        engine,
        options.kind,
        path.name,
        path.read_bytes(),
        actor=options.user or default_actor(),
        dry_run=options.dry_run,
    )
    return _report(plan, options.dry_run)


def _remove_demo(engine) -> int:  # noqa: ANN001
    """``demo --entfernen``: delete exactly the demo rows, say what went and what stayed."""
    with write_transaction(engine) as connection:
        if not has_demo_rows(connection):
            print(
                "Nicht ausgeführt: Die Datenbank enthält keine Beispieldaten; es wurde nichts gelöscht.",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        removal = remove_demo_data(connection, actor=default_actor(), source="python -m data_access demo --entfernen")
    message = f"Beispieldaten entfernt: {removal.sentence()}."
    if removal.kept_sentence():
        message += f" Behalten, weil eigene Daten darauf verweisen: {removal.kept_sentence()}."
    print(message, file=sys.stderr)
    return EXIT_OK


def _demo(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    if options.entfernen:
        if options.replace or options.members is not None or options.events is not None:
            print("Fehler beim Aufruf: --entfernen lässt sich nicht mit anderen Angaben kombinieren.", file=sys.stderr)
            return EXIT_USAGE
        return _remove_demo(engine)
    with write_transaction(engine) as connection:
        if demo.has_members(connection) and not options.replace:
            print(
                "Fehler beim Aufruf: Die Datenbank enthält schon Mitglieder. "
                "Mit --replace werden alle Daten durch Beispieldaten ersetzt.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        data = demo.generate(options.seed, options.members, options.events)
        counts = demo.load(connection, data, actor=default_actor())
    print(
        f"Beispieldaten geschrieben: {counts['members']} Mitglieder, {counts['events']} Veranstaltungen, "
        f"{counts['self_help_counts']} Selbsthilfe-Zahlen.",
        file=sys.stderr,
    )
    return EXIT_OK
