"""Daten → Import: upload a file, see exactly what would change, then write it in one go."""

import streamlit as st

from data_access.importing.templates import TEMPLATES
from ui.auth import current_account, login_form
from ui.upload import template_downloads, upload_flow

account = current_account()
st.title("Daten: Import")
if account is None:
    st.warning(
        "Daten ändern dürfen nur angemeldete Redakteurinnen und Redakteure. Bitte anmelden; "
        "ein Konto vergibt die Geschäftsstelle.",
        icon=":material/lock:",
    )
    login_form()
    st.stop()

kind = st.segmented_control(
    "Art der Daten",
    list(TEMPLATES),
    format_func=lambda name: TEMPLATES[name].title,
    default="mitglieder",
    key="import_kind",
    required=True,
)
upload_flow(kind, account)
with st.expander("Vorlagen und Spalten", icon=":material/description:"):
    template_downloads(kind, account)
