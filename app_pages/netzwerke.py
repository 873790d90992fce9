"""Netzwerke & Gremien: the regional networks and the Sprecher*innenrat."""

import streamlit as st

from domain.formatting import format_date, format_percent
from ui.charts import chart_panel
from ui.filters import page_scope
from ui.header import page_header
from ui.tables import seat_table_view
from ui.text import plain
from ui.views import networks_view

scope = page_scope()
page_header("Netzwerke & Gremien", scope)
view = networks_view(scope)

if view.opening:
    st.info(plain(view.opening), icon=":material/campaign:")

st.subheader(f"Regionalnetzwerke {view.year}")
if view.share is not None:
    st.caption(f"Anteil der Mitglieder in einem Regionalnetzwerk: {format_percent(view.share)}.")
chart_panel(view.network_chart, view.network_table, f"Regionalnetzwerke_{view.year}", key="networks")
st.caption("Ein Klick auf ein Netzwerk filtert das Dashboard nach diesem Netzwerk.")

st.subheader(f"Sprecher*innenrat am {format_date(view.day)}")
if view.current_seats.empty:
    st.info("Am Stichtag hält kein Mitglied dieser Auswahl einen Sitz im Sprecher*innenrat.")
else:
    municipal, self_help, states = st.columns(3, border=True)
    municipal.metric("Sitze Kommune", view.seat_counts["municipal"])
    self_help.metric("Sitze Selbsthilfe", view.seat_counts["self_help"])
    states.metric("Länder", view.seat_counts["states"])
    seat_table_view(view.current_seats, f"Sprecherinnenrat_{view.day.isoformat()}", key="current_seats")
    st.subheader("Sitze nach Land")
    chart_panel(view.states_chart, view.states_table, "Sitze_nach_Land", key="seats_by_state")

st.subheader("Sitze im Verlauf")
if view.history_note:  # an unchanged history is a sentence, not a chart of equal bars
    st.caption(plain(view.history_note))
else:
    chart_panel(view.history_chart, view.history_table, "Sitze_im_Verlauf", key="seat_history")
with st.expander("Alle Amtszeiten", icon=":material/history:"):
    seat_table_view(view.all_seats, "Sprecherinnenrat_Amtszeiten", key="all_seats")
