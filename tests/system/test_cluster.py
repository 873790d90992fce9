"""Two dashboard processes behind nginx on one PostgreSQL database, run from the shipped ``deploy/`` files.

``launch/cluster.py`` starts each process with the ``ExecStart`` of
``deploy/systemd/gsn-dashboard@.service`` and nginx with ``deploy/nginx/gsn-dashboard.conf``
(TLS with a certificate made for the run). The proxy keeps a browser with its process and
spreads browsers over both; a session through the proxy gets its page (also in Chromium,
under the site's Content-Security-Policy); port 80 only redirects; the security headers
and the upload limit hold; a session on one process keeps working while the other restarts
(an update without downtime); and a write shows in every process on its next run, although
each process caches figures (the data version, ``ui/data.py``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from data_access.engine import make_engine
from data_access.importing.plan import import_file
from data_access.migrate import upgrade
from launch.cluster import Cluster, cluster, nginx_available
from launch.deploy import BACKUP_UNIT, unit_command, unit_folder
from launch.server import rerun_message
from tests.conftest import POSTGRES_URL, build_small_network, new_database_url
from tests.served import CHROMIUM, CHROMIUM_ARGS
from ui.data import VERSION_CHECK_SECONDS

VIEWPORT = {"width": 1440, "height": 900}

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not nginx_available(), reason="nginx fehlt (Debian-Paket; installiert .ci/run)"),
    pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL-Tests brauchen TEST_DATABASE_URL (setzt .ci/run)"),
]


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    urls = new_database_url("postgresql", tmp_path_factory.mktemp("cluster"))
    url = next(urls)
    engine = make_engine(url)
    upgrade(engine)
    build_small_network(engine)
    engine.dispose()
    yield url
    next(urls, None)


@pytest.fixture(scope="module")
def running(shared_database: str) -> Iterator[Cluster]:
    with cluster(shared_database, processes=2) as started:
        yield started


def process_for(running: Cluster, cookie: str) -> str:
    """Which backend the proxy sends a browser with this cookie to (the rendered test site names it in a header)."""
    request = urllib.request.Request(
        f"{running.address}/_stcore/health", headers={"Cookie": f"_streamlit_xsrf={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=10, context=running.ssl_context()) as response:
        return response.headers["X-Dashboard-Process"]


def cookie_for(running: Cluster, index: int) -> str:
    """A browser cookie the proxy sends to process ``index``."""
    wanted = running.backends[index][0].removeprefix("http://")
    return next(cookie for cookie in iter(lambda: secrets.token_hex(8), None) if process_for(running, cookie) == wanted)


def test_the_proxy_keeps_a_browser_with_its_process_and_spreads_browsers(running: Cluster) -> None:
    backends = {address.removeprefix("http://") for address, _ in running.backends}
    one = secrets.token_hex(8)
    assert len({process_for(running, one) for _ in range(5)}) == 1
    assert {process_for(running, secrets.token_hex(8)) for _ in range(30)} == backends


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_arguments: object) -> None:
        return None


def test_port_80_only_redirects_to_https(running: Cluster) -> None:
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{running.plain_address}/mitglieder?land=Bayern", timeout=10)
    assert answer.value.code == 301
    assert answer.value.headers["Server"] == "nginx"  # no version here either
    assert answer.value.headers["Location"] == "https://127.0.0.1/mitglieder?land=Bayern"


def test_the_site_sends_its_security_headers_and_limits_uploads(running: Cluster) -> None:
    with urllib.request.urlopen(f"{running.address}/", timeout=10, context=running.ssl_context()) as response:
        headers = response.headers
        assert response.status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["Server"] == "nginx"  # no version (server_tokens off)
    upload = urllib.request.Request(
        f"{running.address}/_stcore/upload_file/x/y", data=b"0" * (7 * 1024 * 1024), method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(upload, timeout=30, context=running.ssl_context())
    assert refused.value.code == 413  # nginx refuses it before a dashboard process reads it


async def members_kpi(stream) -> str | None:
    """Run the Überblick once more in this session; the "Mitglieder" KPI it shows."""
    await stream.send(rerun_message(""))
    value = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await stream.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.new_element.WhichOneof("type") == "metric":
            metric = message.delta.new_element.metric
            value = metric.body if metric.label == "Mitglieder" else value
        elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            return value


def session(address: str, running: Cluster | None = None, cookie: str | None = None):
    """A browser's websocket session at ``address`` (through the proxy when ``running`` gives its TLS context)."""
    headers = {"Cookie": f"_streamlit_xsrf={cookie or secrets.token_hex(8)}"}
    stream_url = address.replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"
    context = running.ssl_context() if running is not None and stream_url.startswith("wss://") else None
    return connect(stream_url, subprotocols=["streamlit"], origin=address, additional_headers=headers, ssl=context)


