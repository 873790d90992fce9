"""The shipped server files in ``deploy/``, rendered for a run on loopback.

IT installs ``deploy/`` as it is (README "Inbetriebnahme auf einem Server"); the cluster
test and ``bench/load.py --processes N`` run those same files here. Rendering changes only
what must differ on a test machine - ports, certificate paths, the install folder and the
Python of the virtual environment - and fails if the expected line is not found, so a
changed shipped file cannot silently drift away from what is tested.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "gsn-dashboard.conf"
DASHBOARD_UNIT = DEPLOY / "systemd" / "gsn-dashboard@.service"
BACKUP_UNIT = DEPLOY / "systemd" / "gsn-backup.service"
INSTALL_FOLDER = "/opt/gsn-dashboard"
"""Where the README installs the code; the units name it."""
PROCESS_HEADER = "  add_header X-Dashboard-Process $upstream_addr always;  # test only: which process answered\n"
"""Added when rendering for tests (server level, next to the security headers), never shipped."""

_UPSTREAM_SERVER = re.compile(r"^  server 127\.0\.0\.1:\d+ .*\n", re.MULTILINE)


class DeployFileError(RuntimeError):
    """A shipped file no longer has the line the rendering expects."""


def _replace_once(text: str, old: str, new: str, where: Path) -> str:
    if text.count(old) != 1:
        raise DeployFileError(f"{where.name}: expected exactly one {old!r}")
    return text.replace(old, new)


def render_site(
    backends: list[str], *, http_port: int, https_port: int, certificate: Path, key: Path, process_header: bool = True
) -> str:
    """The nginx site for loopback: ``backends`` ("127.0.0.1:PORT") as upstream, the given ports and certificate.

    Everything else - stickiness, websocket, upload size, TLS settings, security headers -
    is the shipped text. ``process_header`` adds a response header naming the backend that
    answered, so a test can see where the proxy sent a browser.
    """
    text = SITE.read_text(encoding="utf-8")
    servers = _UPSTREAM_SERVER.findall(text)
    if len(servers) < 2:
        raise DeployFileError(f"{SITE.name}: expected the upstream server lines")
    options = servers[0].split(" ", 4)[4].split("#")[0].strip()  # "max_fails=1 fail_timeout=5s;"
    block = "".join(servers)
    if block not in text:
        raise DeployFileError(f"{SITE.name}: the upstream server lines must stand together")
    text = text.replace(block, "".join(f"  server {backend} {options}\n" for backend in backends))
    text = _replace_once(text, "  listen 80;\n", f"  listen 127.0.0.1:{http_port};\n", SITE)
    text = _replace_once(text, "  listen [::]:80;\n", "", SITE)
    text = _replace_once(text, "  listen 443 ssl http2;\n", f"  listen 127.0.0.1:{https_port} ssl http2;\n", SITE)
    text = _replace_once(text, "  listen [::]:443 ssl http2;\n", "", SITE)
    text = re.sub(r"(?m)^  ssl_certificate \S+;", f"  ssl_certificate {certificate};", text, count=1)
    text = re.sub(r"(?m)^  ssl_certificate_key \S+;", f"  ssl_certificate_key {key};", text, count=1)
    if process_header:
        hsts = '  add_header Strict-Transport-Security "max-age=31536000" always;\n'
        text = _replace_once(text, hsts, hsts + PROCESS_HEADER, SITE)
    return text


def nginx_main_config(site: Path, folder: Path) -> str:
    """A main nginx.conf that runs unprivileged in ``folder`` and includes the rendered ``site``."""
    return f"""
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
  include {site};
}}
"""


def _unit_value(unit: Path, key: str) -> str:
    values = [line.split("=", 1)[1].strip() for line in unit.read_text().splitlines() if line.startswith(f"{key}=")]
    if len(values) != 1:
        raise DeployFileError(f"{unit.name}: expected exactly one {key}=")
    return values[0]


def unit_command(unit: Path, instance: str = "") -> list[str]:
    """The unit's ``ExecStart`` as an argument list for this checkout: ``%i`` → ``instance``, this Python.

    The install folder's virtual environment becomes the running interpreter; the working
    directory is this checkout (:func:`unit_folder`).
    """
    words = shlex.split(_unit_value(unit, "ExecStart").replace("%i", instance))
    python = f"{INSTALL_FOLDER}/.venv/bin/python"
    if words[0] != python:
        raise DeployFileError(f"{unit.name}: ExecStart must start with {python}")
    return [sys.executable, *words[1:]]


def unit_folder(unit: Path) -> Path:
    """The unit's ``WorkingDirectory`` for this checkout (the install folder is this repository here)."""
    folder = _unit_value(unit, "WorkingDirectory")
    if folder != INSTALL_FOLDER:
        raise DeployFileError(f"{unit.name}: WorkingDirectory must be {INSTALL_FOLDER}")
    return ROOT


def environment_keys(example: Path = DEPLOY / "gsn-dashboard.env.example") -> list[str]:
    """The variable names of the environment file example, in order."""
    return [
        line.split("=", 1)[0]
        for line in example.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and "=" in line
    ]
