"""A short run of the load generator (bench/load.py): five sessions, each page complete, each filter applied.

The benchmark itself is not part of the test run; this proves it still speaks the
protocol of the Streamlit in requirements.txt and that the app answers it correctly.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_five_sessions_open_the_deep_link_and_change_a_filter(demo_database: str) -> None:
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--sessions", "5", "--database", demo_database],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Sitzungen: 5, fehlgeschlagen: 0" in result.stdout, result.stdout
    assert "Filter angewandt:         5 von 5" in result.stdout
    runs = float(re.search(r"Skriptläufe je Sekunde:\s+([\d.]+)", result.stdout).group(1))
    assert runs > 0
