"""Meldestand: who has sent what for the chosen years, and the reminders for the Geschäftsstelle."""

from dataclasses import replace
from typing import Any

import streamlit as st

from domain.formatting import MISSING
from domain.headers import reported_column
from metrics.meldestand import COMPLETE, KIND_LABELS, KIND_LETTERS
from ui.downloads import file_stem, table_downloads
from ui.filters import page_scope
from ui.header import page_header
from ui.tables import EVENT_WIDTHS, show_table
from ui.text import plain
from ui.views import meldestand_view

scope = page_scope()
view = meldestand_view(scope)
# The head names the years the page shows: without "von" these are the last complete ones, not the filter's span.
page_header("Meldestand", scope.for_filter(replace(scope.filter, year_from=view.year_from, year_to=view.year_to)))
years = f"{view.year_from}–{view.year_to}" if view.year_from != view.year_to else str(view.year_to)

if view.matrix.empty:
    st.info("Für diese Auswahl gibt es in den gewählten Jahren keine Mitglieder.")
    st.stop()

st.info(plain(view.opening), icon=":material/campaign:")
if view.shortened:
    st.caption(f"Ohne „von“ im Jahresfilter zeigt der Meldestand die letzten Jahre ({years}).")

st.subheader(f"Wer hat was gemeldet? {years}")
config: dict[str, Any] = {
    "name": st.column_config.TextColumn(pinned=True, width=EVENT_WIDTHS["name"]),
    "gaps": st.column_config.NumberColumn(format="%d", width=70, help="Fehlende Meldungen in den gezeigten Jahren"),
}
for year in range(view.year_from, view.year_to + 1):
    config[reported_column(year)] = st.column_config.TextColumn(width=74)
show_table(view.matrix, column_config=config, key="meldestand_matrix")
letters = " · ".join(f"{KIND_LETTERS[kind]} {label}" for kind, label in KIND_LABELS.items())
st.caption(
    f"{COMPLETE} alles gemeldet · fehlt: {letters} · „{MISSING}“ in dem Jahr kein Mitglied. "
    "Der Vier-Jahres-Bericht fehlt in einem Jahr, wenn er in dem Jahr überfällig ist "
    "(vier Jahre nach dem letzten Bericht oder dem Beitritt)."
)
table_downloads(view.matrix, f"Meldestand_{years}", key="meldestand_matrix_files")

st.subheader("Anteil vollständig je Jahr und Meldung")
show_table(view.shares, key="meldestand_shares", column_config={"year": st.column_config.NumberColumn(format="%d")})
table_downloads(view.shares, f"Meldestand_Anteile_{years}", key="meldestand_shares_files")

st.subheader("Erinnerungsliste für die Geschäftsstelle")
if view.reminders.empty:
    st.success("Alle Mitglieder der Auswahl haben alles gemeldet.", icon=":material/check:")
    st.stop()
st.caption("Mitglieder mit fehlenden Meldungen, die längsten Lücken zuerst, mit ihrer Kontaktstelle.")
show_table(
    view.reminders,
    key="meldestand_reminders",
    column_config={
        "missing": st.column_config.TextColumn(width="large"),
        "missing_since": st.column_config.NumberColumn(format="%d"),
    },
)
table_downloads(view.reminders, f"Erinnerungsliste_{years}", key="reminders")

st.subheader("Erinnerungsschreiben")
st.caption(
    "Ein Schreiben je Mitglied zum Kopieren (Symbol oben rechts im Textfeld), oder alle zusammen als Textdatei, "
    "ein Schreiben je Seite."
)
st.download_button(
    "Alle Schreiben (TXT)",
    view.letters_file,
    file_name=f"{file_stem(f'Erinnerungsschreiben_{years}', scope.file_part)}.txt",
    mime="text/plain; charset=utf-8",
    icon=":material/download:",
    key="letters_file",
)
for name, letter in view.letters:
    with st.expander(plain(name)):
        st.code(letter, language=None, wrap_lines=True)
