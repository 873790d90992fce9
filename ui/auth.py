"""Who is logged in: OpenID Connect (``st.login``) when configured, else the built-in editor accounts.

Viewing needs no login. Writing needs an account (``python -m data_access user add``).
With an identity provider in ``.streamlit/secrets.toml`` (section ``[auth]``), people log
in there and their e-mail address is looked up among the accounts for their role.
"""

from __future__ import annotations

import functools
import os

import streamlit as st

from data_access.account_admin import account_is_locked
from data_access.accounts import (
    MAX_NAME_LENGTH,
    READ_ONLY_LOGIN,
    Account,
    AccountError,
    authenticate,
    confirm_session,
    find_account,
)
from data_access.engine import DatabaseBusyError
from data_access.importing.templates import TEMPLATES
from ui import data
from ui.text import plain

ACCOUNT_KEY = "gsn_account"


@functools.cache
def _secrets_present() -> bool:
    """Whether a secrets file exists, checked once per process (a new one needs a restart, as for st.login).

    Without a file, every look into ``st.secrets`` tries to read it again and raises; that
    happened several times on every run of every page.
    """
    return any(os.path.exists(path) for path in st.get_option("secrets.files"))


def identity_provider_configured() -> bool:
    """True when ``secrets.toml`` configures OpenID Connect for ``st.login``."""
    if not _secrets_present():
        return False
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def login_required() -> bool:
    """True when viewing needs a login too: ``GSN_REQUIRE_LOGIN=1`` or ``[access] require_login = true`` in secrets.

    Open by default: the network's figures are meant to be shared.
    """
    if os.environ.get("GSN_REQUIRE_LOGIN", "").strip().lower() in ("1", "true", "ja", "yes"):
        return True
    if not _secrets_present():
        return False
    try:
        return bool(st.secrets.get("access", {}).get("require_login", False))
    except FileNotFoundError:
        return False


def current_account() -> Account | None:
    """The account of this session, or None for a viewer."""
    # Looked up on every run (one indexed query, only for logged-in sessions): a removed
    # account or a changed password ends the session at once, a new role applies at once.
    if identity_provider_configured():
        if not st.user.is_logged_in or st.user.get("email_verified") is False:
            return None  # an address the provider has not verified names nobody's account
        return find_account(data.engine(), str(st.user.get("email") or ""))
    account = st.session_state.get(ACCOUNT_KEY)
    if not isinstance(account, Account):
        return None
    confirmed = confirm_session(data.engine(), account)
    if confirmed is None:
        del st.session_state[ACCOUNT_KEY]
        st.toast(
            "Ihre Anmeldung gilt nicht mehr (Konto geändert, gesperrt oder entfernt). Bitte neu anmelden.",
            icon=":material/lock:",
        )
        return None
    st.session_state[ACCOUNT_KEY] = confirmed
    return confirmed


def _log_out() -> None:
    st.session_state.pop(ACCOUNT_KEY, None)
    if identity_provider_configured():
        st.logout()


def login_form() -> None:
    """The login: the identity provider's button, or name and password of an editor account."""
    if identity_provider_configured():
        if st.user.is_logged_in and current_account() is None:
            # Logged in at the provider, but no account (or a locked one) under this e-mail address.
            address = str(st.user.get("email") or "")
            mail = plain(address or "ohne E-Mail-Adresse")
            if account_is_locked(data.engine(), address):
                reason = f"Das Konto {mail} ist gesperrt. Bitte bei der Geschäftsstelle melden."
            else:
                reason = (
                    f"Für {mail} gibt es hier kein Konto. Bitte bei der Geschäftsstelle ein Konto anfragen; "
                    "der Kontoname ist Ihre E-Mail-Adresse."
                )
            st.warning(f"Ihr Zugang hat keine Schreibrechte: {reason}", icon=":material/lock:")
            st.button("Abmelden", on_click=st.logout, icon=":material/logout:")
            return
        st.button("Anmelden", on_click=st.login, icon=":material/login:")
        return
    if not data.writable():
        st.info(READ_ONLY_LOGIN, icon=":material/visibility:")
        return
    with st.form("login", border=True):
        name = st.text_input("Name", autocomplete="username", max_chars=MAX_NAME_LENGTH)
        password = st.text_input("Passwort", type="password", autocomplete="current-password", max_chars=1000)
        submitted = st.form_submit_button("Anmelden", icon=":material/login:")
    if submitted:
        try:
            st.session_state[ACCOUNT_KEY] = authenticate(data.engine(), name, password)
        except (AccountError, DatabaseBusyError) as problem:
            st.error(str(problem), icon=":material/lock:")
            return
        st.rerun()


def require_account(message: str) -> Account:
    """The logged-in account; without one, show ``message`` and the login, and stop the page."""
    account = current_account()
    if account is None:
        if not (identity_provider_configured() and st.user.is_logged_in):  # else login_form says why
            st.warning(message, icon=":material/lock:")
        login_form()
        st.stop()
    return account


def choose_kind(key: str, default: str) -> str:
    """The kind of data a data page works on (Mitglieder, Veranstaltungen, Selbsthilfe, Mindeststandards)."""
    return st.segmented_control(
        "Art der Daten",
        list(TEMPLATES),
        format_func=lambda name: TEMPLATES[name].title,
        default=default,
        key=key,
        required=True,
    )


def account_badge(account: Account) -> None:
    """Who is logged in, with what rights, and the way out (in the sidebar)."""
    scope = f"nur {account.member}" if account.member else "alle Kommunen"
    role = "Administration" if account.is_admin else "Redaktion"
    st.caption(f"Angemeldet: **{plain(account.name)}** · {role} · {plain(scope)}")
    st.button("Abmelden", on_click=_log_out, icon=":material/logout:", width="stretch")
