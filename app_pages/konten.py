"""Daten → Konten: administrators add accounts, change role and Kommune, lock, set passwords, remove.

The same operations as ``python -m data_access user``; only an administrator sees the
page in the navigation. Everyone else who opens ``/konten`` gets a German message: a
visitor with the login, an editor without any account data.
"""

import streamlit as st

from ui.accounts import accounts_section
from ui.auth import require_account

st.title("Daten: Konten")
account = require_account("Konten verwalten dürfen nur angemeldete Administratorinnen und Administratoren.")
if not account.is_admin:
    st.warning(
        "Konten verwalten dürfen nur Administratorinnen und Administratoren. "
        "Für ein neues Konto oder andere Rechte bitte an die Geschäftsstelle wenden.",
        icon=":material/lock:",
    )
    st.stop()
st.caption(
    "Neue Konten, Rollen und Kommunen gelten sofort; ein gesperrtes oder gelöschtes Konto verliert eine offene "
    "Anmeldung beim nächsten Klick. Jede Änderung steht im Änderungsprotokoll."
)
accounts_section(account)
