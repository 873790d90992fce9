"""Überblick: the state of the network at a glance (KPIs, development, map, what changed)."""

import streamlit as st

from charts.maps import MEMBER_SELECTION, STATE_SELECTION, member_points, state_tiles
from charts.members import joins_and_leaves, members_per_year
from metrics.kpis import overview_kpis
from metrics.narrative import events_story, membership_story
from metrics.periods import kpi_periods
from ui import data
from ui.filters import current_filter
from ui.header import page_header
from ui.kpis import all_years, kpi_cards, kpi_inputs
from ui.maps import selection_to_filter

filter_ = current_filter()
year_from, year_to = page_header("Überblick", filter_)
options = data.filter_options()
periods = kpi_periods(filter_, options.first_year, options.last_year)
members = data.active_members_by_year(filter_, year_from, year_to)

if members.empty:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

kpi_cards(overview_kpis(kpi_inputs(filter_, periods), periods), periods)

history = data.active_members_by_year(filter_, options.first_year, periods.year_to)
flows = data.member_flows_by_year(all_years(filter_))
sentences = membership_story(flows, history, periods.year_from, periods.year_to)
events = events_story(data.event_counts_by_year_and_type(all_years(filter_)), periods)
st.info(" ".join([*sentences, *([events] if events else [])]), icon=":material/campaign:")

development, geography = st.columns([3, 2], gap="large")
with development:
    st.subheader("Mitgliederentwicklung")
    st.altair_chart(members_per_year(members), width="stretch")
    st.altair_chart(joins_and_leaves(flows, list(range(year_from, year_to + 1))), width="stretch")
with geography:
    st.subheader("Karte")
    states_tab, points_tab = st.tabs(["Länder", "Kommunen"])
    with states_tab:
        st.altair_chart(
            state_tiles(data.members_by_state(filter_, year_to)),
            key="map_states",
            on_select=selection_to_filter("map_states", STATE_SELECTION, "state_code", "land"),
            selection_mode=STATE_SELECTION,
        )
        st.caption("Ein Klick auf ein Land filtert das Dashboard nach diesem Land.")
    with points_tab:
        st.altair_chart(
            member_points(data.member_list(filter_, year_to)),
            key="map_members",
            on_select=selection_to_filter("map_members", MEMBER_SELECTION, "name", "kommune"),
            selection_mode=MEMBER_SELECTION,
        )
        st.caption("Punktgröße: Einwohner. Ein Klick auf eine Kommune wählt sie im Filter aus.")
