"""Überblick: the state of the network at a glance (KPIs, development, map, what changed)."""

import streamlit as st

from ui.charts import chart_panel
from ui.filters import page_scope
from ui.first_steps import database_is_empty, first_steps
from ui.header import page_header
from ui.kpis import kpi_cards
from ui.navigation import meldestand_page
from ui.text import plain
from ui.views import map_view, overview_view
from views.overview import places_table

scope = page_scope()
page_header("Überblick", scope)
view = overview_view(scope)

if not view.has_members:
    if database_is_empty():
        first_steps()
    else:
        st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

kpi_cards(view.kpis, scope.periods)
st.info(plain(view.story), icon=":material/campaign:")
st.page_link(
    meldestand_page(),
    label="Selbsthilfe und Mindeststandards zählen nur, was gemeldet ist: zum Meldestand",
    icon=":material/fact_check:",
)

development, geography = st.columns([3, 2], gap="large")
with development:
    st.subheader("Mitgliederentwicklung")
    st.markdown("**Mitglieder je Jahr**")
    chart_panel(view.members_chart, view.members_table, "Mitglieder_je_Jahr", key="members_per_year")
    st.markdown("**Beitritte und Austritte je Jahr**")
    if view.movements_chart is None:
        st.caption("In den gezeigten Jahren gab es keine Bei- oder Austritte.")
    else:
        chart_panel(view.movements_chart, view.movements_table, "Beitritte_und_Austritte", key="movements")
with geography:
    st.subheader("Karte")
    maps = map_view(scope)
    states_tab, points_tab = st.tabs(["Länder", "Kommunen"])
    with states_tab:
        chart_panel(maps.states_map, view.states_table, "Karte_Laender", key="map_states")
        st.caption("Ein Klick auf ein Land filtert das Dashboard nach diesem Land.")
    with points_tab:
        chart_panel(maps.members_map, places_table(maps), "Karte_Kommunen", key="map_members")
        st.caption(plain(maps.members_map_note))
