"""``python -m data_access user …``: accounts for the login, managed from the shell.

The same operations as the Konten page (``ui/accounts.py``), for the first admin account
of a new installation and for scripts. Messages are German and go to stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from data_access.account_admin import account_overview, change_role, lock_account, unlock_account
from data_access.accounts import ROLES, AccountError, add_account, remove_account, set_password
from data_access.audit import default_actor
from data_access.cli_common import EXIT_OK, EXIT_REJECTED, GermanArgumentParser


def add_user_commands(commands: Any) -> None:
    """Add ``user`` and its subcommands to the subparsers ``commands`` of the main parser."""
    user_parser = commands.add_parser("user", help="Konten für die Anmeldung (Redaktion) verwalten")
    user_commands = user_parser.add_subparsers(
        dest="user_command",
        metavar="add|password|role|lock|unlock|remove|list",
        required=True,
        parser_class=GermanArgumentParser,
    )
    add_parser = user_commands.add_parser(
        "add", help="Konto anlegen; das Passwort wird abgefragt (oder von der Standardeingabe gelesen)"
    )
    add_parser.add_argument("name", help="Anmeldename (bei OpenID Connect: die E-Mail-Adresse)")
    add_parser.add_argument("--role", choices=ROLES, required=True, help="editor: Daten pflegen; admin: auch Konten")
    add_parser.add_argument("--kommune", help="nur diese Kommune pflegen dürfen (Datenpflege vor Ort)")
    add_parser.add_argument(
        "--ohne-passwort", action="store_true", help="ohne Passwort: Anmeldung nur über OpenID Connect"
    )
    password_parser = user_commands.add_parser(
        "password", help="neues Passwort setzen (hebt auch die Sperre nach Fehlversuchen auf)"
    )
    password_parser.add_argument("name", help="Anmeldename")
    role_parser = user_commands.add_parser("role", help="Rolle und Kommune eines Kontos ändern")
    role_parser.add_argument("name", help="Anmeldename")
    role_parser.add_argument("--role", choices=ROLES, required=True, help="editor: Daten pflegen; admin: auch Konten")
    scope_group = role_parser.add_mutually_exclusive_group()
    scope_group.add_argument("--kommune", help="nur diese Kommune pflegen dürfen (ohne Angabe: wie bisher)")
    scope_group.add_argument("--alle-kommunen", action="store_true", help="alle Kommunen pflegen dürfen")
    for command, text in (("lock", "Konto sperren (keine Anmeldung mehr)"), ("unlock", "Sperre aufheben")):
        user_commands.add_parser(command, help=text).add_argument("name", help="Anmeldename")
    remove_parser = user_commands.add_parser("remove", help="Konto löschen (das Änderungsprotokoll bleibt)")
    remove_parser.add_argument("name", help="Anmeldename")
    user_commands.add_parser("list", help="alle Konten mit Rolle und Kommune (gesperrte markiert)")


def _read_password() -> str:
    """The new password: asked twice on a terminal, else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")  # also a file written on Windows
    first = getpass.getpass("Passwort: ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise AccountError("Die beiden Passwörter stimmen nicht überein.")
    return first


def _new_member(engine, options: argparse.Namespace) -> str | None:  # noqa: ANN001
    """``user role``: the Kommune given, all (``--alle-kommunen``, or for an admin), else the account's current one."""
    if options.alle_kommunen or (options.kommune is None and options.role == "admin"):
        return None
    if options.kommune is not None:
        return options.kommune
    current = {row.name: row.member for row in account_overview(engine)}
    return current.get(options.name)


def run_user_command(engine, options: argparse.Namespace) -> int:  # noqa: ANN001
    """Run ``user add|password|role|lock|unlock|remove|list``; the exit status."""
    actor = default_actor()
    try:
        if options.user_command == "list":
            for row in account_overview(engine):
                print(f"{row.name}\t{row.role}\t{row.member or 'alle Kommunen'}" + ("\tgesperrt" * row.locked))
            return EXIT_OK
        if options.user_command in ("lock", "unlock"):
            if options.user_command == "lock":
                lock_account(engine, options.name, actor=actor)
            else:
                unlock_account(engine, options.name, actor=actor)
            done = "gesperrt" if options.user_command == "lock" else "entsperrt"
            print(f"Konto „{options.name}“ {done}.", file=sys.stderr)
            return EXIT_OK
        if options.user_command == "role":
            account = change_role(engine, options.name, options.role, _new_member(engine, options), actor=actor)
            scope = f"nur {account.member}" if account.member else "alle Kommunen"
            print(f"Konto „{account.name}“ geändert ({account.role}, {scope}).", file=sys.stderr)
            return EXIT_OK
        if options.user_command == "remove":
            remove_account(engine, options.name, actor=actor)
            print(f"Konto „{options.name}“ gelöscht.", file=sys.stderr)
            return EXIT_OK
        if options.user_command == "password":
            set_password(engine, options.name, _read_password(), actor=actor)
            print(f"Neues Passwort für „{options.name}“ gesetzt.", file=sys.stderr)
            return EXIT_OK
        password = None if options.ohne_passwort else _read_password()
        account = add_account(engine, options.name, password, options.role, options.kommune, actor=actor)
    except AccountError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    scope = f"nur {account.member}" if account.member else "alle Kommunen"
    print(f"Konto „{account.name}“ angelegt ({account.role}, {scope}).", file=sys.stderr)
    return EXIT_OK
