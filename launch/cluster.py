"""Several ``streamlit run`` processes behind nginx on loopback, one database: the scaled-out deployment.

nginx (Debian package) balances by a hash of the browser's ``_streamlit_xsrf`` cookie, so
a browser stays with its process (sticky sessions: its websocket and its uploads reach
the process that holds its session). All processes share ``server.cookieSecret``, so the
XSRF token one process issued is valid at every other. Caches follow writes of other
processes through the data version (``ui/data.py: follow_other_writers``).

Used by ``bench/load.py --processes 2`` and by ``tests/system/test_cluster.py``; the README shows
the same nginx configuration for a real deployment.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from launch.server import free_port, start_server

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

NGINX_CONFIG = """
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  upstream dashboard {{
    hash $cookie__streamlit_xsrf consistent;
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 6m;
    location / {{
      proxy_pass http://dashboard;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_read_timeout 1d;
      add_header X-Dashboard-Process $upstream_addr always;
    }}
  }}
}}
"""


@dataclass(frozen=True)
class Cluster:
    """The proxy's address and every backend process (address, pid)."""

    address: str
    backends: tuple[tuple[str, int], ...]


def nginx_available() -> bool:
    """True when Debian's nginx is installed (``.ci/run`` installs it)."""
    return Path(NGINX).exists()


@contextmanager
def cluster(database: str, processes: int = 2, options: tuple[str, ...] = ()) -> Iterator[Cluster]:
    """Start ``processes`` dashboards on ``database`` and nginx in front of them; stop all afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="gsn-cluster-"))
    # One cookie secret for all (Streamlit takes it only from the environment or config file).
    environment = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(24)}
    started = []
    nginx = None
    try:
        for _ in range(processes):
            started.append(start_server(database, list(options), environment))
        port = free_port()
        servers = "\n".join(f"    server {address.removeprefix('http://')};" for _, address in started)
        config = folder / "nginx.conf"
        config.write_text(NGINX_CONFIG.format(folder=folder, servers=servers, port=port))
        nginx = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or nginx.poll() is not None:
                    log = folder / "error.log"
                    raise RuntimeError(log.read_text() if log.exists() else "nginx startete nicht") from None
                time.sleep(0.2)
        yield Cluster(address, tuple((address, process.pid) for process, address in started))
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=15)
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)
