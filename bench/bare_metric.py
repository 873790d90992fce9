"""The bare comparison page of ``bench/bench_first_visit.py``: one metric, nothing else."""

import streamlit as st

st.metric("Mitglieder", "100")
