"""First visit: time until a new visitor sees the first KPI, against a bare one-metric Streamlit page.

Starts the dashboard the way ``make run`` does (warm: every page ran once) and a bare
Streamlit app with one ``st.metric`` (``bench/bare_metric.py``) on the same machine, then
opens both in fresh browser contexts (no cache, no cookies: a new visitor), alternating,
``--runs`` times each. For each visit it prints

- ``socket``: when the websocket opened (ms after navigation start),
- ``first``: when the first Streamlit element was in the page,
- ``metric``: when the first KPI value (``stMetricValue``) was in the page,

and at the end the medians and the ratio dashboard/bare of the time to the first KPI
(issue 16 asks for ≤ 1.2). A third page (``bench/bare_filters.py``: the metric beside the
dashboard's kinds of filter widgets, no data) shows what the widgets alone cost in the
browser. Nothing is asserted; the figures go into the issue's note.

Usage: ``python bench/bench_first_visit.py [--runs 7] [--database FILE] [--path /]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from launch.server import free_port, start_server, wait_healthy  # noqa: E402

BARE_APP = ROOT / "bench" / "bare_metric.py"
FILTERS_APP = ROOT / "bench" / "bare_filters.py"
RECORDER = """
(() => {
  const marks = {};
  window.__firstVisit = marks;
  const NativeSocket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new NativeSocket(...args);
    socket.addEventListener('open', () => { marks.socket ??= performance.now(); });
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  Object.assign(window.WebSocket, NativeSocket);
  new MutationObserver(() => {
    if (marks.first === undefined && document.querySelector("[data-testid='stElementContainer']")) {
      marks.first = performance.now();
    }
    if (marks.metric === undefined && document.querySelector("[data-testid='stMetricValue']")) {
      marks.metric = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
})();
"""


def start_bare(app: Path = BARE_APP) -> tuple[subprocess.Popen, str]:
    """A comparison app on a free port (plain ``streamlit run``, as bare as Streamlit gets)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    wait_healthy(process, address, 60)
    return process, address


def visit(browser, address: str) -> dict[str, float]:
    """One new visitor: a fresh context opens ``address``; returns the marks in ms after navigation start."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 900})
    context.add_init_script(RECORDER)
    page = context.new_page()
    page.goto(address, timeout=120_000)
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=120_000)
    marks = page.evaluate("() => window.__firstVisit")
    context.close()
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", help="SQLite file (default: a new demo database)")
    parser.add_argument("--path", default="/", help="dashboard page to open (default: the Überblick)")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from data_access.setup import prepare_database

    with tempfile.TemporaryDirectory() as folder:
        database = options.database or os.path.join(folder, "demo.sqlite")
        url = f"sqlite:///{database}"
        prepare_database(url).dispose()
        dashboard, dashboard_address = start_server(url, [])
        bare, bare_address = start_bare()
        filters, filters_address = start_bare(FILTERS_APP)
        pages = {"dashboard": dashboard_address + options.path, "bare": bare_address, "filters": filters_address}
        results: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                for address in pages.values():  # every server has served a page before the first count
                    visit(browser, address)
                for run in range(options.runs):
                    for name, address in pages.items():
                        marks = visit(browser, address)
                        results[name].append(marks)
                        figures = "  ".join(
                            f"{key} {marks.get(key, float('nan')):7.0f}" for key in ("socket", "first", "metric")
                        )
                        print(f"run {run + 1} {name:9} {figures} ms")
                browser.close()
        finally:
            dashboard.kill()
            bare.kill()
            filters.kill()
    print()
    medians = {}
    for name, marks in results.items():
        medians[name] = {
            key: statistics.median(mark[key] for mark in marks if key in mark) for key in ("socket", "first", "metric")
        }
        print(f"median {name:9} " + "  ".join(f"{key} {value:7.0f}" for key, value in medians[name].items()) + " ms")
    ratio = medians["dashboard"]["metric"] / medians["bare"]["metric"]
    after = {name: medians[name]["metric"] - medians[name]["socket"] for name in medians}
    print(f"first KPI: dashboard/bare = {ratio:.2f} (target ≤ 1.20)")
    print(
        "websocket → first KPI: "
        + ", ".join(f"{name} {value:.0f} ms" for name, value in after.items())
        + " (filters: a bare metric beside the dashboard's kinds of filter widgets)"
    )


if __name__ == "__main__":
    main()
