"""The injection payload ``x' OR '1'='1`` through every text filter and field changes nothing and returns nothing extra.

Every statement is parameterised, so the payload must behave exactly like any other
unknown name: as a filter it returns what "Atlantis" returns, as a login it is refused,
as a cell value it is stored literally in its own row and touches no other row.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.accounts import Account, AccountError, add_account, authenticate, find_account
from data_access.engine import read_connection
from data_access.exporting import export_kind
from data_access.importing.editing import load_rows, save_rows
from data_access.importing.plan import import_file
from data_access.importing.templates import TEMPLATES
from domain.filter import URL_KEYS, DashboardFilter

PAYLOAD = "x' OR '1'='1"
ROOT = Path(__file__).resolve().parents[2]
OFFICE = Account("geschaeftsstelle", "editor", None)

FILTERED_QUERIES: list[tuple[str, Callable, tuple]] = [
    ("event_counts_by_year_and_type", queries.event_counts_by_year_and_type, ()),
    ("self_help_by_year", queries.self_help_by_year, ()),
    ("self_help_by_topic", queries.self_help_by_topic, ()),
    ("event_list", queries.event_list, ()),
    ("network_events", queries.network_events, ()),
    ("meeting_attendance", queries.meeting_attendance, ()),
    ("active_members_by_year", queries.active_members_by_year, (2015, 2021)),
    ("member_flows_by_year", queries.member_flows_by_year, ()),
    ("members_by_state", queries.members_by_state, (2021,)),
    ("member_list", queries.member_list, ()),
    ("members_by_network", queries.members_by_network, (2021,)),
    ("council_seats", queries.council_seats, ()),
    ("self_help_by_member", queries.self_help_by_member, (2020,)),
    ("self_help_member_years", queries.self_help_member_years, ()),
    ("standards_met_by_member", queries.standards_met_by_member, (2021,)),
    ("standard_statuses", queries.standard_statuses, (2021,)),
    ("standard_status_counts", queries.standard_status_counts, ()),
    ("report_submissions", queries.report_submissions, ()),
]


def snapshot(engine: Engine) -> dict[str, bytes]:
    """Every kind of data as its export: equal snapshots mean nothing changed."""
    with read_connection(engine) as connection:
        return {kind: export_kind(connection, kind) for kind in TEMPLATES}


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("name", "query", "arguments"), FILTERED_QUERIES, ids=[case[0] for case in FILTERED_QUERIES])
def test_the_payload_as_a_filter_returns_what_any_unknown_name_returns(
    small_network: Engine, name: str, query: Callable, arguments: tuple
) -> None:
    with read_connection(small_network) as connection:
        for field in ("member", "networks"):
            value = PAYLOAD if field == "member" else (PAYLOAD,)
            unknown = "Atlantis" if field == "member" else ("Atlantis",)
            hostile = query(connection, DashboardFilter(**{field: value}), *arguments)
            plain = query(connection, DashboardFilter(**{field: unknown}), *arguments)
            pd.testing.assert_frame_equal(hostile, plain)


@pytest.mark.usefixtures("backend")
def test_the_unknown_name_really_restricts(small_network: Engine) -> None:
    """Without this, the comparison above could hold because filters were ignored altogether."""
    with read_connection(small_network) as connection:
        assert len(queries.member_list(connection, DashboardFilter())) == 6
        assert queries.member_list(connection, DashboardFilter(member="Atlantis")).empty
        assert queries.member_list(connection, DashboardFilter(networks=("Atlantis",))).empty
        assert queries.member_assessments(connection, PAYLOAD).empty
        assert not queries.member_assessments(connection, "Kiel").empty


@pytest.mark.usefixtures("backend")
def test_the_payload_in_the_login_and_the_protocol_filters_finds_nothing(small_network: Engine) -> None:
    add_account(small_network, "geschaeftsstelle", "richtig-langes-passwort", "admin", None, actor="test")
    for name, password in ((PAYLOAD, PAYLOAD), ("geschaeftsstelle", PAYLOAD), ("geschaeftsstelle' --", "x")):
        with pytest.raises(AccountError, match=r"Name oder Passwort stimmt nicht\."):
            authenticate(small_network, name, password)
    assert find_account(small_network, PAYLOAD) is None
    with read_connection(small_network) as connection:
        assert not queries.audit_entries(connection).empty
        assert queries.audit_entries(connection, table_name=PAYLOAD).empty
        assert queries.audit_entries(connection, actor=PAYLOAD).empty


@pytest.mark.usefixtures("backend")
def test_the_payload_in_import_fields_is_refused_or_stored_literally(small_network: Engine) -> None:
    before = snapshot(small_network)
    unknown_member = f"kommune;jahr;themenbereich;gruppen\n{PAYLOAD};2024;Sucht;3\n".encode()
    plan = import_file(small_network, "selbsthilfe", "angriff.csv", unknown_member, actor="test")
    assert [(problem.line, problem.column, problem.value) for problem in plan.problems] == [(2, "kommune", PAYLOAD)]
    assert snapshot(small_network) == before
    as_text = f"kommune;jahr;themenbereich;gruppen\nKiel;2024;{PAYLOAD};3\n".encode()
    plan = import_file(small_network, "selbsthilfe", "angriff.csv", as_text, actor="test")
    assert (plan.accepted, len(plan.inserts), len(plan.updates)) == (True, 1, 0)
    assert ["Kiel", 2024, PAYLOAD, 3, None] in load_rows(small_network, "selbsthilfe", "Kiel")[1]
    after = snapshot(small_network)
    assert {kind for kind in TEMPLATES if after[kind] != before[kind]} == {"selbsthilfe"}
    assert len(load_rows(small_network, "selbsthilfe", "Herne")[1]) == 1


@pytest.mark.usefixtures("backend")
def test_the_payload_typed_into_the_editor_changes_only_its_cell(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "mitglieder", None)
    kiel = next(position for position, row in enumerate(rows) if row[0] == "Kiel")
    edited = copy.deepcopy(rows)
    edited[kiel][header.index("kontaktstelle")] = PAYLOAD
    assert save_rows(small_network, "mitglieder", header, rows, edited, OFFICE).accepted
    assert load_rows(small_network, "mitglieder", None)[1] == edited  # Kiel's cell, literally; no other row


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize("page", ["ueberblick", "mitglieder", "veranstaltungen", "selbsthilfe", "mindeststandards"])
def test_the_payload_in_every_url_key_shows_the_unfiltered_page(demo_url: str, page: str) -> None:
    def shown(params: dict[str, str]) -> tuple:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
        app.query_params.update(params)
        app.run()
        if page != "ueberblick":
            app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception, app.exception
        metrics = [(metric.label, metric.value) for metric in app.metric]
        tables = [table.value.shape for table in app.dataframe]
        return metrics, tables, [caption.value for caption in app.caption]

    plain = shown({})
    assert plain[0] or plain[1]  # every one of these pages shows figures or a table
    assert shown(dict.fromkeys(URL_KEYS, PAYLOAD)) == plain  # unknown values are dropped, nothing is widened
    assert shown({"land": "SH"}) != plain  # while a real value does filter the page
