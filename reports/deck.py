"""The meeting deck as plain data: slides with a title, one German takeaway, KPIs or one chart.

The Präsentation page, the PDF and the PPTX all draw this same :class:`Deck`, so the
three cannot say different things. A deck is built by ``reports.deck_content``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charts.figure import ChartSpec

SLIDES: dict[str, str] = {
    "kennzahlen": "Kennzahlen",
    "mitglieder": "Mitgliederentwicklung",
    "veranstaltungen": "Veranstaltungen",
    "selbsthilfe": "Selbsthilfe",
    "mindeststandards": "Mindeststandards",
    "berichte": "Vier-Jahres-Berichte",
    "netzwerke": "Regionalnetzwerke",
    "sprecherrat": "Sprecher*innenrat",
}
"""The content slides one can choose, by URL word (``folien``), in deck order."""

NETWORK_NAME = "Gesunde Städte-Netzwerk"
DEFINITIONS: tuple[str, ...] = (
    "Mitglieder: Kommunen, die im Jahr Mitglied waren (Beitritt bis Austritt).",
    "Veranstaltungen: von Mitgliedern gemeldete Veranstaltungen nach Beginn; netzwerkweite zählen ohne Kommune.",
    "Selbsthilfegruppen: Zahlen der Selbsthilfekontaktstellen je Kommune und Jahr; "
    "je 100.000 Einwohner nur für Mitglieder mit Einwohnerzahl.",
    "Mindeststandards: Selbsteinschätzung der neun Punkte (erfüllt, teilweise, nicht erfüllt).",
    "Vier-Jahres-Berichte: fällig vier Jahre nach dem letzten Bericht oder dem Beitritt.",
    "Quelle: Datenbank des GSN-Dashboards; Zahlen wie im Dashboard unter derselben Auswahl.",
)


@dataclass(frozen=True)
class KpiText:
    """A KPI as a slide shows it: label, value and change already in German."""

    label: str
    value: str
    change: str | None = None
    period: str = ""
    """The figure's own period ("2026 bis 30.11.", "Meldejahr 2025 · 86 von 94 Mitgliedern gemeldet")."""
    neutral: bool = False
    """The change reads as zero: shown without arrow or colour."""


@dataclass(frozen=True)
class Slide:
    """One slide: ``key`` (a ``SLIDES`` word, or "titel"/"quellen"), title, takeaway and its content."""

    key: str
    title: str
    takeaway: str
    kpis: tuple[KpiText, ...] = ()
    chart: ChartSpec | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deck:
    """A whole deck: what it shows (filter sentence, Stand, demo flag) and its slides in order."""

    subject: str
    filter_sentence: str
    stand: str
    stand_iso: str
    sample_data: bool
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    @property
    def footer(self) -> str:
        """The line on every slide: the filter, the Stand, and the demo flag where true."""
        flag = " · Beispieldaten" if self.sample_data else ""
        return f"{self.filter_sentence} · Stand: {self.stand}{flag}"

    def file_name(self, extension: str) -> str:
        """``GSN_<subject>_<Stand>.<extension>``, e.g. ``GSN_Praesentation_2026-10-31.pdf``."""
        subject = self.subject.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
        subject = re.sub(r"[^\w-]+", "_", subject).strip("_")
        return f"GSN_{subject}_{self.stand_iso}.{extension}"


def slide_key(word: str) -> str | None:
    """The slide a word names, or None: its key or its title, in any case ("kennzahlen", "Kennzahlen").

    The Präsentation's address carries the titles (``folien=Mitgliederentwicklung``), the
    command line the short keys (``--folien mitglieder``); both name the same slide, so a
    link's words can be given to ``python -m reports deck`` as they are.
    """
    folded = word.strip().casefold()
    for key, title in SLIDES.items():
        if folded in (key, title.casefold()):
            return key
    return None


def chosen_slides(words: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The slides named by ``words`` (keys or titles, see :func:`slide_key`) in deck order; none valid means all."""
    named = {slide_key(word) for word in words or ()}
    chosen = [key for key in SLIDES if key in named]
    return tuple(chosen) or tuple(SLIDES)
