"""Load test: N real sessions against ``streamlit run`` on loopback, speaking Streamlit's websocket protocol.

Each session connects like a browser (``/_stcore/stream``), asks for a deep link with
filters (``?land=SH&von=2015``), waits until the page's script run has finished, then
changes one filter the way the sidebar does (a new widget value for "Bundesland") and
waits for that rerun. All sessions start at once. Prints p50/p95/max of the time to the
first complete page and to the rerun, reruns per second, and the server's memory (RSS).

By default the script starts its own server on a demo database (and stops it); with
``--url`` it uses a running one (``--pid`` then names its process for the RSS figure).
Every session and the whole run are bounded in time; the script stops by itself.

Usage: ``python bench/load.py [--sessions 100] [--server-option runner.postScriptGC=false]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import ssl
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from launch.server import rerun_message, start_server  # noqa: E402

DEEP_LINK = "land=SH&von=2015"
FILTER_LABEL = "Bundesland"
CHANGED_STATES = ["SH", "NI"]
CHANGED_SENTENCE = "Niedersachsen, Schleswig-Holstein"
"""The page head after the change: proof that the rerun really applied the new filter."""
SESSION_TIMEOUT = 120.0


@dataclass
class Outcome:
    """One session: seconds to the first complete page and to the rerun (None: failed), and why."""

    first: float | None = None
    rerun: float | None = None
    filtered: bool = False
    error: str = ""


PAGE = {"name": ""}
"""The page the sessions open (its URL path; "" is the Überblick); ``--page`` sets it."""


async def _until_finished(stream, widget_ids: dict[str, str], texts: list[str] | None = None) -> None:
    """Read messages until a script run finished successfully; note widget ids by label on the way."""
    while True:
        message = ForwardMsg()
        message.ParseFromString(await stream.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            widget = getattr(element, element.WhichOneof("type") or "", None)
            if texts is not None and element.WhichOneof("type") == "markdown":
                texts.append(element.markdown.body)
            label = getattr(widget, "label", None)
            if label and getattr(widget, "id", ""):
                widget_ids.setdefault(label, widget.id)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError("Skriptfehler")


def browser_cookie() -> dict[str, str]:
    """A cookie like a browser's own: behind the proxy it decides which process serves the session."""
    return {"Cookie": f"_streamlit_xsrf={secrets.token_hex(16)}"}


TLS: dict[str, ssl.SSLContext | None] = {"context": None}
"""The client TLS context for a cluster behind nginx (its own certificate); None for plain http."""


async def one_session(address: str) -> Outcome:
    """Open the deep link, wait for the page, change one filter, wait for the rerun."""
    outcome = Outcome()
    stream_url = address.replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with asyncio.timeout(SESSION_TIMEOUT):
            start = time.perf_counter()
            async with connect(
                stream_url,
                subprotocols=["streamlit"],
                origin=address,
                max_size=None,
                additional_headers=browser_cookie(),
                ssl=TLS["context"] if stream_url.startswith("wss://") else None,
            ) as stream:
                widget_ids: dict[str, str] = {}
                await stream.send(rerun_message(DEEP_LINK, page_name=PAGE["name"]))
                await _until_finished(stream, widget_ids)
                outcome.first = time.perf_counter() - start
                state = WidgetState(id=widget_ids[FILTER_LABEL])
                state.string_array_value.data.extend(CHANGED_STATES)
                changed = time.perf_counter()
                await stream.send(rerun_message(DEEP_LINK, [state], PAGE["name"]))
                texts: list[str] = []
                await _until_finished(stream, widget_ids, texts)
                outcome.rerun = time.perf_counter() - changed
                outcome.filtered = any(CHANGED_SENTENCE in text for text in texts)
    except (TimeoutError, OSError, KeyError, RuntimeError) as problem:
        outcome.error = f"{type(problem).__name__}: {problem}"
    except Exception as problem:  # a load test reports every failure and goes on
        outcome.error = f"{type(problem).__name__}: {problem}"
    return outcome


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_megabytes(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _quantiles(values: list[float]) -> str:
    if not values:
        return "–"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):6.2f} s   p95 {p95:6.2f} s   max {ordered[-1]:6.2f} s"


async def run_load(address: str, sessions: int, pids: list[int] | None = None) -> tuple[list[Outcome], float, float]:
    """All sessions at once; returns their outcomes, the wall time and the highest RSS seen meanwhile (MB)."""
    peak = [0.0]

    async def sample() -> None:
        while True:
            peak[0] = max(peak[0], sum(rss_megabytes(pid) for pid in pids or []))
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    start = time.perf_counter()
    outcomes = await asyncio.gather(*(one_session(address) for _ in range(sessions)))
    wall = time.perf_counter() - start
    sampler.cancel()
    return list(outcomes), wall, peak[0]


