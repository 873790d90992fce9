"""Memory soak: 10 sessions rerunning the Überblick without pause for a set time; RSS over time.

Each session opens the deep link, then switches the "Bundesland" filter back and forth
(every switch is a full script run). Every ``--every`` seconds the script prints the
server's RSS and the runs so far; at the end the growth from the first sample after the
warm-up to the last. A server setting (such as ``runner.postScriptGC = false``) is kept
only if this stays flat.

Usage: ``python bench/soak.py [--minutes 10] [--sessions 10] [--every 30] [--server-option …]``
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import DEEP_LINK, FILTER_LABEL, _until_finished, rss_megabytes
from launch.server import rerun_message, start_server

WARM_UP_SECONDS = 60


async def _rerunning(address: str, until: float, counter: list[int]) -> None:
    stream_url = address.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(stream_url, subprotocols=["streamlit"], origin=address, max_size=None) as stream:
        widget_ids: dict[str, str] = {}
        await stream.send(rerun_message(DEEP_LINK))
        await _until_finished(stream, widget_ids)
        choices = (["SH", "NI"], ["SH"])
        turn = 0
        while time.monotonic() < until:
            state = WidgetState(id=widget_ids[FILTER_LABEL])
            state.string_array_value.data.extend(choices[turn % 2])
            await stream.send(rerun_message(DEEP_LINK, [state]))
            await _until_finished(stream, widget_ids)
            counter[0] += 1
            turn += 1


async def _sampling(pid: int, until: float, every: float, counter: list[int]) -> list[tuple[float, float, int]]:
    start = time.monotonic()
    samples = []
    while time.monotonic() < until:
        await asyncio.sleep(min(every, max(0.0, until - time.monotonic())))
        sample = (time.monotonic() - start, rss_megabytes(pid), counter[0])
        samples.append(sample)
        print(f"{sample[0]:7.0f} s   RSS {sample[1]:6.0f} MB   Läufe {sample[2]:7d}", flush=True)
    return samples


async def soak(address: str, pid: int, sessions: int, seconds: float, every: float) -> list[tuple[float, float, int]]:
    until = time.monotonic() + seconds
    counter = [0]
    results = await asyncio.gather(
        _sampling(pid, until, every, counter), *(_rerunning(address, until, counter) for _ in range(sessions))
    )
    return results[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--every", type=float, default=30.0, help="Sekunden zwischen zwei Messungen")
    parser.add_argument("--database", help="SQLAlchemy-URL (Standard: neue Datenbank mit Beispieldaten)")
    parser.add_argument("--server-option", action="append", default=[])
    options = parser.parse_args()
    database = options.database
    if database is None:
        from data_access.setup import prepare_database

        database = f"sqlite:///{Path(tempfile.mkdtemp(prefix='gsn-soak-')) / 'demo.sqlite'}"
        prepare_database(database).dispose()
    process, address = start_server(database, options.server_option)
    try:
        print(
            f"Server {address} {' '.join(options.server_option)}; {options.sessions} Sitzungen, {options.minutes} min"
        )
        print(f"      0 s   RSS {rss_megabytes(process.pid):6.0f} MB")
        samples = asyncio.run(soak(address, process.pid, options.sessions, options.minutes * 60, options.every))
    finally:
        process.terminate()
        process.wait(timeout=15)
    warm = [sample for sample in samples if sample[0] >= WARM_UP_SECONDS] or samples
    first, last = warm[0], samples[-1]
    growth = (last[1] - first[1]) / first[1] * 100
    rate = (last[2] - first[2]) / max(last[0] - first[0], 1e-9)
    print(
        f"RSS nach dem Aufwärmen {first[1]:.0f} MB, am Ende {last[1]:.0f} MB: {growth:+.1f} % "
        f"({last[2]} Läufe, {rate:.1f} je Sekunde)"
    )


if __name__ == "__main__":
    main()
