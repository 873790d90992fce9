"""Editor accounts: hashes not passwords, German refusals, the failed-login limit, the CLI."""

from __future__ import annotations

import datetime
import io

import pytest
from sqlalchemy import Engine, select

from data_access.accounts import (
    MAX_FAILED_LOGINS,
    Account,
    AccountError,
    add_account,
    authenticate,
    find_account,
)
from data_access.engine import make_engine
from data_access.models import AuditEntry, UserAccount
from tests.importing_helpers import Workspace

PASSWORD = "richtig-langes-passwort"
NOON = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


def test_an_account_keeps_only_a_salted_hash_and_is_audited(small_network: Engine) -> None:
    add_account(small_network, "kiel-pflege", PASSWORD, "editor", "Kiel", actor="admin")
    add_account(small_network, "zweite", PASSWORD, "editor", None, actor="admin")
    with small_network.connect() as connection:
        hashes = connection.execute(select(UserAccount.password_hash).order_by(UserAccount.id)).scalars().all()
        audit = connection.execute(select(AuditEntry).where(AuditEntry.table_name == "user_accounts")).all()
    assert all(value.startswith("$argon2id$") for value in hashes)
    assert hashes[0] != hashes[1]  # same password, own salt
    assert all(PASSWORD not in value for value in hashes)
    assert len(audit) == 2
    assert PASSWORD not in audit[0].new_values
    assert '"kommune": "Kiel"' in audit[0].new_values


@pytest.mark.parametrize(
    ("name", "password", "role", "member", "message"),
    [
        ("", PASSWORD, "editor", None, "Der Name darf nicht leer sein"),
        ("a", "kurz", "editor", None, "mindestens 10 Zeichen"),
        ("a", PASSWORD, "chef", None, "Unbekannte Rolle „chef“"),
        ("a", PASSWORD, "editor", "Atlantis", "Die Kommune „Atlantis“ ist kein Mitglied"),
    ],
)
def test_bad_accounts_are_refused_in_german(
    small_network: Engine, name: str, password: str, role: str, member: str | None, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        add_account(small_network, name, password, role, member, actor="admin")
    with small_network.connect() as connection:
        assert connection.execute(select(UserAccount.id)).first() is None


def test_login_and_the_limit_on_failed_logins(small_network: Engine) -> None:
    add_account(small_network, "kiel-pflege", PASSWORD, "editor", "Kiel", actor="admin")
    assert authenticate(small_network, "kiel-pflege", PASSWORD, NOON) == Account("kiel-pflege", "editor", "Kiel")
    with pytest.raises(AccountError, match="Name oder Passwort stimmt nicht"):
        authenticate(small_network, "niemand", PASSWORD, NOON)  # unknown name: same answer
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AccountError, match="Name oder Passwort stimmt nicht"):
            authenticate(small_network, "kiel-pflege", "falsch", NOON)
    # Locked now: even the right password is refused until the minute is over.
    with pytest.raises(AccountError, match="Bitte in 60 Sekunden erneut versuchen"):
        authenticate(small_network, "kiel-pflege", PASSWORD, NOON)
    later = NOON + datetime.timedelta(seconds=61)
    assert authenticate(small_network, "kiel-pflege", PASSWORD, later).member == "Kiel"
    # A success resets the counter: one more failure does not lock again.
    with pytest.raises(AccountError, match="stimmt nicht"):
        authenticate(small_network, "kiel-pflege", "falsch", later)
    assert authenticate(small_network, "kiel-pflege", PASSWORD, later).name == "kiel-pflege"


def test_the_lock_doubles_with_every_further_failure(small_network: Engine) -> None:
    add_account(small_network, "a", PASSWORD, "editor", None, actor="admin")
    moment = NOON
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AccountError):
            authenticate(small_network, "a", "falsch", moment)
    moment += datetime.timedelta(seconds=61)
    with pytest.raises(AccountError, match="stimmt nicht"):
        authenticate(small_network, "a", "falsch", moment)  # the sixth failure
    with pytest.raises(AccountError, match="in 120 Sekunden"):
        authenticate(small_network, "a", PASSWORD, moment)


def test_who_may_change_what() -> None:
    steward = Account("kiel-pflege", "editor", "Kiel")
    assert steward.may_change("Kiel")
    assert not steward.may_change("Herne")
    assert not steward.may_change(None)  # network-wide rows
    assert Account("geschaeftsstelle", "editor", None).may_change("Herne")
    assert Account("admin", "admin", "Kiel").may_change("Herne")


def test_cli_user_add_reads_the_password_from_stdin(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, message = workspace.cli("user", "add", "kiel-pflege", "--role", "editor", "--kommune", "Kiel")
    assert code == 0, message
    assert message.strip() == "Konto „kiel-pflege“ angelegt (editor, nur Kiel)."
    engine = make_engine(workspace.url)
    assert find_account(engine, "kiel-pflege") == Account("kiel-pflege", "editor", "Kiel")
    assert authenticate(engine, "kiel-pflege", PASSWORD).role == "editor"
    engine.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO("kurz\n"))
    code, message = workspace.cli("user", "add", "zweite", "--role", "admin")
    assert code == 1
    assert "Nicht ausgeführt: Das Passwort muss mindestens 10 Zeichen lang sein." in message
    code, message = workspace.cli("user", "add", "dritte", "--role", "chef")
    assert code == 2
    assert "Ungültiger Wert 'chef' für --role" in message