def test_a_session_through_the_proxy_gets_its_page(running: Cluster) -> None:
    async def through_proxy() -> str | None:
        async with session(running.address, running) as stream:
            return await members_kpi(stream)

    assert asyncio.run(through_proxy()) == "5"


def test_a_session_keeps_working_while_the_other_process_restarts(running: Cluster) -> None:
    """An update restarts one process after the other; the sessions of the running one never notice."""
    staying, restarting = cookie_for(running, 0), cookie_for(running, 1)

    async def during_restart() -> tuple[list[str | None], bool]:
        async with session(running.address, running, staying) as stream:
            seen = [await members_kpi(stream)]
            restart = asyncio.create_task(asyncio.to_thread(running.restart, 1))
            while not restart.done():
                seen.append(await members_kpi(stream))
            await restart
            seen.append(await members_kpi(stream))
            return seen, len(seen) > 2

    seen, overlapped = asyncio.run(during_restart())
    assert overlapped  # the session ran pages while process 2 was down and starting
    assert set(seen) == {"5"}

    async def on_the_restarted_process() -> str | None:
        async with session(running.address, running, restarting) as stream:
            return await members_kpi(stream)

    assert asyncio.run(on_the_restarted_process()) == "5"
    assert process_for(running, restarting) == running.backends[1][0].removeprefix("http://")


def test_a_write_shows_in_every_process_on_its_next_run(running: Cluster, shared_database: str) -> None:
    async def before_and_after() -> tuple[list, list]:
        async with session(running.backends[0][0]) as first, session(running.backends[1][0]) as second:
            before = [await members_kpi(first), await members_kpi(second)]  # both processes cache the figures
            await asyncio.to_thread(write_a_member, shared_database)  # written by neither process
            await asyncio.sleep(VERSION_CHECK_SECONDS + 0.2)
            after = [await members_kpi(first), await members_kpi(second)]
            return before, after

    assert asyncio.run(before_and_after()) == (["5", "5"], ["6", "6"])


def write_a_member(url: str) -> None:
    """A data steward's import from outside both dashboard processes."""
    engine = make_engine(url)
    content = b"kommune;art;bundesland;beitritt\nNeustadt;Stadt;SH;2020\n"
    assert import_file(engine, "mitglieder", "neu.csv", content, actor="test").accepted
    engine.dispose()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian-Paket chromium fehlt (installiert .ci/run)")
def test_chromium_gets_the_page_through_the_site_under_its_content_security_policy(running: Cluster) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(ignore_https_errors=True, locale="de-DE", viewport=VIEWPORT)
            page = context.new_page()
            refused: list[str] = []
            page.on(
                "console", lambda message: refused.append(message.text) if "Content Security" in message.text else None
            )
            page.goto(f"{running.address}/?land=Nordrhein-Westfalen", timeout=60_000)
            first = page.locator("[data-testid='stMetricValue']").first
            first.wait_for(timeout=60_000)
            page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for(
                timeout=60_000
            )
            assert first.inner_text() == "2"  # Herne and Saerbeck
            assert page.locator("[data-testid='stException']").count() == 0
            assert refused == []
        finally:
            browser.close()


def test_the_backup_unit_backs_up_the_database_the_processes_serve(
    running: Cluster, shared_database: str, tmp_path: Path
) -> None:
    """What gsn-backup.timer starts every night, run here with its command line (only the folder moved)."""
    command = unit_command(BACKUP_UNIT)
    folder = command.index("-o") + 1
    assert (command[folder], command[folder + 1 :]) == ("/var/backups/gsn-dashboard", ["--behalten", "14"])
    command[folder] = str(tmp_path)
    before = asyncio.run(one_page(running))
    done = subprocess.run(
        command,
        cwd=unit_folder(BACKUP_UNIT),
        env={**os.environ, "DATABASE_URL": shared_database},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (dump,) = tmp_path.glob("gsn-backup-*.dump")
    listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public members" in listed
    assert asyncio.run(one_page(running)) == before is not None  # the processes kept serving


async def one_page(running: Cluster) -> str | None:
    async with session(running.address, running) as stream:
        return await members_kpi(stream)
