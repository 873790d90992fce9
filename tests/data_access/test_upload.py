"""The browser upload's data layer: preview, who may write which rows, writing exactly what was previewed."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from data_access.accounts import Account
from data_access.engine import write_transaction
from data_access.importing.plan import apply_plan, plan_import
from data_access.importing.preview import (
    StalePreviewError,
    changed_cells,
    fingerprint,
    new_rows,
    preview,
    problem_rows,
    write_previewed,
)
from data_access.importing.templates import TEMPLATES
from data_access.models import AuditEntry, SelfHelpCount

pytestmark = pytest.mark.usefixtures("backend")

KIEL = Account("kiel-pflege", "editor", "Kiel")
OFFICE = Account("geschaeftsstelle", "editor", None)
FILE = (
    b"kommune;jahr;themenbereich;gruppen;neue_gruppen\n"
    b"Kiel;2021;Sucht;14;2\n"  # changes Kiel 2021 Sucht (12 → 14)
    b"Kiel;2022;Sucht;15;1\n"  # new
    b"Herne;2020;Sucht;20;\n"  # unchanged
)


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        rows = connection.execute(select(func.count()).select_from(SelfHelpCount)).scalar_one()
        audit = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return rows, audit


def test_preview_shows_new_changed_and_unchanged_rows(small_network: Engine) -> None:
    plan = preview(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL)
    assert plan.accepted
    assert new_rows(plan) == [
        {"Zeile": 3, "kommune": "Kiel", "jahr": 2022, "themenbereich": "Sucht", "gruppen": 15, "neue_gruppen": 1}
    ]
    assert changed_cells(plan) == [
        {"Zeile": 2, "Schlüssel": "Kiel / 2021 / Sucht", "Spalte": "gruppen", "bisher": "12", "neu": "14"}
    ]
    assert plan.unchanged == 1  # Herne's unchanged row is fine even for Kiel's steward


def test_a_steward_cannot_change_another_kommune(small_network: Engine) -> None:
    before = counts(small_network)
    herne = FILE + b"Herne;2021;Sucht;25;3\n"
    plan = preview(small_network, "selbsthilfe", "kiel.csv", herne, KIEL)
    assert not plan.accepted
    assert problem_rows(plan) == [
        {
            "Zeile": 5,
            "Spalte": "kommune",
            "Wert": "Herne",
            "Problem": "Mit dem Konto „kiel-pflege“ dürfen Sie nur Zeilen der Kommune „Kiel“ ändern.",
        }
    ]
    with pytest.raises(ValueError, match="problems"):
        write_previewed(small_network, "selbsthilfe", "kiel.csv", herne, KIEL, fingerprint(plan))
    assert counts(small_network) == before
    office = preview(small_network, "selbsthilfe", "alle.csv", herne, OFFICE)
    assert office.accepted  # the Geschäftsstelle may change every Kommune
    admin = Account("admin", "admin", "Kiel")  # an admin is never limited, even if a Kommune is noted
    assert preview(small_network, "selbsthilfe", "alle.csv", herne, admin).accepted


def test_confirm_writes_exactly_the_previewed_changes(small_network: Engine) -> None:
    rows, audit = counts(small_network)
    plan = preview(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL)
    written = write_previewed(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL, fingerprint(plan))
    assert fingerprint(written) == fingerprint(plan)
    assert counts(small_network) == (rows + 1, audit + 2)  # one insert, one update, each audited
    with small_network.connect() as connection:
        actors = connection.execute(select(AuditEntry.actor).order_by(AuditEntry.id.desc()).limit(2)).scalars().all()
    assert actors == ["kiel-pflege", "kiel-pflege"]
    again = preview(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL)
    assert (again.inserts, again.updates, again.unchanged) == ([], [], 3)


def test_a_change_after_the_preview_is_refused_and_nothing_is_written(small_network: Engine) -> None:
    plan = preview(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL)
    other = b"kommune;jahr;themenbereich;gruppen;neue_gruppen\nKiel;2021;Sucht;13;2\n"
    with write_transaction(small_network) as connection:  # someone else writes in between
        apply_plan(
            connection,
            plan_import(connection, TEMPLATES["selbsthilfe"], "andere.csv", other),
            actor="jemand",
            source="Test",
        )
    before = counts(small_network)
    with pytest.raises(StalePreviewError, match="seit der Vorschau von jemand anderem geändert"):
        write_previewed(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL, fingerprint(plan))
    assert counts(small_network) == before


def test_a_failure_in_the_middle_of_a_write_leaves_the_database_unchanged(
    small_network: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = preview(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL)
    before = counts(small_network)
    with small_network.connect() as connection:
        groups_before = connection.execute(select(SelfHelpCount.groups).order_by(SelfHelpCount.id)).scalars().all()

    def broken_audit(_connection: object, changes: list, **_keywords: object) -> None:
        if changes:  # the first audit entries are written right after their rows
            raise RuntimeError("Festplatte voll")

    monkeypatch.setattr("data_access.importing.writing.record", broken_audit)
    with pytest.raises(RuntimeError, match="Festplatte voll"):
        write_previewed(small_network, "selbsthilfe", "kiel.csv", FILE, KIEL, fingerprint(plan))
    assert counts(small_network) == before
    with small_network.connect() as connection:
        assert connection.execute(select(SelfHelpCount.groups).order_by(SelfHelpCount.id)).scalars().all() == (
            groups_before
        )
