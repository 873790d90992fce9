"""Daten → Bearbeiten: change cells of a member's rows in place, with the checks of an import."""

import streamlit as st

from data_access.importing.templates import TEMPLATES
from ui import data
from ui.auth import choose_kind, require_account
from ui.editing import edit_rows
from ui.text import plain

st.title("Daten: Bearbeiten")
account = require_account("Daten bearbeiten dürfen nur angemeldete Redakteurinnen und Redakteure.")
kind = choose_kind("edit_kind", "selbsthilfe")
if not TEMPLATES[kind].per_member:
    member = None  # network-wide rows (the criteria) belong to no Kommune
elif account.member and not account.is_admin:
    member = account.member
    st.caption(f"Kommune: {plain(member)}")
else:
    members = data.filter_options().members
    member = st.selectbox("Kommune", members, index=None, key="edit_member", placeholder="Kommune wählen")
    if member is None and kind != "mitglieder":
        st.info("Bitte eine Kommune wählen.")
        st.stop()
edit_rows(kind, member, account)
