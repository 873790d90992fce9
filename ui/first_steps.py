"""The "Erste Schritte" page: what an empty database shows on the Überblick instead of empty charts.

A network that starts with its own data (``python -m data_access init --leer`` or after
removing the demo data) sees, on its first visit, what to import in which order, the
member template to download right here, and the way to the Import page (which is also the
login of the data stewards).
"""

from __future__ import annotations

import streamlit as st

from data_access.demo import has_members
from data_access.engine import read_connection
from data_access.importing.templates import TEMPLATES
from ui import data
from ui.downloads import empty_template_buttons
from ui.navigation import login_page

FIRST_KIND = "mitglieder"
"""Imported first: every other kind names its Kommune, and a row of an unknown Kommune is rejected."""
NOT_DATA_KINDS = ("kriterien",)
"""Kinds that are not the network's own figures (the Mindeststandards' titles come with the database)."""


def database_is_empty() -> bool:
    """True when the database holds no member at all (not: the filter matches none)."""
    with read_connection(data.engine()) as connection:
        return not has_members(connection)


def later_kinds() -> list[str]:
    """The titles of the kinds to import after the members, in the order of the Import page."""
    return [template.title for kind, template in TEMPLATES.items() if kind not in (FIRST_KIND, *NOT_DATA_KINDS)]


def first_steps() -> None:
    """Render the "Erste Schritte" page: three steps, the member template and the link to the Import page."""
    st.subheader("Erste Schritte", anchor="erste-schritte")
    st.markdown(
        "Die Datenbank enthält noch keine Mitglieder, deshalb gibt es hier noch keine Zahlen und Diagramme. "
        "So kommen die Daten des Netzwerks ins Dashboard:"
    )
    st.markdown(
        "1. **Anmelden** auf der Seite *Import* (Konto für Redaktion oder Administration; "
        "es wird angelegt mit `python -m data_access user add NAME --role admin`).\n"
        "2. **Mitglieder einlesen** – zuerst, denn alle anderen Daten beziehen sich auf eine Mitgliedskommune. "
        "Die Vorlage unten herunterladen, je Kommune eine Zeile ausfüllen und auf der Seite *Import* hochladen; "
        "die Vorschau zeigt vor dem Schreiben jede Zeile.\n"
        f"3. **Danach die übrigen Daten** in beliebiger Reihenfolge: {', '.join(later_kinds())}. "
        "Die Vorlagen dazu stehen auf der Seite *Import* unter „Vorlagen und Spalten“."
    )
    template = TEMPLATES[FIRST_KIND]
    header = [column.name for column in template.columns]
    empty_template_buttons(st.columns(2), FIRST_KIND, header, template.title, "Vorlage Mitglieder", key="first_steps")
    st.page_link(login_page(), label="Zum Import: anmelden, Vorlagen, Dateien hochladen", icon=":material/login:")
