"""Daten → Konten: the accounts table and the dialogs with which an administrator manages accounts.

The browser counterpart of ``python -m data_access user``, so that a Geschäftsstelle
without shell access can give a new data steward access. Every action is a dialog that
names the account; the write itself is one audited transaction in ``data_access``
(source "Konten", actor: the administrator). A refusal (``AccountError``: the last admin,
one's own account, a Kommune that is no member, a short password) is shown as the German
sentence it carries, in the dialog, and nothing is changed. The outcome of a write is kept
in the session for the next run, so the table is reloaded at once and the message stays.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.account_admin import AccountOverview, account_overview, change_role, lock_account, unlock_account
from data_access.accounts import (
    ACCOUNT_NAME_LENGTH,
    ROLES,
    Account,
    AccountError,
    add_account,
    remove_account,
    set_password,
)
from data_access.engine import DatabaseBusyError, DatabaseReadOnlyError
from metrics.audit import BERLIN
from ui import data
from ui.auth import identity_provider_configured
from ui.text import plain

DIALOG_KEY = "accounts_dialog"
"""(action, account name) while a dialog is open: it is drawn again on every run until done or dismissed."""
OUTCOME_KEY = "accounts_outcome"
ROLE_LABELS = {"editor": "Redaktion (Daten pflegen)", "admin": "Administration (auch Konten)"}
ALL_MEMBERS = "alle Kommunen"
PROBLEMS = (AccountError, DatabaseBusyError, DatabaseReadOnlyError)
"""What a write may answer with a German sentence; shown in the dialog, never as a traceback."""


def _close() -> None:
    st.session_state.pop(DIALOG_KEY, None)


def _done(message: str) -> None:
    """After a successful write: fresh figures everywhere (the Protokoll too), the message, the table reloaded."""
    data.clear_caches()
    _close()
    st.session_state[OUTCOME_KEY] = message
    st.rerun()


def _member_choice(key: str, current: str | None) -> str | None:
    """The Kommune from the member list; the first choice, None, means all (and is the one for an admin)."""
    choices: list[str | None] = [None, *data.filter_options().members]
    return st.selectbox(
        "Kommune",
        choices,
        index=choices.index(current) if current in choices else 0,
        format_func=lambda member: f"{ALL_MEMBERS} (Geschäftsstelle, Administration)" if member is None else member,
        help="Eine Redakteurin oder ein Redakteur mit Kommune pflegt nur deren Daten.",
        key=key,
    )


def _role_choice(key: str, current: str) -> str:
    return st.selectbox("Rolle", ROLES, index=ROLES.index(current), format_func=ROLE_LABELS.get, key=key)


def _new_password(key: str, optional: bool) -> tuple[bool, str | None]:
    """Two password fields; (True, password or None for none) when they agree, else an error and (False, None)."""
    hint = "Leer lassen: Anmeldung nur über OpenID Connect." if optional else None
    first = st.text_input("Passwort", type="password", autocomplete="new-password", key=f"{key}_1", help=hint)
    second = st.text_input("Passwort wiederholen", type="password", autocomplete="new-password", key=f"{key}_2")
    return first == second, first or None


def _refused(problem: Exception) -> None:
    st.error(plain(str(problem)), icon=":material/error:")


@st.dialog("Konto anlegen", on_dismiss=_close)
def _add_dialog(admin: Account) -> None:
    with st.form("accounts_add_form", border=False):
        name = st.text_input("Name (bei OpenID Connect: die E-Mail-Adresse)", max_chars=ACCOUNT_NAME_LENGTH)
        role = _role_choice("accounts_add_role", "editor")
        member = _member_choice("accounts_add_member", None)
        same, password = _new_password("accounts_add_password", optional=identity_provider_configured())
        submitted = st.form_submit_button("Anlegen", type="primary", icon=":material/person_add:")
    if not submitted:
        return
    if not same:
        st.error("Die beiden Passwörter stimmen nicht überein.", icon=":material/error:")
        return
    if password is None and not identity_provider_configured():
        st.error(
            "Bitte ein Passwort vergeben: Ohne Passwort kann sich ein Konto nur über OpenID Connect anmelden, "
            "und das ist hier nicht eingerichtet.",
            icon=":material/error:",
        )
        return
    try:
        account = add_account(data.engine(), name, password, role, member, actor=admin.name)
    except PROBLEMS as problem:
        _refused(problem)
        return
    _done(f"Konto „{account.name}“ angelegt ({ROLE_LABELS[account.role]}, {account.member or ALL_MEMBERS}).")


@st.dialog("Rolle und Kommune ändern", on_dismiss=_close)
def _role_dialog(admin: Account, row: AccountOverview) -> None:
    st.markdown(f"Konto **{plain(row.name)}**")
    with st.form("accounts_role_form", border=False):
        role = _role_choice("accounts_role_role", row.role)
        member = _member_choice("accounts_role_member", row.member)
        submitted = st.form_submit_button("Speichern", type="primary", icon=":material/save:")
    if not submitted:
        return
    try:
        account = change_role(data.engine(), row.name, role, member, actor=admin.name, acting_account=admin.name)
    except PROBLEMS as problem:
        _refused(problem)
        return
    _done(f"Konto „{account.name}“ geändert ({ROLE_LABELS[account.role]}, {account.member or ALL_MEMBERS}).")


def _confirmed(key: str, label: str, icon: str | None = None) -> bool:
    """The dialog's confirm and "Abbrechen" buttons side by side; True once confirmed ("Abbrechen" closes)."""
    confirm, cancel = st.columns(2)
    if cancel.button("Abbrechen", key=f"{key}_cancel", width="stretch"):
        _close()
        st.rerun()
    return confirm.button(label, type="primary", icon=icon, key=f"{key}_confirm", width="stretch")


