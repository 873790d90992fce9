"""Entry point of the GSN Dashboard: page setup, the shared filter sidebar, navigation.

Run with ``streamlit run dashboard.py``. Page scripts live in ``app_pages/``, not
``pages/``: a folder named ``pages/`` beside an entry script that calls
``st.navigation`` switches Streamlit 1.67 to legacy page discovery (deep links skip this
script and the filters vanish). See DESIGN.md.
"""

import streamlit as st

from data_access.engine import DatabaseUnavailableError
from ui import data
from ui.auth import account_badge, current_account, login_form, login_required
from ui.clicks import follow_profile_request
from ui.data import follow_other_writers
from ui.errors import database_unavailable
from ui.filters import running_page, sidebar_scope
from ui.navigation import login_page, navigation_pages

st.set_page_config(
    page_title="GSN-Dashboard",
    page_icon="💚",  # an emoji becomes an inline image; ":material/…:" made every browser ask fonts.gstatic.com
    layout="wide",
    initial_sidebar_state="expanded",
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
    page = st.navigation(navigation_pages(account is not None))  # the Daten section only for editors
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
