"""Netzwerke & Gremien: the regional networks and the Sprecher*innenrat."""

import datetime

import streamlit as st

from charts.networks import NETWORK_SELECTION
from metrics.german import format_date, format_number
from ui.charts import chart_panel
from ui.clicks import selection_to_filter
from ui.filters import current_filter
from ui.header import page_header
from ui.networks import networks_view
from ui.tables import seat_table_view
from ui.text import plain

filter_ = current_filter()
page_header("Netzwerke & Gremien", filter_)
view = networks_view(filter_, datetime.date.today())

if view.opening:
    st.info(plain(view.opening), icon=":material/campaign:")

st.subheader(f"Regionalnetzwerke {view.year}")
if view.share is not None:
    st.caption(f"Anteil der Mitglieder in einem Regionalnetzwerk: {format_number(view.share * 100)} %.")
chart_panel(
    view.network_chart,
    view.network_table,
    f"Regionalnetzwerke_{view.year}",
    key="networks",
    on_select=selection_to_filter("networks", NETWORK_SELECTION, "Netzwerk", "netzwerk"),
    selection_mode=NETWORK_SELECTION,
)
st.caption("Ein Klick auf ein Netzwerk filtert das Dashboard nach diesem Netzwerk.")

st.subheader(f"Sprecher*innenrat am {format_date(view.day)}")
if view.current_seats.empty:
    st.info("Am Stichtag hält kein Mitglied dieser Auswahl einen Sitz im Sprecher*innenrat.")
else:
    sides = view.current_seats["Seite"].value_counts()
    municipal, self_help, states = st.columns(3, border=True)
    municipal.metric("Sitze Kommune", int(sides.get("Kommune", 0)))
    self_help.metric("Sitze Selbsthilfe", int(sides.get("Selbsthilfe", 0)))
    states.metric("Länder", view.current_seats["Land"].nunique())
    seat_table_view(view.current_seats, f"Sprecherinnenrat_{view.day.isoformat()}", key="current_seats")
    st.subheader("Sitze nach Land")
    chart_panel(view.states_chart, view.states_table, "Sitze_nach_Land", key="seats_by_state")

st.subheader("Sitze im Verlauf")
chart_panel(view.history_chart, view.history_table, "Sitze_im_Verlauf", key="seat_history")
with st.expander("Alle Amtszeiten", icon=":material/history:"):
    seat_table_view(view.all_seats, "Sprecherinnenrat_Amtszeiten", key="all_seats")
