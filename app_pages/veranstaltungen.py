"""Veranstaltungen: how many events of which type, how many people, the Gesundheitswochen, the newest events."""

import streamlit as st

from domain.formatting import format_number
from ui.charts import chart_panel
from ui.filters import page_scope
from ui.header import page_header
from ui.tables import event_table_view
from ui.text import plain
from ui.views import event_list_view, events_view

scope = page_scope()
page_header("Veranstaltungen", scope)
view = events_view(scope)

if not view.total:
    st.info("Für diese Auswahl gibt es keine Veranstaltungen. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

st.info(plain(view.opening), icon=":material/campaign:")

st.subheader("Veranstaltungen je Jahr und Art")
chart_panel(view.counts_chart, view.counts_table, "Veranstaltungen_je_Jahr", key="events_by_year")
st.caption("Ein Klick auf einen Balken filtert das Dashboard nach dieser Veranstaltungsart.")

participants, weeks = st.columns(2, gap="large")
with participants:
    st.subheader("Teilnehmende je Jahr")
    chart_panel(view.participants_chart, view.participants_table, "Teilnehmende_je_Jahr", key="participants")
with weeks:
    st.subheader("Gesundheitswochen")
    chart_panel(view.weeks_chart, view.weeks_table, "Gesundheitswochen", key="health_weeks")

st.subheader("Zeitleiste")
lists = event_list_view(scope)
shown = len(lists.event_table)
if shown >= lists.list_limit and view.total > shown:
    st.caption(
        f"Die neuesten {format_number(shown)} von {format_number(view.total)} Veranstaltungen der Auswahl; "
        "ein engerer Filter zeigt ältere."
    )
chart_panel(lists.timeline_chart, lists.event_table, "Veranstaltungen", key="timeline")

st.subheader("Veranstaltungen")
event_table_view(lists.event_arrow, lists.event_table, key="events")

if not lists.attendance_table.empty:  # no section when the type filter leaves out the meetings
    st.subheader("Mitgliederversammlungen: vertretene Mitglieder")
    st.caption(
        "Jedes Mitglied hat zwei gleichberechtigte Stimmen: die Verwaltung (Kommune) und die Selbsthilfe. "
        "Gezählt werden die Mitglieder der Auswahl, die mit mindestens einer Seite vertreten waren."
    )
    chart_panel(lists.attendance_chart, lists.attendance_table, "Mitgliederversammlungen", key="attendance")

if not lists.network_table.empty:
    st.subheader("Netzwerkweite Veranstaltungen")
    event_table_view(lists.network_table, lists.network_table, key="network_events")
