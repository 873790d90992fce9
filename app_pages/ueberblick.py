"""Überblick: the state of the network at a glance (KPIs, development, map, what changed)."""

import streamlit as st

from charts.maps import MEMBER_SELECTION, STATE_SELECTION
from ui.charts import show_chart
from ui.clicks import selection_to_filter, selection_to_profile
from ui.filters import current_filter
from ui.header import page_header
from ui.kpis import kpi_cards
from ui.overview import overview_view
from ui.text import plain

filter_ = current_filter()
page_header("Überblick", filter_)
view = overview_view(filter_)

if not view.has_members:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

kpi_cards(view.kpis, view.periods)
st.info(plain(view.story), icon=":material/campaign:")

development, geography = st.columns([3, 2], gap="large")
with development:
    st.subheader("Mitgliederentwicklung")
    show_chart(view.members_chart, subject="Mitglieder_je_Jahr")
    show_chart(view.movements_chart, subject="Beitritte_und_Austritte")
with geography:
    st.subheader("Karte")
    states_tab, points_tab = st.tabs(["Länder", "Kommunen"])
    with states_tab:
        show_chart(
            view.states_map,
            key="map_states",
            on_select=selection_to_filter("map_states", STATE_SELECTION, "state_code", "land"),
            selection_mode=STATE_SELECTION,
            subject="Karte_Laender",
        )
        st.caption("Ein Klick auf ein Land filtert das Dashboard nach diesem Land.")
    with points_tab:
        show_chart(
            view.members_map,
            key="map_members",
            on_select=selection_to_profile("map_members", MEMBER_SELECTION),
            selection_mode=MEMBER_SELECTION,
            subject="Karte_Kommunen",
        )
        st.caption(plain(view.members_map_note))
