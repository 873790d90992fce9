"""Veranstaltungen: how many events of which type, how many people, the Gesundheitswochen, the newest events."""

import streamlit as st

from charts.events import EVENT_TYPE_SELECTION
from data_access.queries import EVENT_LIST_LIMIT
from metrics.german import format_number
from ui.charts import chart_panel
from ui.clicks import selection_to_filter
from ui.events import events_view
from ui.filters import current_filter
from ui.header import page_header
from ui.tables import event_table_view
from ui.text import plain

filter_ = current_filter()
page_header("Veranstaltungen", filter_)
view = events_view(filter_)

if not view.total:
    st.info("Für diese Auswahl gibt es keine Veranstaltungen. Bitte den Filter erweitern oder zurücksetzen.")
    st.stop()

st.info(plain(view.opening), icon=":material/campaign:")

st.subheader("Veranstaltungen je Jahr und Art")
chart_panel(
    view.counts_chart,
    view.counts_table,
    "Veranstaltungen_je_Jahr",
    key="events_by_year",
    on_select=selection_to_filter("events_by_year", EVENT_TYPE_SELECTION, "event_type", "veranstaltung"),
    selection_mode=EVENT_TYPE_SELECTION,
)
st.caption("Ein Klick auf einen Balken filtert das Dashboard nach dieser Veranstaltungsart.")

participants, weeks = st.columns(2, gap="large")
with participants:
    st.subheader("Teilnehmende je Jahr")
    chart_panel(view.participants_chart, view.participants_table, "Teilnehmende_je_Jahr", key="participants")
with weeks:
    st.subheader("Gesundheitswochen")
    chart_panel(view.weeks_chart, view.weeks_table, "Gesundheitswochen", key="health_weeks")

st.subheader("Zeitleiste")
shown = len(view.event_table)
if shown >= EVENT_LIST_LIMIT and view.total > shown:
    st.caption(
        f"Die neuesten {format_number(shown)} von {format_number(view.total)} Veranstaltungen der Auswahl; "
        "ein engerer Filter zeigt ältere."
    )
chart_panel(view.timeline_chart, view.event_table, "Veranstaltungen", key="timeline")

st.subheader("Veranstaltungen")
event_table_view(view.event_arrow, view.event_table, key="events")

if not view.attendance_table.empty:  # no section when the type filter leaves out the meetings
    st.subheader("Mitgliederversammlungen: vertretene Mitglieder")
    st.caption(
        "Jedes Mitglied hat zwei gleichberechtigte Stimmen: die Verwaltung (Kommune) und die Selbsthilfe. "
        "Gezählt werden die Mitglieder der Auswahl, die mit mindestens einer Seite vertreten waren."
    )
    chart_panel(view.attendance_chart, view.attendance_table, "Mitgliederversammlungen", key="attendance")

if not view.network_table.empty:
    st.subheader("Netzwerkweite Veranstaltungen")
    event_table_view(view.network_table, view.network_table, key="network_events")
