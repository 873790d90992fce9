"""Serve the dashboard from a warm process: run every page once, then ``streamlit run dashboard.py``.

A freshly started Streamlit process imports pandas, Altair, SQLAlchemy and the pages, loads
Altair's schema and babel's German locale, migrates and opens the database, and compiles
every query on its first script run. That first run is slow, and when a link reaches a
hundred people at once every one of them waits for it (``python bench/load.py`` against
``python bench/load.py --cold`` re-measures what the warm-up saves in time to a complete
page). So this entry point pays it before the server listens: it runs the entry script
and each public page once with Streamlit's own in-process runner (``AppTest``), which fills
the module imports, the engine (``st.cache_resource``) and the unfiltered page caches of
this very process, and then hands over to Streamlit's command line unchanged. The Daten
pages need a login and are not warmed.

Usage: ``python serve.py [streamlit run options, e.g. --server.port 8501]``; ``make run``
uses it. A failing warm-up (say, the database is not reachable yet) is reported and the
server starts all the same: the pages then show their usual German message.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ui.navigation import DATA_PAGES

ROOT = Path(__file__).resolve().parent
ENTRY = ROOT / "dashboard.py"
LOGIN_PAGES = frozenset(name for name, _, _ in DATA_PAGES)
WARM_UP_SECONDS = 120
"""Upper bound for one page's warm-up run (a big database is slow only the first time)."""


def public_pages() -> list[str]:
    """The page scripts anyone may open, as paths relative to the entry script (``app_pages/….py``)."""
    pages = sorted((ROOT / "app_pages").glob("[a-z]*.py"))
    return [f"app_pages/{page.name}" for page in pages if page.stem not in LOGIN_PAGES]


def warm_up() -> list[str]:
    """Run the entry script and every public page once in this process; return the problems of the first failing page.

    Nothing here is kept apart from what Streamlit and the modules keep per process anyway
    (imports, the engine, cached figures with their usual ttl), so a warmed server answers
    exactly as a cold one, only sooner.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ENTRY), default_timeout=WARM_UP_SECONDS)
    for page in public_pages():
        try:
            app.switch_page(page).run()
        except Exception as error:  # the server must start even if a page cannot be warmed
            return [f"{page}: {error}"]
        problems = [f"{page}: {exception.message}" for exception in app.exception]
        problems += [f"{page}: {message.value}" for message in app.error]
        if problems:
            # Stop at the first page that fails: an unreachable database would otherwise
            # hold the start for one connection timeout per page.
            return problems
    return []


def main(arguments: list[str]) -> None:
    """Warm this process, then run ``streamlit run dashboard.py`` with ``arguments`` in it."""
    from streamlit.web import bootstrap, cli

    # The warm-up reads the configuration; read it with the command line's options first, as
    # `streamlit run` will, so both see the same settings (and Streamlit does not warn that
    # the [server] section changed under it).
    command = [str(ENTRY), *arguments]
    flags = cli.main_run.make_context("streamlit run", list(command)).params
    bootstrap.load_config_options(flag_options={name: value for name, value in flags.items() if name != "target"})
    start = time.perf_counter()
    problems = warm_up()
    print(f"Vorgewärmt: {len(public_pages())} Seiten in {time.perf_counter() - start:.1f} s", flush=True)
    for problem in problems:
        print(f"  Beim Vorwärmen: {problem}", flush=True)
    sys.argv = ["streamlit", "run", *command]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
