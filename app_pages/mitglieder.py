"""Mitglieder: who is in the network, where, since when, and how each stands on reports and standards."""

import streamlit as st

from charts.members import members_by, population_over_time
from metrics.members import member_table, members_by_type
from ui import data
from ui.downloads import table_downloads
from ui.filters import current_filter
from ui.header import page_header
from ui.member_table import member_details, member_table_view

filter_ = current_filter()
year_from, year_to = page_header("Mitglieder", filter_)
members = data.member_list(filter_, year_to)

if members.empty:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

table = member_table(members, year_to)
st.subheader(f"Mitgliedskommunen {year_to}")
selected = member_table_view(table)
if selected is not None:
    member_details(table.iloc[selected])
table_downloads(table, "Mitglieder", key="members")

active = data.active_members_by_year(filter_, year_from, year_to)
by_type, by_state = st.columns(2, gap="large")
with by_type:
    st.subheader("Nach Art")
    st.altair_chart(members_by(members_by_type(active, year_to), "member_type", "Art"), width="stretch")
with by_state:
    st.subheader("Nach Land")
    st.altair_chart(members_by(data.members_by_state(filter_, year_to), "state_code", "Land"), width="stretch")
st.subheader("Einwohner in Mitgliedskommunen")
st.altair_chart(population_over_time(active), width="stretch")
