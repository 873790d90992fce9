"""Daten → Bearbeiten: change cells of a member's rows in place, with the checks of an import."""

import streamlit as st

from data_access.importing.templates import TEMPLATES
from ui import data
from ui.auth import current_account, login_form
from ui.editing import edit_rows

account = current_account()
st.title("Daten: Bearbeiten")
if account is None:
    st.warning("Daten bearbeiten dürfen nur angemeldete Redakteurinnen und Redakteure.", icon=":material/lock:")
    login_form()
    st.stop()

kind = st.segmented_control(
    "Art der Daten",
    list(TEMPLATES),
    format_func=lambda name: TEMPLATES[name].title,
    default="selbsthilfe",
    key="edit_kind",
    required=True,
)
if account.member and not account.is_admin:
    member = account.member
    st.caption(f"Kommune: {member}")
else:
    members = data.filter_options().members
    member = st.selectbox("Kommune", members, index=None, key="edit_member", placeholder="Kommune wählen")
    if member is None and kind != "mitglieder":
        st.info("Bitte eine Kommune wählen.")
        st.stop()
edit_rows(kind, member, account)
