"""Kommunen-Steckbrief: one member on one page (reached from the member table, the map and the rankings)."""

import streamlit as st

from ui import data
from ui.charts import chart_panel
from ui.filters import page_scope, set_filter_value
from ui.header import page_header
from ui.member_table import facts_grid
from ui.printing import print_layout
from ui.tables import seat_table_view
from ui.text import plain
from ui.views import profile_view

scope = page_scope()
page_header("Kommunen-Steckbrief", scope)

if scope.filter.member is None:
    st.info("Bitte eine Kommune wählen: hier oder im Filter links (Kommune).", icon=":material/badge:")
    st.selectbox(
        "Kommune",
        data.filter_options().members,
        index=None,
        key="profile_pick",
        placeholder="Kommune suchen …",
        on_change=lambda: set_filter_value("kommune", st.session_state["profile_pick"]),
    )
    st.stop()

view = profile_view(scope)
if not view.facts:
    st.warning(f"Die Kommune „{plain(view.name)}“ gibt es in den Daten nicht.")
    st.stop()

print_layout()  # the browser's print gives a one-page handout
st.header(plain(view.name), anchor=False)
if view.status:  # a former member says so at the top, before any figure
    st.badge(view.status, icon=":material/logout:", color="gray")
st.info(plain(view.opening), icon=":material/campaign:")
facts_grid({label: value for label, value in view.facts.items() if label != "Kommune"})

events, self_help = st.columns(2, gap="large")
with events:
    st.subheader("Veranstaltungen je Jahr")
    chart_panel(view.events_chart, view.events_table, f"Steckbrief_Veranstaltungen_{view.name}", key="profile_events")
with self_help:
    st.subheader("Selbsthilfe im Vergleich")
    chart_panel(
        view.self_help_chart, view.self_help_table, f"Steckbrief_Selbsthilfe_{view.name}", key="profile_self_help"
    )

standards, seats = st.columns(2, gap="large")
with standards:
    st.subheader("Mindeststandards")
    chart_panel(
        view.standards_chart, view.standards_table, f"Steckbrief_Mindeststandards_{view.name}", key="profile_standards"
    )
with seats:
    st.subheader("Sitze im Sprecher*innenrat")
    if view.seats.empty:
        st.caption("Die Kommune hatte bisher keinen Sitz im Sprecher*innenrat.")
    else:
        seat_table_view(view.seats, f"Steckbrief_Sitze_{view.name}", key="profile_seats")
