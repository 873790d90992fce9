"""Several dashboard processes behind nginx on loopback, one database: the scaled-out deployment.

Runs the shipped server files (``deploy/``, rendered by :mod:`launch.deploy`): each process
is started with the ``ExecStart`` of ``deploy/systemd/gsn-dashboard@.service``, and nginx
serves ``deploy/nginx/gsn-dashboard.conf`` with TLS (a self-signed certificate made for the
run). nginx balances by a hash of the browser's ``_streamlit_xsrf`` cookie, so a browser
stays with its process (sticky sessions: its websocket and its uploads reach the process
that holds its session). All processes share ``server.cookieSecret``, so the XSRF token
one process issued is valid at every other. Caches follow writes of other processes
through the data version (``ui/data.py: follow_other_writers``).

Used by ``bench/load.py --processes 2`` and by ``tests/system/test_cluster.py``.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import ssl
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from launch.deploy import DASHBOARD_UNIT, nginx_main_config, render_site, unit_command, unit_folder
from launch.server import free_port, wait_healthy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


@dataclass
class Backend:
    """One dashboard process: its address, its port (the unit's instance) and the running process."""

    address: str
    port: int
    process: subprocess.Popen


@dataclass
class Cluster:
    """The proxy's addresses, its certificate, and every backend process."""

    address: str
    """https://127.0.0.1:PORT - the site as browsers use it."""
    plain_address: str
    """http://127.0.0.1:PORT - the port-80 server, which only redirects to https."""
    certificate: Path
    workers: list[Backend]
    database: str
    environment: dict[str, str]

    @property
    def backends(self) -> tuple[tuple[str, int], ...]:
        """(address, pid) of every process."""
        return tuple((worker.address, worker.process.pid) for worker in self.workers)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this run's certificate (and checks it)."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def restart(self, index: int) -> None:
        """Stop process ``index`` and start it again on its port, as ``systemctl restart`` would."""
        worker = self.workers[index]
        worker.process.terminate()
        worker.process.wait(timeout=20)
        worker.process = start_unit(worker.port, self.database, self.environment)


def option_environment(options: tuple[str, ...]) -> dict[str, str]:
    """Streamlit options as its environment variables: "runner.postScriptGC=true" → STREAMLIT_RUNNER_POST_SCRIPT_GC."""
    environment = {}
    for option in options:
        name, value = option.split("=", 1)
        snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.replace(".", "_"))
        environment[f"STREAMLIT_{snake.upper()}"] = value
    return environment


def nginx_available() -> bool:
    """True when Debian's nginx is installed (``.ci/run`` installs it)."""
    return Path(NGINX).exists()


def start_unit(port: int, database: str, environment: dict[str, str]) -> subprocess.Popen:
    """Start one dashboard process the way ``gsn-dashboard@PORT.service`` does; wait until it is healthy."""
    process = subprocess.Popen(
        unit_command(DASHBOARD_UNIT, str(port)),
        cwd=unit_folder(DASHBOARD_UNIT),
        env={**os.environ, **environment, "DATABASE_URL": database},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_healthy(process, f"http://127.0.0.1:{port}")
    return process


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, valid for two days (openssl)."""
    certificate, key = folder / "site.pem", folder / "site.key"
    subprocess.run(
        [
            *(OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def _wait_for_proxy(address: str, context: ssl.SSLContext, nginx: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2, context=context):
                return
        except OSError:
            if time.monotonic() > deadline or nginx.poll() is not None:
                log = folder / "error.log"
                raise RuntimeError(log.read_text() if log.exists() else "nginx startete nicht") from None
            time.sleep(0.2)


@contextmanager
def cluster(database: str, processes: int = 2, options: tuple[str, ...] = ()) -> Iterator[Cluster]:
    """Start ``processes`` dashboards on ``database`` and nginx in front of them; stop all afterwards.

    ``options`` (``section.name=value``) reach every process as Streamlit's environment
    variables: the unit's command line stays as shipped.
    """
    folder = Path(tempfile.mkdtemp(prefix="gsn-cluster-"))
    # One cookie secret for all (Streamlit takes it only from the environment or config file).
    environment = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(24)}
    environment.update(option_environment(options))
    workers: list[Backend] = []
    nginx = None
    try:
        for _ in range(processes):
            port = free_port()
            workers.append(Backend(f"http://127.0.0.1:{port}", port, start_unit(port, database, environment)))
        certificate, key = self_signed_certificate(folder)
        http_port, https_port = free_port(), free_port()
        site = folder / "gsn-dashboard.conf"
        site.write_text(
            render_site(
                [worker.address.removeprefix("http://") for worker in workers],
                http_port=http_port,
                https_port=https_port,
                certificate=certificate,
                key=key,
            )
        )
        config = folder / "nginx.conf"
        config.write_text(nginx_main_config(site, folder))
        nginx = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        running = Cluster(
            f"https://127.0.0.1:{https_port}",
            f"http://127.0.0.1:{http_port}",
            certificate,
            workers,
            database,
            environment,
        )
        _wait_for_proxy(running.address, running.ssl_context(), nginx, folder)
        yield running
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=15)
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            worker.process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)
