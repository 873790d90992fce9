"""``python -m reports deck``: the meeting deck as PDF or PPTX from the command line.

The filter options are named like the URL keys of the dashboard (``--land SH --land NI
--von 2015 --bis 2025``), so a link and a command describe the same view; ``--folien``
chooses slides like the Präsentation page. Exit status 0 written, 2 usage error; errors
in German on stderr.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from data_access.engine import DatabaseUnavailableError, database_url
from data_access.setup import DatabaseMissingError, prepare_database
from domain.filter import URL_KEYS
from reports.deck import SLIDES, chosen_slides, slide_key
from reports.deck_content import deck_from_database

FORMATS = ("pdf", "pptx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m reports", description="Berichte des GSN-Dashboards")
    commands = parser.add_subparsers(dest="command", required=True)
    deck = commands.add_parser("deck", help="Foliensatz der Auswahl als PDF oder PowerPoint")
    deck.add_argument("--format", choices=FORMATS, default="pdf", help="pdf (Standard) oder pptx")
    deck.add_argument("-o", "--output", type=Path, help="Zieldatei (Standard: GSN_Praesentation_<Stand>.<format>)")
    for key in URL_KEYS:
        deck.add_argument(f"--{key}", action="append", default=[], metavar=key.upper(), help="wie in der Adresse")
    deck.add_argument(
        "--folien",
        default="",
        help=f"Folien, durch Komma getrennt, wie in der Adresse (Standard: alle): {', '.join(SLIDES.values())}",
    )
    return parser


def main(arguments: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    options = _parser().parse_args(arguments)
    words = [word.strip() for word in options.folien.split(",") if word.strip()]
    unknown = [word for word in words if slide_key(word) is None]
    if unknown:
        possible = ", ".join(SLIDES.values())
        print(f"Unbekannte Folie: {', '.join(unknown)}. Möglich sind: {possible}.", file=sys.stderr)
        return 2
    params = {key: getattr(options, key) for key in URL_KEYS if getattr(options, key)}
    try:
        # A missing SQLite file is an error here, never a new empty database.
        engine = prepare_database(database_url(), demo_if_new=False, create=False)
    except DatabaseMissingError as problem:
        print(f"Nicht ausgeführt: {problem}", file=sys.stderr)
        return 1
    except DatabaseUnavailableError as problem:
        print(f"Die Datenbank ist nicht erreichbar: {problem}", file=sys.stderr)
        return 1
    try:
        _, deck = deck_from_database(engine, params, chosen_slides(words), datetime.date.today())
    except DatabaseUnavailableError as problem:
        print(f"Die Datenbank ist nicht erreichbar: {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if options.format == "pdf":
        from reports.deck_pdf import deck_pdf as render
    else:
        from reports.deck_pptx import deck_pptx as render
    target = options.output or Path(deck.file_name(options.format))
    target.write_bytes(render(deck))
    print(f"{target} geschrieben: {len(deck.slides)} Folien, {deck.footer}")
    return 0
