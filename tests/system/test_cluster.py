"""Two dashboard processes behind nginx on one PostgreSQL database (launch/cluster.py).

The proxy keeps a browser with its process and spreads browsers over both; a session
through the proxy gets its page; and a write shows in every process on its next run,
although each process caches figures (the data version, ``ui/data.py``).
"""

from __future__ import annotations

import asyncio
import secrets
import urllib.request
from collections.abc import Iterator

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from data_access.engine import make_engine
from data_access.importing.plan import import_file
from data_access.migrate import upgrade
from launch.cluster import Cluster, cluster, nginx_available
from launch.server import rerun_message
from tests.conftest import POSTGRES_URL, build_small_network, new_database_url
from ui.data import VERSION_CHECK_SECONDS

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


def process_for(address: str, cookie: str) -> str:
    """Which backend the proxy sends a browser with this cookie to (nginx names it in a header)."""
    request = urllib.request.Request(f"{address}/_stcore/health", headers={"Cookie": f"_streamlit_xsrf={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Dashboard-Process"]


def test_the_proxy_keeps_a_browser_with_its_process_and_spreads_browsers(running: Cluster) -> None:
    backends = {address.removeprefix("http://") for address, _ in running.backends}
    one = secrets.token_hex(8)
    assert len({process_for(running.address, one) for _ in range(5)}) == 1
    assert {process_for(running.address, secrets.token_hex(8)) for _ in range(30)} == backends


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


def session(address: str):
    cookie = {"Cookie": f"_streamlit_xsrf={secrets.token_hex(8)}"}
    stream_url = address.replace("http://", "ws://") + "/_stcore/stream"
    return connect(stream_url, subprotocols=["streamlit"], origin=address, additional_headers=cookie)


def test_a_session_through_the_proxy_gets_its_page(running: Cluster) -> None:
    async def through_proxy() -> str | None:
        async with session(running.address) as stream:
            return await members_kpi(stream)

    assert asyncio.run(through_proxy()) == "5"


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
