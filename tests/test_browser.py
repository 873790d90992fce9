"""Browser test: a real ``streamlit run`` on a free loopback port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.setup import prepare_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian-Paket chromium fehlt (installiert .ci/run)"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard served by ``streamlit run`` on its own demo database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.sqlite'}"
    prepare_database(url).dispose()
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit run did not become healthy within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=15)


def test_deep_link_opens_filtered_overview_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="de-DE")
        page.goto(f"{server}/?land=SH&von=2015&bis=2024", timeout=30_000)
        page.wait_for_selector("h1:has-text('Überblick')", timeout=30_000)
        page.wait_for_selector("text=Schleswig-Holstein · 2015–2024", timeout=30_000)
        assert page.locator("text=Beispieldaten").count() >= 1
        assert page.locator("[data-testid='stException']").count() == 0
        members = page.locator("[data-testid='stMetric']").filter(has_text="Mitglieder").first
        assert members.locator("[data-testid='stMetricValue']").inner_text().strip().isdigit()
        page.screenshot(path=str(tmp_path / "ueberblick.png"), full_page=True)
        browser.close()
