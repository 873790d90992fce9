"""Entry point of the GSN Dashboard: page setup, the shared filter sidebar, navigation.

Run with ``streamlit run dashboard.py``. Page scripts live in ``app_pages/``, not
``pages/``: a folder named ``pages/`` beside an entry script that calls
``st.navigation`` switches Streamlit 1.67 to legacy page discovery (deep links skip this
script and the filters vanish). See DESIGN.md.
"""

import streamlit as st

from data_access.engine import DatabaseUnavailableError
from ui.auth import account_badge, current_account, login_form, login_required
from ui.clicks import follow_profile_request
from ui.errors import database_unavailable
from ui.filters import sidebar_filter

st.set_page_config(
    page_title="GSN-Dashboard",
    page_icon=":material/health_and_safety:",
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = {
    "Überblick": [
        st.Page("app_pages/ueberblick.py", title="Überblick", icon=":material/dashboard:", default=True),
        st.Page(
            "app_pages/praesentation.py", title="Präsentation", icon=":material/co_present:", url_path="praesentation"
        ),
    ],
    "Mitglieder": [
        st.Page("app_pages/mitglieder.py", title="Mitglieder", icon=":material/location_city:", url_path="mitglieder"),
        st.Page("app_pages/steckbrief.py", title="Steckbrief", icon=":material/badge:", url_path="steckbrief"),
    ],
    "Aktivitäten": [
        st.Page(
            "app_pages/veranstaltungen.py", title="Veranstaltungen", icon=":material/event:", url_path="veranstaltungen"
        ),
        st.Page("app_pages/selbsthilfe.py", title="Selbsthilfe", icon=":material/diversity_3:", url_path="selbsthilfe"),
        st.Page(
            "app_pages/mindeststandards.py",
            title="Mindeststandards",
            icon=":material/checklist:",
            url_path="mindeststandards",
        ),
    ],
    "Netzwerk": [
        st.Page("app_pages/netzwerke.py", title="Netzwerke & Gremien", icon=":material/hub:", url_path="netzwerke"),
    ],
}
account = current_account()
if account is None and login_required():
    st.title("GSN-Dashboard")
    st.info("Dieses Dashboard ist nur nach Anmeldung sichtbar.", icon=":material/lock:")
    login_form()
    st.stop()
# Built per user: only editors see the Daten section. For everyone else the page stays
# reachable by its URL but hidden, and shows a German message with the login instead.
pages["Daten"] = [
    st.Page(
        f"app_pages/{name}.py", title=title, icon=icon, url_path=name, visibility="visible" if account else "hidden"
    )
    for name, title, icon in (
        ("daten", "Import", ":material/upload_file:"),
        ("bearbeiten", "Bearbeiten", ":material/edit_note:"),
        ("protokoll", "Protokoll", ":material/history:"),
    )
]
page = st.navigation(pages)
try:
    sidebar_filter()
    with st.sidebar:
        if account is not None:
            account_badge(account)
        else:
            st.page_link("app_pages/daten.py", label="Anmelden (Datenpflege)", icon=":material/login:")
    follow_profile_request()  # a click on a member (table, ranking) asked for its Steckbrief
    page.run()
except DatabaseUnavailableError:
    database_unavailable()
