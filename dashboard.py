"""Entry point of the GSN Dashboard: page setup and navigation (``streamlit run dashboard.py``).

Page scripts live in ``app_pages/``, not ``pages/``: a folder named ``pages/`` beside an
entry script that calls ``st.navigation`` switches Streamlit 1.67 to legacy page
discovery (deep links skip this script). See DESIGN.md.
"""

import streamlit as st

st.set_page_config(page_title="GSN-Dashboard", page_icon=":material/health_and_safety:", layout="wide")

pages = [
    st.Page("app_pages/ueberblick.py", title="Überblick", icon=":material/dashboard:", default=True),
]
st.navigation(pages).run()
