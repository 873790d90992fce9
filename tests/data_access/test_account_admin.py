"""Managing accounts: role and Kommune, lock and unlock, password-less accounts, the guard rails, the migration.

Every test runs on SQLite and on PostgreSQL (``small_network``), except the command line
(``workspace``: a SQLite file, as the other command-line tests).
"""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from sqlalchemy import Engine, inspect, select, text

from data_access.account_admin import account_overview, change_role, lock_account, unlock_account
from data_access.accounts import (
    LOCKED,
    WRONG,
    Account,
    AccountError,
    add_account,
    authenticate,
    confirm_session,
    find_account,
    remove_account,
    set_password,
)
from data_access.engine import make_engine
from data_access.models import AuditEntry
from tests.importing_helpers import Workspace

PASSWORD = "richtig-langes-passwort"


def _audit(engine: Engine, name: str) -> list[tuple[str, dict | None, dict | None]]:
    """The audit entries of account ``name``: action, old and new values."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.action, AuditEntry.old_values, AuditEntry.new_values, AuditEntry.source)
            .where(AuditEntry.table_name == "user_accounts", AuditEntry.natural_key == name)
            .order_by(AuditEntry.id)
        ).all()
    assert {row.source for row in rows} <= {"Konten"}
    return [
        (row.action, row.old_values and json.loads(row.old_values), row.new_values and json.loads(row.new_values))
        for row in rows
    ]


def test_role_and_kommune_change_at_once_for_an_open_session_and_are_audited(small_network: Engine) -> None:
    add_account(small_network, "pflege", PASSWORD, "editor", "Kiel", actor="chefin")
    session = authenticate(small_network, "pflege", PASSWORD)
    assert change_role(small_network, "pflege", "editor", "Herne", actor="chefin") == Account(
        "pflege", "editor", "Herne"
    )
    assert confirm_session(small_network, session) == Account("pflege", "editor", "Herne")
    change_role(small_network, "pflege", "admin", None, actor="chefin")
    assert confirm_session(small_network, session).is_admin
    assert _audit(small_network, "pflege")[1:] == [
        ("update", {"rolle": "editor", "kommune": "Kiel"}, {"rolle": "editor", "kommune": "Herne"}),
        ("update", {"rolle": "editor", "kommune": "Herne"}, {"rolle": "admin", "kommune": None}),
    ]


@pytest.mark.parametrize(
    ("name", "role", "member", "message"),
    [
        ("pflege", "editor", "Atlantis", "Die Kommune „Atlantis“ ist kein Mitglied."),
        ("pflege", "chef", None, "Unbekannte Rolle „chef“"),
        ("pflege", "admin", "Kiel", "Ein Admin-Konto pflegt alle Kommunen; bitte keine Kommune angeben."),
        ("pflege", "editor", "Kiel", "„pflege“ hat diese Rolle und Kommune schon; nichts geändert."),
        ("niemand", "editor", None, "Ein Konto „niemand“ gibt es nicht."),
    ],
)
def test_bad_role_changes_are_refused_in_german_and_change_nothing(
    small_network: Engine, name: str, role: str, member: str | None, message: str
) -> None:
    add_account(small_network, "pflege", PASSWORD, "editor", "Kiel", actor="chefin")
    with pytest.raises(AccountError, match=re.escape(message)):
        change_role(small_network, name, role, member, actor="chefin")
    assert find_account(small_network, "pflege") == Account("pflege", "editor", "Kiel")
    assert len(_audit(small_network, "pflege")) == 1  # the insert only


def test_a_locked_account_cannot_log_in_and_its_open_session_ends(small_network: Engine) -> None:
    add_account(small_network, "pflege", PASSWORD, "editor", "Kiel", actor="chefin")
    session = authenticate(small_network, "pflege", PASSWORD)
    lock_account(small_network, "pflege", actor="chefin")
    assert confirm_session(small_network, session) is None  # the next click of the open session
    with pytest.raises(AccountError, match=LOCKED):
        authenticate(small_network, "pflege", PASSWORD)
    with pytest.raises(AccountError, match=WRONG):
        authenticate(small_network, "pflege", "falsches-passwort")  # no hint without the password
    assert find_account(small_network, "pflege") is None  # OpenID Connect: no rights
    assert [row.locked for row in account_overview(small_network)] == [True]
    with pytest.raises(AccountError, match="ist schon gesperrt"):
        lock_account(small_network, "pflege", actor="chefin")
    unlock_account(small_network, "pflege", actor="chefin")
    assert authenticate(small_network, "pflege", PASSWORD) == Account("pflege", "editor", "Kiel")
    assert find_account(small_network, "pflege") == Account("pflege", "editor", "Kiel")
    with pytest.raises(AccountError, match="„pflege“ ist nicht gesperrt; nichts geändert"):
        unlock_account(small_network, "pflege", actor="chefin")
    with pytest.raises(AccountError, match="Ein Konto „niemand“ gibt es nicht"):
        lock_account(small_network, "niemand", actor="chefin")
    assert _audit(small_network, "pflege")[1:] == [
        ("update", {"gesperrt": False}, {"gesperrt": True}),
        ("update", {"gesperrt": True}, {"gesperrt": False}),
    ]


def test_an_admin_cannot_lock_remove_or_demote_their_own_account(small_network: Engine) -> None:
    add_account(small_network, "chefin", PASSWORD, "admin", None, actor="test")
    add_account(small_network, "vertretung", PASSWORD, "admin", None, actor="test")
    mine = {"actor": "chefin", "acting_account": "chefin"}
    with pytest.raises(AccountError, match="Das eigene Konto kann nicht gesperrt werden"):
        lock_account(small_network, "chefin", **mine)
    with pytest.raises(AccountError, match="Das eigene Konto kann nicht gelöscht werden"):
        remove_account(small_network, "chefin", **mine)
    with pytest.raises(AccountError, match="Das eigene Konto kann nicht herabgestuft werden"):
        change_role(small_network, "chefin", "editor", None, **mine)
    assert find_account(small_network, "chefin") == Account("chefin", "admin", None)
    # Another admin may: here, demote the other account and then lock it.
    change_role(small_network, "vertretung", "editor", "Kiel", **mine)
    lock_account(small_network, "vertretung", **mine)
    assert [(row.name, row.role, row.locked) for row in account_overview(small_network)] == [
        ("chefin", "admin", False),
        ("vertretung", "editor", True),
    ]


def test_the_last_unlocked_admin_stays(small_network: Engine) -> None:
    add_account(small_network, "chefin", PASSWORD, "admin", None, actor="test")
    add_account(small_network, "vertretung", PASSWORD, "admin", None, actor="test")
    lock_account(small_network, "vertretung", actor="chefin", acting_account="chefin")
    # From the command line (no acting account) too: "chefin" is the last unlocked admin.
    for attempt, done in (
        (lambda: lock_account(small_network, "chefin", actor="root"), "gesperrt"),
        (lambda: remove_account(small_network, "chefin", actor="root"), "gelöscht"),
        (lambda: change_role(small_network, "chefin", "editor", None, actor="root"), "herabgestuft"),
    ):
        with pytest.raises(
            AccountError, match=f"„chefin“ ist das letzte nicht gesperrte Admin-Konto und kann nicht {done}"
        ):
            attempt()
    assert find_account(small_network, "chefin") == Account("chefin", "admin", None)
    # A locked admin is no safeguard and may go; once another admin is unlocked, "chefin" may go too.
    remove_account(small_network, "vertretung", actor="root")
    add_account(small_network, "neu", PASSWORD, "admin", None, actor="root")
    remove_account(small_network, "chefin", actor="root")
    assert [row.name for row in account_overview(small_network)] == ["neu"]


def test_an_account_without_password_is_for_openid_connect_only(small_network: Engine) -> None:
    account = add_account(small_network, "pflege@kiel.de", None, "editor", "Kiel", actor="chefin")
    assert account == Account("pflege@kiel.de", "editor", "Kiel")
    assert find_account(small_network, "pflege@kiel.de") == account  # the OpenID Connect lookup
    for guess in ("", "irgendein-passwort"):
        with pytest.raises(AccountError, match=WRONG):
            authenticate(small_network, "pflege@kiel.de", guess)
    assert [row.has_password for row in account_overview(small_network)] == [False]
    assert _audit(small_network, "pflege@kiel.de")[0][2]["passwort"] == "keins"
    set_password(small_network, "pflege@kiel.de", PASSWORD, actor="chefin")
    assert authenticate(small_network, "pflege@kiel.de", PASSWORD).member == "Kiel"
    assert [row.has_password for row in account_overview(small_network)] == [True]


def test_the_last_password_login_is_recorded(small_network: Engine) -> None:
    add_account(small_network, "pflege", PASSWORD, "editor", None, actor="chefin")
    assert account_overview(small_network)[0].last_login_at is None
    moment = datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)
    authenticate(small_network, "pflege", PASSWORD, moment)
    assert account_overview(small_network)[0].last_login_at == moment
    with pytest.raises(AccountError):
        authenticate(small_network, "pflege", "falsches-passwort", moment + datetime.timedelta(hours=1))
    assert account_overview(small_network)[0].last_login_at == moment  # a failure is no login


def test_migration_0006_adds_the_lock_to_existing_accounts_and_goes_back(database_url: str) -> None:
    from alembic import command

    from data_access.migrate import alembic_config, upgrade
    from tests.data_access.test_engine import engine_at_revision

    engine = engine_at_revision(database_url, "0005")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO user_accounts (name, password_hash, role) VALUES ('alt', 'hash', 'editor')")
        )
    upgrade(engine)
    assert [(row.name, row.locked, row.last_login_at) for row in account_overview(engine)] == [("alt", False, None)]
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    columns = {column["name"] for column in inspect(engine).get_columns("user_accounts")}
    assert {"locked", "last_login_at"} & columns == set()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name, role FROM user_accounts")).all() == [("alt", "editor")]
    upgrade(engine)
    assert [row.locked for row in account_overview(engine)] == [False]
    engine.dispose()


def test_cli_changes_the_role_locks_unlocks_and_adds_without_password(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert workspace.cli("user", "add", "pflege", "--role", "editor", "--kommune", "Kiel")[0] == 0
    code, message = workspace.cli("user", "role", "pflege", "--role", "editor", "--kommune", "Herne")
    assert (code, message.strip()) == (0, "Konto „pflege“ geändert (editor, nur Herne).")
    code, message = workspace.cli("user", "role", "pflege", "--role", "editor")  # without --kommune: kept
    assert (code, message.strip()) == (
        1,
        "Nicht ausgeführt: „pflege“ hat diese Rolle und Kommune schon; nichts geändert.",
    )
    code, message = workspace.cli("user", "role", "pflege", "--role", "editor", "--kommune", "Atlantis")
    assert (code, message.strip()) == (1, "Nicht ausgeführt: Die Kommune „Atlantis“ ist kein Mitglied.")
    code, message = workspace.cli("user", "role", "pflege", "--role", "editor", "--kommune", "Kiel", "--alle-kommunen")
    assert code == 2
    assert "Fehler beim Aufruf: --alle-kommunen lässt sich nicht mit --kommune kombinieren" in message
    code, message = workspace.cli("user", "role", "pflege", "--role", "admin")
    assert (code, message.strip()) == (0, "Konto „pflege“ geändert (admin, alle Kommunen).")
    last_admin = "Nicht ausgeführt: „pflege“ ist das letzte nicht gesperrte Admin-Konto und kann nicht"
    code, message = workspace.cli("user", "lock", "pflege")
    assert code == 1
    assert message.startswith(f"{last_admin} gesperrt werden.")
    code, message = workspace.cli("user", "role", "pflege", "--role", "editor", "--alle-kommunen")
    assert code == 1
    assert message.startswith(f"{last_admin} herabgestuft werden.")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing is read for an account without password
    code, message = workspace.cli("user", "add", "pflege@kiel.de", "--role", "editor", "--ohne-passwort")
    assert (code, message.strip()) == (0, "Konto „pflege@kiel.de“ angelegt (editor, alle Kommunen).")
    code, message = workspace.cli("user", "lock", "pflege@kiel.de")
    assert (code, message.strip()) == (0, "Konto „pflege@kiel.de“ gesperrt.")
    assert workspace.cli("user", "list")[0] == 0
    assert workspace.output == "pflege\tadmin\talle Kommunen\npflege@kiel.de\teditor\talle Kommunen\tgesperrt\n"
    code, message = workspace.cli("user", "unlock", "pflege@kiel.de")
    assert (code, message.strip()) == (0, "Konto „pflege@kiel.de“ entsperrt.")
    engine = make_engine(workspace.url)
    assert find_account(engine, "pflege@kiel.de") == Account("pflege@kiel.de", "editor", None)
    assert [entry[0] for entry in _audit(engine, "pflege")] == ["insert", "update", "update"]
    engine.dispose()


def test_two_admins_locked_at_once_from_two_processes_leave_one_unlocked(small_network: Engine) -> None:
    """Each process would lock one of the last two unlocked admins; the guard runs inside the queued write."""
    from tests.data_access.test_concurrency import run_at_once

    for name in ("anna", "bert"):
        add_account(small_network, name, PASSWORD, "admin", None, actor="test")
    url = small_network.url.render_as_string(hide_password=False)
    outcomes = run_at_once(url, [["user", "lock", "anna"], ["user", "lock", "bert"]])
    assert sorted(code for code, _ in outcomes) == [0, 1], outcomes
    [refusal] = [message for code, message in outcomes if code == 1]
    assert "ist das letzte nicht gesperrte Admin-Konto und kann nicht gesperrt werden" in refusal
    assert sorted(row.locked for row in account_overview(small_network)) == [False, True]
