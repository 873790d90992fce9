"""The navigation's pages, built once per process for each kind of visitor.

``st.Page`` resolves its script's real path when it is built; building the dozen pages
on every script run was a visible share of the server's CPU under load (profiled once with
py-spy during ``python bench/load.py``, which prints the server's CPU time per wave).
So the pages are built once, and every run gets shallow copies: ``st.navigation`` marks
the chosen page as callable on the object itself, which sessions running at the same
time must not share.
"""

from __future__ import annotations

import copy
import functools

import streamlit as st

DATA_PAGES = (
    ("daten", "Import", ":material/upload_file:"),
    ("bearbeiten", "Bearbeiten", ":material/edit_note:"),
    ("protokoll", "Protokoll", ":material/history:"),
    ("konten", "Konten", ":material/manage_accounts:"),
)
ADMIN_PAGES = frozenset({"konten"})
"""Daten pages listed in the navigation only for administrators."""


def navigation_pages(editor: bool, admin: bool = False) -> dict[str, list[st.Page]]:
    """The sections and their pages for this run; the Daten section is visible only to editors (``editor``).

    The Konten page only to administrators (``admin``). For everyone else these pages stay
    reachable by URL but hidden, and show a German message (with the login) instead.
    """
    built = _built_pages(editor, admin and editor)
    return {section: [copy.copy(page) for page in pages] for section, pages in built.items()}


def login_page() -> st.Page:
    """The Import page (the stewards' login) as a page object, for ``st.page_link`` in the sidebar.

    A page object, not its path: for a path ``st.page_link`` resolves the real path of the
    script on every run (file system calls on each of the many runs a second that
    ``python bench/load.py`` drives).
    """
    return _built_pages(False, False)["Daten"][0]


def meldestand_page() -> st.Page:
    """The Meldestand page as a page object, for the ``st.page_link`` of the pages whose figures it explains."""
    return _built_pages(False, False)["Mitglieder"][2]


@functools.cache
def _built_pages(editor: bool, admin: bool) -> dict[str, list[st.Page]]:
    return {
        "Überblick": [
            st.Page("app_pages/ueberblick.py", title="Überblick", icon=":material/dashboard:", default=True),
            st.Page(
                "app_pages/praesentation.py",
                title="Präsentation",
                icon=":material/co_present:",
                url_path="praesentation",
            ),
        ],
        "Mitglieder": [
            st.Page(
                "app_pages/mitglieder.py", title="Mitglieder", icon=":material/location_city:", url_path="mitglieder"
            ),
            st.Page("app_pages/steckbrief.py", title="Steckbrief", icon=":material/badge:", url_path="steckbrief"),
            st.Page("app_pages/meldestand.py", title="Meldestand", icon=":material/fact_check:", url_path="meldestand"),
        ],
        "Aktivitäten": [
            st.Page(
                "app_pages/veranstaltungen.py",
                title="Veranstaltungen",
                icon=":material/event:",
                url_path="veranstaltungen",
            ),
            st.Page(
                "app_pages/selbsthilfe.py", title="Selbsthilfe", icon=":material/diversity_3:", url_path="selbsthilfe"
            ),
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
        "Daten": [
            st.Page(
                f"app_pages/{name}.py",
                title=title,
                icon=icon,
                url_path=name,
                visibility="visible" if (admin if name in ADMIN_PAGES else editor) else "hidden",
            )
            for name, title, icon in DATA_PAGES
        ],
    }