def report(outcomes: list[Outcome], wall: float, rss: float | None, peak: float | None = None) -> None:
    """Print the figures of one load run."""
    firsts = [outcome.first for outcome in outcomes if outcome.first is not None]
    reruns = [outcome.rerun for outcome in outcomes if outcome.rerun is not None]
    failed = [outcome.error for outcome in outcomes if outcome.error]
    runs = len(firsts) + len(reruns)
    print(f"Sitzungen: {len(outcomes)}, fehlgeschlagen: {len(failed)}, Dauer {wall:.1f} s")
    print(f"  erste vollständige Seite: {_quantiles(firsts)}")
    print(f"  nach Filterwechsel:       {_quantiles(reruns)}")
    print(f"  Skriptläufe je Sekunde:   {runs / wall:.1f}")
    print(f"  Filter angewandt:         {sum(outcome.filtered for outcome in outcomes)} von {len(outcomes)}")
    if rss is not None:
        print(f"  Server-RSS danach:        {rss:.0f} MB (höchstens {peak or rss:.0f} MB, alle Sitzungen offen)")
    for error in sorted(set(failed))[:5]:
        print(f"  Fehler: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1, help="Lastwellen nacheinander (RSS nach jeder)")
    parser.add_argument("--page", action="append", default=[], help="Seite(n) statt des Überblicks, z. B. selbsthilfe")
    parser.add_argument("--url", help="ein laufender Server (sonst startet das Skript einen)")
    parser.add_argument("--processes", type=int, default=1, help="mehrere Server hinter nginx (launch/cluster.py)")
    parser.add_argument(
        "--cold", action="store_true", help="ohne Vorwärmen: nacktes streamlit run statt serve.py (zum Vergleich)"
    )
    parser.add_argument("--pid", type=int, help="Prozess des laufenden Servers (für RSS)")
    parser.add_argument("--database", help="SQLAlchemy-URL (Standard: neue Datenbank mit Beispieldaten)")
    parser.add_argument(
        "--server-option", action="append", default=[], help="z. B. runner.postScriptGC=false (mehrfach möglich)"
    )
    options = parser.parse_args()
    database = options.database
    if options.url is None and database is None:
        from data_access.setup import prepare_database

        database = f"sqlite:///{Path(tempfile.mkdtemp(prefix='gsn-load-')) / 'demo.sqlite'}"
        prepare_database(database).dispose()
    if options.processes > 1:
        from launch.cluster import cluster

        with cluster(database, options.processes, tuple(options.server_option)) as running:
            TLS["context"] = running.ssl_context()
            pids = [pid for _, pid in running.backends]
            _waves(running.address, pids, options, f"{options.processes} Prozesse hinter nginx")
        return
    process = None
    address, pids = options.url, [options.pid] if options.pid else []
    if address is None:
        process, address = start_server(database, options.server_option, warm=not options.cold)
        pids = [process.pid]
    try:
        _waves(address, pids, options, "1 Prozess, " + ("kalt gestartet" if options.cold else "vorgewärmt"))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)


def _waves(address: str, pids: list[int], options: argparse.Namespace, setup: str) -> None:
    """Run the load waves against ``address`` and print each; RSS summed over ``pids``."""
    print(f"Server {address} ({setup}) {' '.join(options.server_option)}".rstrip())
    if pids:
        print(f"  RSS vorher: {sum(rss_megabytes(pid) for pid in pids):.0f} MB")
    for page in options.page or [""]:
        PAGE["name"] = page
        for _ in range(options.rounds):
            print(f"Seite: {page or 'ueberblick'}")
            servers_before = [cpu_seconds(pid) for pid in pids]
            own_before = time.process_time()
            outcomes, wall, peak = asyncio.run(run_load(address, options.sessions, pids))
            report(outcomes, wall, sum(rss_megabytes(pid) for pid in pids) if pids else None, peak)
            used = [cpu_seconds(pid) - before for pid, before in zip(pids, servers_before, strict=True)]
            print(
                "  Rechenzeit: Server "
                + " + ".join(f"{seconds:.1f} s" for seconds in used)
                + f", Lastgenerator {time.process_time() - own_before:.1f} s (in {wall:.1f} s auf 2 Kernen)"
            )


if __name__ == "__main__":
    main()
