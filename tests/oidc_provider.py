"""A real OpenID Connect provider (npm ``oidc-provider``, ``tests/oidc/``) and a dashboard configured for it.

``.ci/run`` installs the provider (``npm ci`` in ``tests/oidc``). The dashboard's
``secrets.toml`` is the shipped ``deploy/secrets.toml.example`` with the provider's and
the test database's values filled in, so the ``[auth]`` section IT copies is the tested one.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from launch.deploy import DEPLOY
from launch.server import free_port, start_server, wait_answering

PROVIDER_FOLDER = Path(__file__).resolve().parent / "oidc"
NODE = shutil.which("node")
CLIENT_ID = "gsn-dashboard"


def provider_installed() -> bool:
    """True when node and the provider's packages are there (``.ci/run`` runs ``npm ci`` in tests/oidc)."""
    return NODE is not None and (PROVIDER_FOLDER / "node_modules" / "oidc-provider").is_dir()


@dataclass(frozen=True)
class SingleSignOn:
    """The provider's issuer and the dashboard's address."""

    issuer: str
    dashboard: str

    def set_mode(self, mode: str) -> None:
        """``normal``, or make the next ID tokens ``tamper``-ed (forged claims) or ``expire``-d an hour ago."""
        request = urllib.request.Request(f"{self.issuer}/test/mode", data=mode.encode(), method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer) == {"mode": mode}


def _toml_value(value: str) -> str:
    return json.dumps(value)  # a TOML basic string is a JSON string for these values


def render_secrets(database: str, dashboard: str, issuer: str, client_secret: str) -> str:
    """``deploy/secrets.toml.example`` with this run's values: every key of the example, nothing more."""
    example = tomllib.loads((DEPLOY / "secrets.toml.example").read_text(encoding="utf-8"))
    values = {
        "database": {"url": database},
        "auth": {
            "redirect_uri": f"{dashboard}/oauth2callback",
            "cookie_secret": secrets.token_hex(32),
            "client_id": CLIENT_ID,
            "client_secret": client_secret,
            "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
        },
    }
    assert {section: set(keys) for section, keys in example.items()} == {
        section: set(keys) for section, keys in values.items()
    }, "deploy/secrets.toml.example changed: fill the new keys here"
    return "".join(
        f"[{section}]\n" + "".join(f"{key} = {_toml_value(value)}\n" for key, value in keys.items()) + "\n"
        for section, keys in values.items()
    )


@contextmanager
def single_sign_on(database: str, folder: Path) -> Iterator[SingleSignOn]:
    """Start the provider and a dashboard on ``database`` whose secrets point at it; stop both afterwards."""
    provider_port, dashboard_port = free_port(), free_port()
    issuer, dashboard = f"http://127.0.0.1:{provider_port}", f"http://127.0.0.1:{dashboard_port}"
    client_secret = secrets.token_hex(16)
    provider = subprocess.Popen(
        [NODE or "node", "provider.mjs", str(provider_port), f"{dashboard}/oauth2callback", client_secret],
        cwd=PROVIDER_FOLDER,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = None
    try:
        wait_answering(provider, f"{issuer}/.well-known/openid-configuration", 30, "Der OpenID-Connect-Anbieter")
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(render_secrets(database, dashboard, issuer, client_secret), encoding="utf-8")
        server, _ = start_server(database, [f"secrets.files={secrets_file}"], port=dashboard_port)
        yield SingleSignOn(issuer, dashboard)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        provider.terminate()
        provider.wait(timeout=15)