@st.dialog("Konto sperren oder entsperren", on_dismiss=_close)
def _lock_dialog(admin: Account, row: AccountOverview) -> None:
    if row.locked:
        st.markdown(f"Die Sperre von **{plain(row.name)}** aufheben? Danach kann sich das Konto wieder anmelden.")
    else:
        st.markdown(
            f"**{plain(row.name)}** sperren? Das Konto kann sich dann nicht mehr anmelden, und eine offene "
            "Anmeldung verliert ihre Rechte beim nächsten Klick. Name, Rolle und Protokoll bleiben erhalten."
        )
    if not _confirmed("accounts_lock", "Entsperren" if row.locked else "Sperren"):
        return
    try:
        if row.locked:
            unlock_account(data.engine(), row.name, actor=admin.name)
        else:
            lock_account(data.engine(), row.name, actor=admin.name, acting_account=admin.name)
    except PROBLEMS as problem:
        _refused(problem)
        return
    _done(f"Konto „{row.name}“ {'entsperrt' if row.locked else 'gesperrt'}.")


@st.dialog("Neues Passwort", on_dismiss=_close)
def _password_dialog(admin: Account, row: AccountOverview) -> None:
    st.markdown(
        f"Neues Passwort für **{plain(row.name)}**. Offene Anmeldungen des Kontos enden damit; "
        "eine Sperre nach Fehlversuchen wird aufgehoben."
    )
    with st.form("accounts_password_form", border=False):
        same, password = _new_password("accounts_password", optional=False)
        submitted = st.form_submit_button("Passwort setzen", type="primary", icon=":material/key:")
    if not submitted:
        return
    if not same:
        st.error("Die beiden Passwörter stimmen nicht überein.", icon=":material/error:")
        return
    try:
        set_password(data.engine(), row.name, password or "", actor=admin.name)
    except PROBLEMS as problem:
        _refused(problem)
        return
    _done(f"Neues Passwort für „{row.name}“ gesetzt.")


