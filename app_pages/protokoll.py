"""Daten → Protokoll: every write with who, when, what and old → new, filterable and downloadable."""

import datetime

import streamlit as st

from domain.formatting import format_date, format_number
from metrics.audit import table_label
from ui.auth import require_account
from ui.downloads import table_downloads
from ui.tables import show_table
from ui.views import audit_view

st.title("Daten: Protokoll")
require_account("Das Änderungsprotokoll sehen nur angemeldete Redakteurinnen und Redakteure.")

view = audit_view(None, None, None)
area, person, since = st.columns(3)
table_name = area.selectbox(
    "Bereich", view.tables, index=None, format_func=table_label, placeholder="Alle Bereiche", key="audit_table"
)
actor = person.selectbox("Wer", view.actors, index=None, placeholder="Alle", key="audit_actor")
first_day = since.date_input("Ab", value=None, format="DD.MM.YYYY", key="audit_since", max_value=datetime.date.today())
if table_name or actor or first_day:
    view = audit_view(table_name, actor, first_day)

st.caption(
    f"{format_number(len(view.table))} Einträge"
    + (f" (die neuesten {format_number(view.list_limit)})" if len(view.table) >= view.list_limit else "")
    + f" · insgesamt {format_number(view.total)} im Protokoll"
)
show_table(
    view.table,
    key="audit_entries",
    column_config={
        "occurred_at": st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm"),
        "change": st.column_config.TextColumn(width="large"),
    },
)
table_downloads(
    view.table, "Protokoll", key="audit", context=f"Änderungsprotokoll · Stand: {format_date(datetime.date.today())}"
)
