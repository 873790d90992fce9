"""View models: one streamlit-free module per screen, ``build(scope, query) -> frozen view``.

A page script renders its view; the decks (``reports/``) render the same views, so a
figure on a screen, a slide, a PDF and a download has one definition.
"""
