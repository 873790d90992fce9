"""Entry point of the GSN Dashboard: page setup, the shared filter sidebar, navigation.

Run with ``streamlit run dashboard.py``. Page scripts live in ``app_pages/``, not
``pages/``: a folder named ``pages/`` beside an entry script that calls
``st.navigation`` switches Streamlit 1.67 to legacy page discovery (deep links skip this
script and the filters vanish). See DESIGN.md.
"""

from pathlib import Path

import streamlit as st

from data_access.engine import DatabaseUnavailableError
from ui import data
from ui.auth import account_badge, current_account, login_form, login_required
from ui.clicks import follow_profile_request
from ui.data import follow_other_writers
from ui.errors import database_unavailable
from ui.filters import running_page, sidebar_scope
from ui.navigation import login_page, navigation_pages

ICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

st.set_page_config(
    page_title="GSN-Dashboard",
    # A file in the repository, served by the dashboard itself (tests/browser/test_no_third_party.py):
    # a ":material/…:" icon makes every browser ask fonts.gstatic.com, and an emoji ("💚") is only
    # text drawn by whatever emoji font the visitor's system has (none on some).
    page_icon=ICON,
    layout="wide",
    # "auto": open on a desktop, closed on a phone (narrower than 768 px), where the open sidebar
    # would cover the page and the filter sentence (tests/browser/test_phone.py).
    initial_sidebar_state="auto",
)

try:
    # The account is looked up on every run: inside the handler, so that an editor meets the
    # same German message as a viewer when the database is gone, and keeps the login for
    # when it is back.
    account = current_account()
    if account is None and login_required():
        st.title("GSN-Dashboard")
        st.info("Dieses Dashboard ist nur nach Anmeldung sichtbar.", icon=":material/lock:")
        login_form()
        st.stop()
    # The Daten section only for editors, its Konten page only for admins. Expanded: with
    # Konten an admin has 13 pages, and Streamlit would hide all but ten behind "View more".
    admin = account is not None and account.is_admin
    page = st.navigation(navigation_pages(account is not None, admin), expanded=True)
    follow_other_writers()  # another process behind the proxy may have written
    scope = sidebar_scope()  # the one Scope of this run, handed to the page below
    with st.sidebar:
        if account is not None:
            account_badge(account)
        elif data.writable():  # a read-only instance offers no login (nobody could write through it)
            st.page_link(login_page(), label="Anmelden (Datenpflege)", icon=":material/login:")
    follow_profile_request()  # a click on a member (table, ranking) asked for its Steckbrief
    with running_page(scope):
        page.run()
except DatabaseUnavailableError as problem:
    database_unavailable(problem)
