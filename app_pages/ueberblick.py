"""Überblick: the network at a glance (the full screen follows with the dashboard issue)."""

import streamlit as st

from charts.members import members_per_year
from metrics.german import format_number
from metrics.overview import overview_figures
from ui import data
from ui.filters import current_filter
from ui.header import page_header

filter_ = current_filter()
year_from, year_to = page_header("Überblick", filter_)
members = data.active_members_by_year(filter_, year_from, year_to)
events = data.event_counts_by_year_and_type(filter_)
states = data.members_by_state(filter_, year_to)
figures = overview_figures(members, states, events, year_to)

if figures.members == 0:
    st.info("Für diese Auswahl gibt es keine Mitglieder. Bitte den Filter erweitern.")
else:
    columns = st.columns(4)
    columns[0].metric("Mitglieder", format_number(figures.members), help=f"Aktive Mitglieder im Jahr {year_to}")
    columns[1].metric("Einwohner", format_number(figures.population), help="Einwohner der aktiven Mitglieder")
    columns[2].metric("Bundesländer", f"{figures.states} von 16", help="Länder mit mindestens einem Mitglied")
    columns[3].metric(
        "Veranstaltungen",
        format_number(figures.events),
        help=f"Veranstaltungen {year_from}–{year_to}",
    )
    st.subheader("Mitglieder je Jahr")
    st.altair_chart(members_per_year(members), width="stretch")
