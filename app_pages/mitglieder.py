"""Mitglieder: who is in the network, where, since when, and how each stands on reports and standards."""

import streamlit as st

from ui.charts import chart_panel
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
    chart_panel(view.by_type_chart, view.by_type_table, "Mitglieder_nach_Art", key="members_by_type")
with by_state:
    st.subheader("Nach Land")
    chart_panel(view.by_state_chart, view.by_state_table, "Mitglieder_nach_Land", key="members_by_state")
st.subheader("Einwohner in Mitgliedskommunen")
chart_panel(view.population_chart, view.population_table, "Einwohner_im_Verlauf", key="population")