def test_cli_lists_changes_the_password_of_and_removes_accounts(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert workspace.cli("user", "add", "kiel-pflege", "--role", "editor", "--kommune", "Kiel")[0] == 0
    assert workspace.cli("user", "list")[0] == 0
    assert workspace.output == "kiel-pflege\teditor\tKiel\n"
    engine = make_engine(workspace.url)
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AccountError):
            authenticate(engine, "kiel-pflege", "falsch")
    monkeypatch.setattr("sys.stdin", io.StringIO("ganz-neues-passwort\n"))
    code, message = workspace.cli("user", "password", "kiel-pflege")
    assert (code, message.strip()) == (0, "Neues Passwort für „kiel-pflege“ gesetzt.")
    assert authenticate(engine, "kiel-pflege", "ganz-neues-passwort").member == "Kiel"  # lock lifted too
    code, message = workspace.cli("user", "remove", "kiel-pflege")
    assert (code, message.strip()) == (0, "Konto „kiel-pflege“ gelöscht.")
    assert find_account(engine, "kiel-pflege") is None
    code, message = workspace.cli("user", "remove", "kiel-pflege")
    assert (code, message.strip()) == (1, "Nicht ausgeführt: Ein Konto „kiel-pflege“ gibt es nicht.")
    with engine.connect() as connection:
        actions = (
            connection.execute(
                select(AuditEntry.action).where(AuditEntry.table_name == "user_accounts").order_by(AuditEntry.id)
            )
            .scalars()
            .all()
        )
        assert PASSWORD not in str(connection.execute(select(AuditEntry.new_values)).scalars().all())
    engine.dispose()
    assert actions == ["insert", "update", "delete"]


def test_names_no_account_can_have_are_refused_alike_and_stored_nowhere_raw(small_network: Engine) -> None:
    """NUL, lone surrogates and overlong names: PostgreSQL refused to store some (a traceback), SQLite took them."""
    add_account(small_network, "kiel-pflege", PASSWORD, "editor", "Kiel", actor="admin")
    for name, password in (
        ("kiel-pflege\x00", PASSWORD),
        ("a\ud800", "x"),
        ("n" * 150, "x"),
        ("kiel-pflege", "p\ud800"),
    ):
        with pytest.raises(AccountError, match=r"^Name oder Passwort stimmt nicht\.$"):
            authenticate(small_network, name, password)
    assert authenticate(small_network, "kiel-pflege", PASSWORD).member == "Kiel"
    for name, message in (
        ("n" * 101, "höchstens 100 Zeichen"),
        ("a\x01b", "keine unsichtbaren"),
        ("a\u202eb", "keine"),
    ):
        with pytest.raises(AccountError, match=message):
            add_account(small_network, name, PASSWORD, "editor", None, actor="admin")


def test_the_audit_log_keeps_any_actor_and_source_within_its_columns(small_network: Engine) -> None:
    """A --user of 300 characters or with a NUL byte, an upload named with 400 characters: stored, cut, visible."""
    from data_access.importing.plan import import_file

    content = b"kommune;jahr;themenbereich;gruppen\nKiel;2024;Umwelt;3\n"
    plan = import_file(small_network, "selbsthilfe", "L" * 400 + ".csv", content, actor="x\x00y" + "z" * 300)
    assert plan.accepted
    with small_network.connect() as connection:
        actor, source = connection.execute(
            select(AuditEntry.actor, AuditEntry.source).where(AuditEntry.table_name == "self_help_counts")
        ).one()
    assert actor.startswith("x␀y")
    assert len(actor) == 200
    assert actor.endswith("…")
    assert source.startswith("Import selbsthilfe: LLL")
    assert len(source) == 300


def test_an_identity_providers_spelling_of_the_e_mail_address_finds_the_account(small_network: Engine) -> None:
    add_account(small_network, "anna.schmidt@kiel.de", PASSWORD, "editor", "Kiel", actor="admin")
    assert find_account(small_network, "Anna.Schmidt@Kiel.DE") == Account("anna.schmidt@kiel.de", "editor", "Kiel")
    add_account(small_network, "Anna.Schmidt@kiel.de", PASSWORD, "editor", None, actor="admin")
    # Two accounts that differ only in case: the exact spelling, else none rather than a guess.
    assert find_account(small_network, "Anna.Schmidt@kiel.de") == Account("Anna.Schmidt@kiel.de", "editor", None)
    assert find_account(small_network, "ANNA.SCHMIDT@KIEL.DE") is None
    assert find_account(small_network, "anna.schmidt@kiel.dex") is None
