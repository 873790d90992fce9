"""Selbsthilfe: groups in total, per 100,000 inhabitants and by topic; where each member stands; what is missing."""

import streamlit as st

from ui.charts import chart_panel
from ui.downloads import table_downloads
from ui.filters import page_scope
from ui.header import page_header
from ui.navigation import meldestand_page
from ui.tables import show_table
from ui.text import plain
from ui.views import self_help_view

scope = page_scope()
page_header("Selbsthilfe", scope)
view = self_help_view(scope)

if view.year is None:
    st.info("Für diese Auswahl gibt es keine Selbsthilfezahlen. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

st.info(plain(view.opening), icon=":material/campaign:")

groups, rate = st.columns(2, gap="large")
with groups:
    st.subheader("Gruppen und neue Gruppen je Jahr")
    chart_panel(view.totals_chart, view.totals_table, "Selbsthilfegruppen_je_Jahr", key="groups_by_year")
with rate:
    st.subheader("Gruppen je 100.000 Einwohner")
    chart_panel(view.rate_chart, view.totals_table, "Selbsthilfe_Dichte", key="rate_by_year")
    st.caption("Nur Mitglieder mit Einwohnerzahl gehen in die Dichte ein.")

st.subheader("Nach Themenbereich")
chart_panel(view.topics_chart, view.topics_table, "Selbsthilfe_Themen", key="topics")

st.subheader(f"Voneinander lernen: Gruppen je 100.000 Einwohner {view.year}")
if view.ranking_note:
    st.caption(plain(view.ranking_note))
chart_panel(view.ranking_chart, view.ranking_table, f"Selbsthilfe_Rangliste_{view.year}", key="member_rates")

st.subheader(f"Noch ohne Zahlen für {view.year}")
if view.missing_table.empty:
    st.success(f"Alle Mitglieder der Auswahl haben ihre Zahlen für {view.year} gemeldet.", icon=":material/check:")
else:
    st.caption("Diese Mitglieder haben für das Jahr noch keine Selbsthilfezahlen gemeldet.")
    show_table(view.missing_table)
    table_downloads(view.missing_table, f"Selbsthilfe_ohne_Zahlen_{view.year}", key="missing")
    st.page_link(
        meldestand_page(),
        label="Wer was noch nicht gemeldet hat, mit Erinnerungsschreiben: zum Meldestand",
        icon=":material/fact_check:",
    )
