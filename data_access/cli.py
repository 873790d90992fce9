"""Command line of the data layer: ``python -m data_access init [--leer]|demo [--entfernen]|import|export|user``.

Exit status: 0 done, 1 input rejected (nothing changed), 2 usage error. Messages for
people are German and go to stderr; data (an export without ``-o``) goes to stdout.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import re
import sys
from pathlib import Path
from typing import NoReturn

from data_access import demo
from data_access.accounts import ROLES, AccountError, add_account, list_accounts, remove_account, set_password
from data_access.audit import default_actor
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
from data_access.exporting import export_kind
from data_access.importing.hints import hint_count_text
from data_access.importing.plan import ImportPlan, import_file
from data_access.importing.readers import MAX_FILE_BYTES
from data_access.importing.templates import TEMPLATES
from data_access.setup import DatabaseMissingError, NewDatabase, init_database, prepare_database
from domain.formatting import format_number

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

_ARGPARSE_GERMAN = (
    (r"the following arguments are required: (.*)", r"Diese Angaben fehlen: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"Ungültiger Wert \2 für \1; möglich: \3",
    ),
    (r"argument (\S+): invalid int value: (.*)", r"\1 erwartet eine ganze Zahl, nicht \2"),
    (r"unrecognized arguments: (.*)", r"Unbekannte Angaben: \1"),
    (r"argument (\S+): expected one argument", r"\1 braucht einen Wert"),
)


class GermanArgumentParser(argparse.ArgumentParser):
    """An argument parser whose error messages are German and exit with status 2."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and a German error message to stderr, then exit 2."""
        for pattern, replacement in _ARGPARSE_GERMAN:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Fehler beim Aufruf: {message}\n")


def build_parser() -> GermanArgumentParser:
    """The command-line interface, with German help texts."""
    parser = GermanArgumentParser(prog="python -m data_access", description="Datenbank des GSN-Dashboards verwalten.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=GermanArgumentParser)
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
    export_parser = commands.add_parser("export", help="Daten im Format der Importvorlage ausgeben")
    export_parser.add_argument("kind", choices=sorted(TEMPLATES), help="Art der Daten")
    export_parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="Dateiformat")
    export_parser.add_argument("-o", "--output", type=Path, help="Zieldatei (ohne: Standardausgabe)")
    user_parser = commands.add_parser("user", help="Konten für die Anmeldung (Redaktion) verwalten")
    user_commands = user_parser.add_subparsers(dest="user_command", required=True, parser_class=GermanArgumentParser)
    add_parser = user_commands.add_parser(
        "add", help="Konto anlegen; das Passwort wird abgefragt (oder von der Standardeingabe gelesen)"
    )
    add_parser.add_argument("name", help="Anmeldename (bei OpenID Connect: die E-Mail-Adresse)")
    add_parser.add_argument("--role", choices=ROLES, required=True, help="editor: Daten pflegen; admin: auch Konten")
    add_parser.add_argument("--kommune", help="nur diese Kommune pflegen dürfen (Datenpflege vor Ort)")
    password_parser = user_commands.add_parser("password", help="neues Passwort setzen (hebt auch eine Sperre auf)")
    password_parser.add_argument("name", help="Anmeldename")
    remove_parser = user_commands.add_parser("remove", help="Konto löschen (das Änderungsprotokoll bleibt)")
    remove_parser.add_argument("name", help="Anmeldename")
    user_commands.add_parser("list", help="alle Konten mit Rolle und Kommune")
    return parser


def _read_password() -> str:
    """The new password: asked twice on a terminal, else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Passwort: ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise AccountError("Die beiden Passwörter stimmen nicht überein.")
    return first


def _user(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    actor = default_actor()
    try:
        if options.user_command == "list":
            for account in list_accounts(engine):
                print(f"{account.name}\t{account.role}\t{account.member or 'alle Kommunen'}")
            return EXIT_OK
        if options.user_command == "remove":
            remove_account(engine, options.name, actor=actor)
            print(f"Konto „{options.name}“ gelöscht.", file=sys.stderr)
            return EXIT_OK
        if options.user_command == "password":
            set_password(engine, options.name, _read_password(), actor=actor)
            print(f"Neues Passwort für „{options.name}“ gesetzt.", file=sys.stderr)
            return EXIT_OK
        account = add_account(engine, options.name, _read_password(), options.role, options.kommune, actor=actor)
    except AccountError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    scope = f"nur {account.member}" if account.member else "alle Kommunen"
    print(f"Konto „{account.name}“ angelegt ({account.role}, {scope}).", file=sys.stderr)
    return EXIT_OK


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


class OutputError(OSError):
    """The export file cannot be written; the message is German."""


def _write_output(target: Path, content: bytes) -> None:
    try:
        target.write_bytes(content)
    except OSError as error:
        reasons = {
            errno.EISDIR: "das ist ein Ordner",
            errno.ENOENT: "den Ordner gibt es nicht",
            errno.EACCES: "keine Schreibrechte",
            errno.EROFS: "das Laufwerk ist schreibgeschützt",
            errno.ENOSPC: "der Speicher ist voll",
        }
        reason = reasons.get(error.errno, "sie lässt sich nicht schreiben")
        raise OutputError(f"Die Datei {target} kann nicht geschrieben werden: {reason}.") from None


def _run(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    """One command other than ``init`` on a migrated database."""
    if options.command == "demo":
        return _demo(engine, options)
    if options.command == "user":
        return _user(engine, options)
    if options.command == "import":
        return _import(engine, options)
    with read_connection(engine) as connection:
        content = export_kind(connection, options.kind, options.format)
    if options.output is not None:
        _write_output(options.output, content)
        print(f"{options.kind} nach {options.output} exportiert.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
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