@st.dialog("Konto löschen", on_dismiss=_close)
def _remove_dialog(admin: Account, row: AccountOverview) -> None:
    st.markdown(
        f"Das Konto **{plain(row.name)}** endgültig löschen? Seine Einträge im Änderungsprotokoll bleiben. "
        "Wer nur vorübergehend keinen Zugang haben soll, wird besser gesperrt."
    )
    if not _confirmed("accounts_remove", f"„{plain(row.name)}“ löschen", ":material/delete_forever:"):
        return
    try:
        remove_account(data.engine(), row.name, actor=admin.name, acting_account=admin.name)
    except PROBLEMS as problem:
        _refused(problem)
        return
    st.session_state.pop("accounts_chosen", None)  # the name is no longer among the choices
    _done(f"Konto „{row.name}“ gelöscht.")


def accounts_table(rows: list[AccountOverview]) -> pd.DataFrame:
    """The accounts as shown: English keys, German values; last login in Berlin time."""
    return pd.DataFrame(
        {
            "name": [row.name for row in rows],
            "role": [ROLE_LABELS[row.role].split(" ")[0] for row in rows],
            "member": [row.member or ALL_MEMBERS for row in rows],
            "locked": [row.locked for row in rows],
            "login": ["Passwort" if row.has_password else "nur OpenID Connect" for row in rows],
            "last_login_at": pd.Series(
                [
                    None if row.last_login_at is None else row.last_login_at.astimezone(BERLIN).replace(tzinfo=None)
                    for row in rows
                ],
                dtype="datetime64[ns]",
            ),
        }
    )


COLUMNS = {
    "name": st.column_config.TextColumn("Name", width="medium"),
    "role": st.column_config.TextColumn("Rolle"),
    "member": st.column_config.TextColumn("Kommune"),
    "locked": st.column_config.CheckboxColumn("Gesperrt"),
    "login": st.column_config.TextColumn("Anmeldung"),
    "last_login_at": st.column_config.DatetimeColumn("Letzte Anmeldung mit Passwort", format="DD.MM.YYYY HH:mm"),
}
ACTIONS = {
    "role": ("Rolle und Kommune", ":material/badge:", _role_dialog),
    "lock": ("Sperren", ":material/lock:", _lock_dialog),  # "Entsperren" for a locked account
    "password": ("Neues Passwort", ":material/key:", _password_dialog),
    "remove": ("Löschen", ":material/person_remove:", _remove_dialog),
}


def accounts_section(admin: Account) -> None:
    """The accounts table, "Konto anlegen" and the actions on one chosen account (for an administrator)."""
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if outcome is not None:
        st.success(plain(outcome), icon=":material/check_circle:")
    rows = account_overview(data.engine())
    st.dataframe(
        accounts_table(rows), hide_index=True, width="stretch", column_config=COLUMNS, placeholder="–", key="accounts"
    )
    if st.button("Konto anlegen", icon=":material/person_add:", key="accounts_add_open"):
        st.session_state[DIALOG_KEY] = ("add", None)
    by_name = {row.name: row for row in rows}
    chosen = st.selectbox("Konto", list(by_name), index=None, placeholder="Konto wählen", key="accounts_chosen")
    if chosen is not None:
        for column, (action, (label, icon, _)) in zip(st.columns(len(ACTIONS)), ACTIONS.items(), strict=True):
            if action == "lock":
                label, icon = ("Entsperren", ":material/lock_open:") if by_name[chosen].locked else ("Sperren", icon)
            if column.button(label, icon=icon, key=f"accounts_{action}_open", width="stretch"):
                st.session_state[DIALOG_KEY] = (action, chosen)
    opened = st.session_state.get(DIALOG_KEY)
    if opened is None:
        return
    action, name = opened
    if action == "add":
        _add_dialog(admin)
    elif name in by_name:  # removed meanwhile (another administrator): nothing to open
        ACTIONS[action][2](admin, by_name[name])
    else:
        _close()
