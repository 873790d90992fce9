"""The upload of Daten → Import: preview of every change, then one transaction, then fresh figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.accounts import Account
from data_access.engine import DatabaseBusyError
from data_access.exporting import to_csv
from data_access.importing.editing import load_rows
from data_access.importing.hints import hint_count_text
from data_access.importing.plan import ImportPlan
from data_access.importing.preview import (
    StalePreviewError,
    changed_cells,
    fingerprint,
    hint_rows,
    new_rows,
    preview,
    problem_rows,
    write_previewed,
)
from data_access.importing.problems import Problems
from data_access.importing.templates import TEMPLATES
from domain.formatting import format_number
from ui import data
from ui.downloads import empty_template_buttons
from ui.text import plain

MAX_UPLOAD_MEGABYTES = 5
"""Also ``server.maxUploadSize`` in .streamlit/config.toml: the network's files are a few hundred kB."""


def upload_flow(kind: str, account: Account) -> None:
    """File → preview (new, changed cell by cell, unchanged, problems) → "Jetzt schreiben"."""
    uploaded = st.file_uploader(
        f"{TEMPLATES[kind].title}: CSV- oder XLSX-Datei",
        type=["csv", "xlsx"],
        key=f"upload_{kind}",
        max_upload_size=MAX_UPLOAD_MEGABYTES,
        help="Spalten wie in der Vorlage; es wird erst geschrieben, wenn Sie die Vorschau bestätigen.",
    )
    if uploaded is None:
        scope = f"Sie können Zeilen der Kommune {account.member} ändern." if account.member else ""
        st.caption(f"Noch keine Datei gewählt. {plain(scope)}")
        return
    content = uploaded.getvalue()
    plan = preview(data.engine(), kind, uploaded.name, content, account)
    if not plan.accepted:
        count = plan.problems.total
        counted = f"{format_number(count)} {'Problem' if count == 1 else 'Probleme'}"
        if plan.hints.total:
            counted += f" und {hint_count_text(plan.hints.total)}"
        st.error(
            f"{plain(uploaded.name)} kann so nicht eingelesen werden; es wird nichts geschrieben. {counted}:",
            icon=":material/error:",
        )
        _located_table(problem_rows(plan), "upload_problems")
        _more_caption(plan.problems, "Probleme", " Bitte diese beheben und die Datei erneut hochladen.")
        _hint_section(plan, "Außerdem in gültigen Zeilen: ", "Bitte beim Korrigieren mit prüfen.")
        return
    inserted, changed, unchanged, hinted = st.columns(4, border=True)
    inserted.metric("Neu", len(plan.inserts))
    changed.metric("Geändert", len(plan.updates))
    unchanged.metric("Unverändert", plan.unchanged)
    hinted.metric("Hinweise", plan.hints.total)
    _hint_section(
        plan, "", "Bitte prüfen; Sie können trotzdem schreiben, die Hinweise kommen dann ins Änderungsprotokoll."
    )
    if plan.inserts:
        st.subheader("Neue Zeilen")
        st.dataframe(pd.DataFrame(new_rows(plan)), hide_index=True, width="stretch", placeholder="–", key="upload_new")
    if plan.updates:
        st.subheader("Änderungen (bisher → neu)")
        st.dataframe(
            pd.DataFrame(changed_cells(plan)), hide_index=True, width="stretch", placeholder="–", key="upload_changes"
        )
    if not plan.inserts and not plan.updates:
        st.info("Die Datei enthält nichts Neues; es gibt nichts zu schreiben.", icon=":material/check:")
        return
    if st.button("Jetzt schreiben", type="primary", icon=":material/save:", key="upload_write"):
        try:
            write_previewed(data.engine(), kind, uploaded.name, content, account, fingerprint(plan))
        except (StalePreviewError, DatabaseBusyError) as problem:
            st.error(str(problem), icon=":material/sync_problem:")
            return
        data.clear_caches()  # every page shows the new figures on its next run
        st.success(
            f"{plain(uploaded.name)} geschrieben: {len(plan.inserts)} neu, {len(plan.updates)} geändert"
            + (f", {hint_count_text(plan.hints.total)} im Protokoll." if plan.hints.total else "."),
            icon=":material/check_circle:",
        )


def _located_table(rows: list[dict[str, object]], key: str) -> None:
    """Problems or hints as a static table whose message cells wrap.

    The messages are whole German sentences with the reason; a data grid cuts them after a
    few words at one line per row. At most ``MAX_PROBLEMS`` rows come (``problems.py``);
    past a dozen the table scrolls.
    """
    shown = [{**row, "Zeile": "" if row["Zeile"] is None else str(row["Zeile"])} for row in rows]
    with st.container(key=key):
        st.table(
            pd.DataFrame(shown),
            hide_index=True,
            border="horizontal",
            height="content" if len(rows) <= SCROLL_AFTER_ROWS else SCROLL_HEIGHT,
        )


SCROLL_AFTER_ROWS = 12
"""A problem or hint table longer than this scrolls within ``SCROLL_HEIGHT`` pixels."""
SCROLL_HEIGHT = 520


def _hint_section(plan: ImportPlan, lead: str, advice: str) -> None:
    """The plausibility hints of ``plan`` (if any) as a warning and a table, under ``lead`` and with ``advice``."""
    if not plan.hints:
        return
    st.warning(
        f"{lead}{hint_count_text(plan.hints.total)} auf ungewöhnliche, aber gültige Werte. {advice}",
        icon=":material/warning:",
    )
    _located_table(hint_rows(plan), "upload_hints")
    _more_caption(plan.hints, "Hinweise")


def _more_caption(listed: Problems, plural: str, advice: str = "") -> None:
    """Say how many problems or hints the table leaves out (it shows the first ``MAX_PROBLEMS``)."""
    if listed.hidden:
        st.caption(
            f"Gezeigt sind die ersten {format_number(len(listed))} {plural}; "
            f"{format_number(listed.hidden)} weitere folgen.{advice}"
        )


EXAMPLE_ROWS = 30


def template_downloads(kind: str, account: Account) -> None:
    """The columns of ``kind`` with a one-line description each, empty templates, and an example with real rows.

    The example holds the current rows of the steward's Kommune (or of the first member):
    download, change, upload is the quickest correct way to a new file.
    """
    template = TEMPLATES[kind]
    st.dataframe(
        pd.DataFrame(
            {
                "Spalte": [column.name for column in template.columns],
                "Pflicht": ["ja" if column.required else "" for column in template.columns],
                "Bedeutung": [column.description for column in template.columns],
            }
        ),
        hide_index=True,
        width="stretch",
        key=f"template_{kind}",
    )
    header = [column.name for column in template.columns]
    members = data.filter_options().members
    example_member = account.member or (members[0] if members else None)  # an empty database has none yet
    left, right, example = st.columns(3)
    empty_template_buttons([left, right], kind, header, template.title, "Leere Vorlage", key=None)
    if not template.per_member:
        example_member = None
    whose = plain(example_member) if example_member else "dem ganzen Netzwerk"
    example.download_button(
        f"Beispiel: {plain(example_member) if example_member else 'aktueller Stand'} (CSV)",
        lambda: to_csv(header, load_rows(data.engine(), kind, example_member)[1][:EXAMPLE_ROWS]),
        file_name=f"GSN_Beispiel_{kind}.csv",
        mime="text/csv",
        icon=":material/description:",
        on_click="ignore",
        help=f"Die ersten {EXAMPLE_ROWS} Zeilen aus {whose}, wie die Datenbank sie hat.",
    )
