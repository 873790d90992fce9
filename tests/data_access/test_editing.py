"""Editing in place: the import's checks, a steward's limits, and two people editing the same row."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import Engine, func, select

from data_access.accounts import Account
from data_access.importing.editing import ConcurrentEditError, load_rows, save_rows
from data_access.models import AuditEntry, SelfHelpCount, SelfHelpYearSummary

pytestmark = pytest.mark.usefixtures("backend")

KIEL = Account("kiel-pflege", "editor", "Kiel")
OFFICE = Account("geschaeftsstelle", "editor", None)


def groups_of_kiel(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        statement = select(SelfHelpCount.groups).where(SelfHelpCount.member_id == 1).order_by(SelfHelpCount.id)
        return list(connection.execute(statement).scalars())


def audit_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def with_groups(rows: list[list], header: list[str], row: int, groups: int) -> list[list]:
    edited = copy.deepcopy(rows)
    edited[row][header.index("gruppen")] = groups
    return edited


def test_an_edit_is_written_with_audit(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "selbsthilfe", "Kiel")
    assert header == ["kommune", "jahr", "themenbereich", "gruppen", "neue_gruppen"]
    assert [row[:3] for row in rows] == [
        ["Kiel", 2020, "Eltern und Kind"],
        ["Kiel", 2020, "Sucht"],
        ["Kiel", 2021, "Sucht"],
    ]
    before = audit_count(small_network)
    plan = save_rows(small_network, "selbsthilfe", header, rows, with_groups(rows, header, 2, 13), KIEL)
    assert (len(plan.inserts), len(plan.updates)) == (0, 1)  # only the changed row was sent
    assert groups_of_kiel(small_network) == [10, 5, 13]
    assert audit_count(small_network) == before + 1


def test_a_bad_cell_is_explained_by_editor_row_and_nothing_is_written(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "selbsthilfe", "Kiel")
    edited = copy.deepcopy(rows)
    edited[1][header.index("gruppen")] = "viele"
    plan = save_rows(small_network, "selbsthilfe", header, rows, edited, KIEL)
    assert not plan.accepted
    problem = plan.problems[0]
    assert (problem.line, problem.column, problem.value) == (2, "gruppen", "viele")  # the editor's second row
    assert groups_of_kiel(small_network) == [10, 5, 12]


def test_a_steward_cannot_save_rows_of_another_kommune(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "selbsthilfe", "Herne")
    plan = save_rows(small_network, "selbsthilfe", header, rows, with_groups(rows, header, 0, 99), KIEL)
    assert not plan.accepted
    assert "nur Zeilen der Kommune „Kiel“" in plan.problems[0].message
    assert load_rows(small_network, "selbsthilfe", "Herne")[1] == rows


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_is_lost(small_network: Engine) -> None:
    header, first_view = load_rows(small_network, "selbsthilfe", "Kiel")
    _, second_view = load_rows(small_network, "selbsthilfe", "Kiel")
    save_rows(small_network, "selbsthilfe", header, first_view, with_groups(first_view, header, 2, 13), KIEL)
    before = audit_count(small_network)
    with pytest.raises(ConcurrentEditError, match="„Kiel / 2021 / Sucht“ wurde inzwischen von kiel-pflege geändert"):
        save_rows(small_network, "selbsthilfe", header, second_view, with_groups(second_view, header, 2, 20), OFFICE)
    assert groups_of_kiel(small_network) == [10, 5, 13]  # the first edit stands
    assert audit_count(small_network) == before
    # A different row of the same stale view is not in conflict and may be saved.
    plan = save_rows(small_network, "selbsthilfe", header, second_view, with_groups(second_view, header, 0, 11), OFFICE)
    assert len(plan.updates) == 1
    assert groups_of_kiel(small_network) == [10, 11, 13]  # rows by id: Sucht 2020, Eltern und Kind, Sucht 2021


def test_deleting_a_row_refreshes_the_summaries(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "selbsthilfe", "Kiel")
    with small_network.connect() as connection:
        totals = select(func.sum(SelfHelpYearSummary.groups)).where(SelfHelpYearSummary.year == 2020)
        assert connection.execute(totals).scalar_one() == 10 + 5 + 20 + 3
    plan = save_rows(small_network, "selbsthilfe", header, rows, rows, KIEL, delete=frozenset({0}))
    assert (plan.accepted, len(plan.deletes)) == (True, 1)
    assert groups_of_kiel(small_network) == [10, 12]  # "Eltern und Kind" 2020 is gone
    with small_network.connect() as connection:
        assert connection.execute(totals).scalar_one() == 10 + 20 + 3


def test_a_steward_cannot_delete_rows_of_another_kommune(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "selbsthilfe", "Herne")
    before = audit_count(small_network)
    plan = save_rows(small_network, "selbsthilfe", header, rows, rows, KIEL, delete=frozenset({0}))
    assert not plan.accepted
    assert "nur Zeilen der Kommune „Kiel“" in plan.problems[0].message
    assert load_rows(small_network, "selbsthilfe", "Herne")[1] == rows
    assert audit_count(small_network) == before


def test_a_member_with_rows_is_not_deleted_and_the_message_says_why(small_network: Engine) -> None:
    header, rows = load_rows(small_network, "mitglieder", "Kiel")
    plan = save_rows(small_network, "mitglieder", header, rows, rows, OFFICE, delete=frozenset({0}))
    assert not plan.accepted
    problem = plan.problems[0]
    assert (problem.line, problem.column, problem.value) == (1, "kommune", "Kiel")
    assert problem.message == (
        "Kann nicht gelöscht werden: dazu gibt es noch 2 Veranstaltungen, 3 Selbsthilfe-Zeilen und "
        "18 Selbsteinschätzungen. Für ein Mitglied, das austritt, bitte das Austrittsjahr eintragen."
    )
    assert load_rows(small_network, "mitglieder", "Kiel")[1] == rows


def test_deleting_a_row_changed_meanwhile_and_editing_a_row_deleted_meanwhile_are_refused(
    small_network: Engine,
) -> None:
    header, first_view = load_rows(small_network, "selbsthilfe", "Kiel")
    _, second_view = load_rows(small_network, "selbsthilfe", "Kiel")
    save_rows(small_network, "selbsthilfe", header, first_view, with_groups(first_view, header, 2, 13), KIEL)
    with pytest.raises(ConcurrentEditError, match="„Kiel / 2021 / Sucht“ wurde inzwischen von kiel-pflege geändert"):
        save_rows(small_network, "selbsthilfe", header, second_view, second_view, OFFICE, delete=frozenset({2}))
    assert groups_of_kiel(small_network) == [10, 5, 13]
    # Now the office deletes the row, and Kiel, from a view loaded before, edits it.
    header, fresh = load_rows(small_network, "selbsthilfe", "Kiel")
    save_rows(small_network, "selbsthilfe", header, fresh, fresh, OFFICE, delete=frozenset({2}))
    before = audit_count(small_network)
    with pytest.raises(
        ConcurrentEditError, match="„Kiel / 2021 / Sucht“ wurde inzwischen von geschaeftsstelle gelöscht"
    ):
        save_rows(small_network, "selbsthilfe", header, fresh, with_groups(fresh, header, 2, 30), KIEL)
    assert groups_of_kiel(small_network) == [10, 5]  # not brought back by the stale edit
    assert audit_count(small_network) == before
