"""The layering of DESIGN.md, enforced: streamlit only above ui/, SQLAlchemy only in data_access/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BELOW_UI = ("data_access", "metrics", "charts", "reports")
SQL_ALLOWED = ("data_access", "migrations", "tests", "bench")


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


def project_files() -> list[Path]:
    return [path for path in ROOT.rglob("*.py") if ".venv" not in path.parts and "site-packages" not in path.parts]


@pytest.mark.parametrize("package", BELOW_UI)
def test_no_streamlit_below_ui(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / package).rglob("*.py") if "streamlit" in imported_modules(path)
    ]
    assert offenders == []


def test_sqlalchemy_only_in_data_access() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in project_files()
        if path.relative_to(ROOT).parts[0] not in SQL_ALLOWED
        and imported_modules(path) & {"sqlalchemy", "alembic", "psycopg"}
    ]
    assert offenders == []


def test_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import cache_data\n    import sqlalchemy.orm\n")
    assert imported_modules(sample) == {"streamlit", "sqlalchemy"}


def test_no_legacy_pages_folder() -> None:
    assert not (ROOT / "pages").exists(), "a pages/ folder switches Streamlit to legacy page discovery"
