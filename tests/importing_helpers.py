"""A throwaway workspace for command-line import/export tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_access.cli import main
from data_access.engine import make_engine
from data_access.importing.templates import TEMPLATES
from data_access.models import AuditEntry

BASE_MEMBERS = (
    "kommune;art;bundesland;beitritt;austritt;einwohner;regionalnetzwerk;kontaktstelle;breitengrad;laengengrad\n"
    "Kiel;Stadt;SH;2002;;247000;Nord;KIBIS Kiel;54,323;10,123\n"
    "Herne;Stadt;NW;1990;;157000;;Selbsthilfe-Büro Herne;51,538;7,22\n"
    "Gießen;Stadt;Hessen;1989;;92000;;;50,584;8,678\n"
)


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, url: str | None, *arguments: str
) -> tuple[int, str, str]:
    """Run ``python -m data_access`` in-process on the database ``url``: (exit status, stdout, stderr).

    ``url`` None: the ``DATABASE_URL`` the test has set (a test may point it elsewhere on purpose).
    """
    if url is not None:
        monkeypatch.setenv("DATABASE_URL", url)
    capsys.readouterr()
    try:
        code = main(list(arguments))
    except SystemExit as exit_:  # argparse ends usage errors this way
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class Workspace:
    """A temporary SQLite database reached through the real command line."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        self.directory = tmp_path
        self.url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
        self.capsys = capsys
        self.monkeypatch = monkeypatch
        self.output = ""
        monkeypatch.setenv("DATABASE_URL", self.url)

    def cli(self, *arguments: str) -> tuple[int, str]:
        """Run ``python -m data_access`` in-process; return exit status and stderr."""
        code, self.output, errors = run_cli(self.monkeypatch, self.capsys, None, *arguments)
        return code, errors  # self.output: what went to stdout (an export, a list)

    def write(self, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        """Write an import file into the workspace."""
        path = self.directory / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    def export(self, kind: str, file_format: str = "csv") -> bytes:
        """Export ``kind`` through the command line and return the file's bytes."""
        target = self.directory / f"export-{kind}.{file_format}"
        code, message = self.cli("export", kind, "--format", file_format, "-o", str(target))
        assert code == 0, message
        return target.read_bytes()

    def audit_count(self) -> int:
        """Number of audit entries."""
        engine = make_engine(self.url)
        with engine.connect() as connection:
            count = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        engine.dispose()
        return count

    def snapshot(self) -> tuple:
        """Everything an import could change: every kind's export and the audit log size."""
        return (*(self.export(kind) for kind in sorted(TEMPLATES)), self.audit_count())
