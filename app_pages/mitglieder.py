"""Mitglieder: who is in the network, where, since when, and how each stands on reports and standards."""

import streamlit as st

from ui.charts import show_chart
from ui.downloads import table_downloads
from ui.filters import page_scope
from ui.header import page_header
from ui.member_table import member_details, member_table_view
from ui.views import members_view

scope = page_scope()
page_header("Mitglieder", scope)
view = members_view(scope)

if view.table.empty:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

st.subheader(f"Mitgliedskommunen {view.year}")
selected = member_table_view(view.table_arrow)
if selected is not None:
    member_details(view.table.iloc[selected])
table_downloads(view.table, "Mitglieder", key="members")

by_type, by_state = st.columns(2, gap="large")
with by_type:
    st.subheader("Nach Art")
    show_chart(view.by_type_chart, subject="Mitglieder_nach_Art")
with by_state:
    st.subheader("Nach Land")
    show_chart(view.by_state_chart, subject="Mitglieder_nach_Land")
st.subheader("Einwohner in Mitgliedskommunen")
show_chart(view.population_chart, subject="Einwohner_im_Verlauf")
