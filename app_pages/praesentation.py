"""Präsentation: the state of the network as slides for a projector, and as PDF or PowerPoint."""

import streamlit as st

from ui.filters import page_scope
from ui.presentation import current_slide, deck_downloads, show_slide, slide_choice
from ui.views import presentation_deck

st.set_page_config(initial_sidebar_state="collapsed")  # the projector shows the slide, not the filters
scope = page_scope()
stage = st.container()  # the slide comes first on screen; the controls below decide which one
settings = st.expander("Folien auswählen und herunterladen", icon=":material/tune:")
with settings:
    chosen = slide_choice()
deck = presentation_deck(scope, chosen)
with settings:
    deck_downloads(deck)
number = current_slide(len(deck.slides))
with stage:
    show_slide(deck, deck.slides[number - 1], number)
