"""Configuration, SQLite connection settings, write locking and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from data_access.engine import database_url, make_engine, write_transaction
from data_access.migrate import upgrade
from data_access.models import EVENT_KEY_INDEX, Base, Member, StandardCriterion
from data_access.setup import prepare_database


def test_database_url_prefers_environment_then_secrets_then_default(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    assert database_url({"DATABASE_URL": "sqlite:///x.sqlite"}, secrets) == "sqlite:///x.sqlite"
    assert database_url({}, secrets).endswith("data/gsn.sqlite")
    secrets.write_text('[database]\nurl = "postgresql://gsn@db.example/gsn"\n')
    assert database_url({}, secrets) == "postgresql+psycopg://gsn@db.example/gsn"
    assert database_url({"DATABASE_URL": "postgres://a@b/c"}, secrets) == "postgresql+psycopg://a@b/c"


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_write_transaction_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer is blocked before the first has written anything."""
    path = tmp_path / "lock.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    with write_transaction(engine) as connection:
        connection.execute(select(1))  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again after commit
    other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_write_transaction_rolls_back_on_error(migrated_engine: Engine) -> None:
    def write_then_fail() -> None:
        with write_transaction(migrated_engine) as connection:
            connection.execute(insert(Member).values(name="X", member_type="Stadt", state_code="NI", join_year=2000))
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError, match="abort"):
        write_then_fail()
    with migrated_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Member)).scalar() == 0


def test_foreign_keys_are_enforced(migrated_engine: Engine) -> None:
    with pytest.raises(IntegrityError), write_transaction(migrated_engine) as connection:
        connection.execute(
            insert(Member).values(
                name="X", member_type="Stadt", state_code="NI", join_year=2000, regional_network_id=999
            )
        )


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrations_create_exactly_the_models(migrated_engine: Engine) -> None:
    # SQLAlchemy does not reflect expression indexes on SQLite; the one there is checked by name.
    def comparable(item, name, kind, reflected, compare_to) -> bool:
        return name != EVENT_KEY_INDEX.name

    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": comparable})
        differences = compare_metadata(context, Base.metadata)
        assert differences == []
        indexes = inspect(connection).get_indexes("events")
        assert EVENT_KEY_INDEX.name in {index["name"] for index in indexes} or connection.dialect.name == "sqlite"
        if connection.dialect.name == "sqlite":
            names = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars()
            assert EVENT_KEY_INDEX.name in set(names)
        assert set(inspect(connection).get_table_names()) >= set(Base.metadata.tables)
        titles = connection.execute(select(StandardCriterion.number, StandardCriterion.title)).all()
    assert [number for number, _ in titles] == list(range(1, 10))
    assert all(title for _, title in titles)


def test_upgrade_twice_is_harmless(migrated_engine: Engine) -> None:
    upgrade(migrated_engine)
    with migrated_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM standard_criteria")).scalar() == 9


def test_prepare_database_fills_demo_data_only_into_a_new_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    engine = prepare_database(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Member)).scalar() > 90
    engine.dispose()
    existing = tmp_path / "existing.sqlite"
    sqlite3.connect(existing).close()
    engine = prepare_database(f"sqlite:///{existing}")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Member)).scalar() == 0
    engine.dispose()


def engine_at_revision(url: str, revision: str) -> Engine:
    """An engine on a new database migrated only up to ``revision`` (data of an older version)."""
    from alembic import command

    from data_access.migrate import alembic_config

    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


def test_migration_0004_merges_exact_duplicate_events_and_stops_on_others(database_url: str) -> None:
    """Duplicates left by the old race: exact ones are merged (attendance kept), differing ones stop the upgrade."""
    from data_access.models import AuditEntry, Event, EventAttendance

    engine = engine_at_revision(database_url, "0003")
    day = "2024-05-05"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO members (id, name, member_type, state_code, join_year) "
                "VALUES (1, 'Kiel', 'Stadt', 'SH', 2002)"
            )
        )
        for event_id in (1, 2):  # the same event twice, as two racing imports stored it
            connection.execute(
                text(
                    "INSERT INTO events (id, member_id, event_type, title, start_date, participants) "
                    f"VALUES ({event_id}, 1, 'Fachtag', 'Fachtag', '{day}', 40)"
                )
            )
        connection.execute(text("INSERT INTO event_attendance (event_id, member_id, side) VALUES (2, 1, 'Kommune')"))
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(select(Event.id)).scalars().all() == [1]
        assert connection.execute(select(EventAttendance.event_id)).scalars().all() == [1]
        assert connection.execute(select(AuditEntry.source)).scalars().all() == [
            "Migration 0004: doppelte Veranstaltung"
        ]
    engine.dispose()


def test_migration_0004_stops_on_duplicates_that_differ(database_url: str) -> None:
    engine = engine_at_revision(database_url, "0003")
    with engine.begin() as connection:
        for participants in (40, 50):
            connection.execute(
                text(
                    "INSERT INTO events (member_id, event_type, title, start_date, participants) "
                    f"VALUES (NULL, 'Symposium', 'Symposium', '2024-06-01', {participants})"
                )
            )
    with pytest.raises(RuntimeError, match="Migration 0004 angehalten: Diese Veranstaltungen stehen mehrfach"):
        upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM events")).scalar_one() == 2  # nothing lost
    engine.dispose()
