"""One dashboard process on a free loopback port, started the way ``make run`` starts it.

Used by the browser and system tests (``tests/served.py``) and by the load benchmarks
(``bench/load.py``, ``bench/soak.py``, ``launch/cluster.py``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 180
"""Start plus warm-up; on a database of millions of events the warm-up alone takes seconds."""


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    database: str,
    options: list[str],
    environment: dict[str, str] | None = None,
    warm: bool = True,
    port: int | None = None,
) -> tuple[subprocess.Popen, str]:
    """The dashboard on ``port`` (default: a free one) with ``--name=value`` options; waits until healthy.

    ``warm``: started the way ``make run`` does (``serve.py``: every page once, then
    ``streamlit run``); otherwise a bare ``streamlit run dashboard.py``, to measure what the
    warm-up saves. A known port is for addresses that must be fixed before the start (the
    redirect address of single sign-on).
    """
    port = port or free_port()
    entry = ["serve.py"] if warm else ["-m", "streamlit", "run", "dashboard.py"]
    command = [sys.executable, *entry, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    command += [f"--{option}" for option in options]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(environment or {}), "DATABASE_URL": database},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    wait_healthy(process, address)
    return process, address


def wait_healthy(process: subprocess.Popen, address: str, seconds: float = STARTUP_SECONDS) -> None:
    """Wait until the Streamlit server ``process`` at ``address`` answers its health check; kill it if it never does."""
    wait_answering(process, f"{address}/_stcore/health", seconds, "Der Server")


def wait_answering(process: subprocess.Popen, url: str, seconds: float, what: str) -> None:
    """Wait until ``url`` of the started ``process`` answers; kill it and raise (German, naming ``what``) if not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{what} wurde nicht innerhalb von {seconds:.0f} s bereit.")


def rerun_message(query: str, widgets: list[WidgetState] | None = None, page_name: str = "") -> bytes:
    """The websocket message a browser sends to run page ``page_name`` ("" the Überblick) with URL ``query``."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page_name
    if widgets:
        message.rerun_script.widget_states.widgets.extend(widgets)
    return message.SerializeToString()
