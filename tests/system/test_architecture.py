"""The layering of DESIGN.md, enforced: every import points down, Streamlit and SQL stay on their floors.

Floors, top to bottom: ``dashboard.py``, ``serve.py``, ``app_pages/`` (and ``launch/``) → ``ui/`` →
``reports/`` → ``views/`` → ``charts/`` and ``metrics/`` → ``data_access/`` (with
``migrations/``) → ``domain/``. A module may import its own floor and any floor below,
never one above. ``tests/`` and ``bench/`` stand outside and may import anything.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS: dict[str, int] = {
    "domain": 0,
    "data_access": 1,
    "migrations": 1,
    "metrics": 2,
    "charts": 2,
    "views": 3,
    "reports": 4,
    "ui": 5,
    "app_pages": 6,
    "dashboard": 6,
    "serve": 6,
    "launch": 6,
}
"""The floor of every top-level package or module of the project (tests and bench excepted)."""
STREAMLIT_ALLOWED = ("dashboard", "serve", "app_pages", "ui", "launch")
"""``launch/`` starts servers for tests and benchmarks and speaks Streamlit's websocket protocol."""
SQL_ALLOWED = ("data_access", "migrations")
SQL_TEXT = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE)\b", re.I)


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a Python file imports (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def sql_strings(path: Path) -> list[str]:
    """String constants of a file that read like SQL statements."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value)
    ]


def top_name(path: Path, root: Path) -> str:
    """The project's top-level package or module a file belongs to (``ui``, ``dashboard``)."""
    first = path.relative_to(root).parts[0]
    return first.removesuffix(".py")


def project_files(root: Path = ROOT) -> list[Path]:
    """Every Python file of the project's floors (not tests, bench, the venv)."""
    return [
        path
        for path in root.rglob("*.py")
        if ".venv" not in path.parts and "site-packages" not in path.parts and top_name(path, root) in FLOORS
    ]


def layer_violations(root: Path = ROOT) -> list[str]:
    """Every import of a higher floor, of Streamlit off its floors and of SQL outside the data layer."""
    found = []
    for path in project_files(root):
        own = top_name(path, root)
        imported = imported_modules(path)
        where = str(path.relative_to(root))
        for name in sorted(imported & FLOORS.keys()):
            if FLOORS[name] > FLOORS[own]:
                found.append(f"{where}: {own} (Etage {FLOORS[own]}) importiert {name} (Etage {FLOORS[name]})")
        if "streamlit" in imported and own not in STREAMLIT_ALLOWED:
            found.append(f"{where}: streamlit außerhalb von {', '.join(STREAMLIT_ALLOWED)}")
        if own not in SQL_ALLOWED:
            if imported & {"sqlalchemy", "alembic", "psycopg", "sqlite3"}:
                found.append(f"{where}: Datenbankbibliothek außerhalb von data_access/")
            found.extend(f"{where}: SQL-Text {text[:40]!r}" for text in sql_strings(path))
    return found


def test_every_import_points_down_and_streamlit_and_sql_stay_on_their_floors() -> None:
    assert layer_violations() == []


def test_every_project_folder_has_a_floor() -> None:
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages <= FLOORS.keys(), packages - FLOORS.keys()


@pytest.mark.parametrize(
    ("package", "source", "expected"),
    [
        ("metrics", "from ui import data\n", "metrics (Etage 2) importiert ui (Etage 5)"),
        ("domain", "def f():\n    import data_access.engine\n", "domain (Etage 0) importiert data_access (Etage 1)"),
        ("views", "from reports.deck import Deck\n", "views (Etage 3) importiert reports (Etage 4)"),
        ("charts", "import streamlit as st\n", "streamlit außerhalb"),
        ("views", "from sqlalchemy import select\n", "Datenbankbibliothek außerhalb"),
        ("ui", 'QUERY = "SELECT name FROM members"\n', "SQL-Text"),
    ],
)
def test_the_checker_fails_for_a_planted_violation(tmp_path: Path, package: str, source: str, expected: str) -> None:
    (tmp_path / package).mkdir()
    (tmp_path / package / "planted.py").write_text(source, encoding="utf-8")
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app_pages" / "fine.py").write_text("from ui import data\nfrom domain import filter\n")
    found = layer_violations(tmp_path)
    assert len(found) == 1, found
    assert expected in found[0]


def test_no_legacy_pages_folder() -> None:
    assert not (ROOT / "pages").exists(), "a pages/ folder switches Streamlit to legacy page discovery"
