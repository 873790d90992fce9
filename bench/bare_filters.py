"""A comparison page of ``bench/bench_first_visit.py``: one metric beside the dashboard's kinds of filter widgets.

The same widget kinds as the dashboard's sidebar (multiselects, select boxes, a button, a
page link), no data: the difference to ``bare_metric.py`` is what Streamlit's browser code
needs to draw these widget kinds before the first figure shows.
"""

import streamlit as st

with st.sidebar:
    st.multiselect("Bundesland", ["Bayern", "Berlin"], placeholder="Alle Länder")
    st.multiselect("Art", ["Stadt", "Kreis"])
    st.selectbox("Von", [2020, 2021])
    st.selectbox("Bis", [2020, 2021])
    st.button("Filter zurücksetzen")
st.title("Überblick")
st.caption("Gesamtes Netzwerk")
st.metric("Mitglieder", "100")
