"""Daten → Import: upload a file, see exactly what would change, then write it in one go."""

import streamlit as st

from ui.auth import choose_kind, require_account
from ui.demo_removal import demo_removal_section
from ui.upload import template_downloads, upload_flow

st.title("Daten: Import")
account = require_account(
    "Daten ändern dürfen nur angemeldete Redakteurinnen und Redakteure. Bitte anmelden; "
    "ein Konto vergibt die Geschäftsstelle."
)
demo_removal_section(account)
kind = choose_kind("import_kind", "mitglieder")
upload_flow(kind, account)
with st.expander("Vorlagen und Spalten", icon=":material/description:"):
    template_downloads(kind, account)
