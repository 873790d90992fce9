"""Mindeststandards: the 9-Punkte-Programm per member, its development, and the four-year reports."""

import streamlit as st

from metrics.reporting import DUE, ON_TIME, OVERDUE
from ui.charts import chart_panel
from ui.downloads import table_downloads
from ui.filters import page_scope
from ui.header import page_header
from ui.tables import matrix_table, report_table
from ui.text import plain
from ui.views import matrix_view, standards_view

scope = page_scope()
page_header("Mindeststandards", scope)
view = standards_view(scope)

if view.assessed_years:
    newest_first = view.assessed_years[::-1]
    year = st.selectbox("Jahr der Selbsteinschätzung", newest_first, key="standards_year")
    matrix = matrix_view(scope, year if year in newest_first else newest_first[0])
    st.info(plain(matrix.opening), icon=":material/campaign:")
    st.subheader(f"Mindeststandards je Mitglied {matrix.year}")
    matrix_table(matrix.shown, view.criteria)
    st.caption("Eine Zeile auswählen öffnet den Steckbrief der Kommune.")
    table_downloads(matrix.matrix, f"Mindeststandards_{matrix.year}", key="matrix")
else:
    st.info("Für diese Auswahl gibt es keine Selbsteinschätzungen.")

st.subheader("Entwicklung: Anteil der Mitglieder, die einen Punkt erfüllen")
chart_panel(view.shares_chart, view.shares_table, "Mindeststandards_Entwicklung", key="shares")

st.subheader(f"Vier-Jahres-Berichte (Stand {view.report_year})")
overdue, due, on_time, submitted = st.columns(4, border=True)
overdue.metric("Überfällig", view.report_counts[OVERDUE], help="Das Fälligkeitsjahr liegt vor dem Berichtsjahr.")
due.metric("Fällig", view.report_counts[DUE], help="Der Bericht ist in diesem Jahr fällig.")
on_time.metric("Aktuell", view.report_counts[ON_TIME], help="Der nächste Bericht ist erst später fällig.")
submitted.metric("Eingereicht", view.report_counts["eingereicht"], help=f"Berichte für {view.report_year}.")
report_table(view.reports)
table_downloads(view.reports, f"Berichte_{view.report_year}", key="reports")
