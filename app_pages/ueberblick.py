"""Überblick: the state of the network at a glance (KPIs, development, map, what changed)."""

import streamlit as st

from ui.charts import show_chart
from ui.filters import page_scope
from ui.header import page_header
from ui.kpis import kpi_cards
from ui.text import plain
from ui.views import map_view, overview_view

scope = page_scope()
page_header("Überblick", scope)
view = overview_view(scope)

if not view.has_members:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

kpi_cards(view.kpis, scope.periods)
st.info(plain(view.story), icon=":material/campaign:")

development, geography = st.columns([3, 2], gap="large")
with development:
    st.subheader("Mitgliederentwicklung")
    show_chart(view.members_chart, subject="Mitglieder_je_Jahr")
    show_chart(view.movements_chart, subject="Beitritte_und_Austritte")
with geography:
    st.subheader("Karte")
    maps = map_view(scope)
    states_tab, points_tab = st.tabs(["Länder", "Kommunen"])
    with states_tab:
        show_chart(maps.states_map, key="map_states", subject="Karte_Laender")
        st.caption("Ein Klick auf ein Land filtert das Dashboard nach diesem Land.")
    with points_tab:
        show_chart(maps.members_map, key="map_members", subject="Karte_Kommunen")
        st.caption(plain(maps.members_map_note))
