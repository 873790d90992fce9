"""What the PDF and the PPTX of a deck share: slide size, colours, fonts, chart images.

Both formats are 16:9 (33.867 × 19.05 cm, PowerPoint's widescreen). Colours are the
dashboard's, with dark text on white for projectors.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from domain.formatting import MISSING
from reports.deck import Deck
from reports.images import SLIDE_CONFIG, chart_png

SLIDE_WIDTH_MM = 338.67
SLIDE_HEIGHT_MM = 190.5
MARGIN_MM = 14.0
GREEN = (11, 110, 79)
TEXT = (26, 26, 26)
GREY = (90, 90, 90)
ORANGE = (224, 122, 31)
CARD = (241, 245, 243)
CHART_WIDTH_PX = 900
CHART_HEIGHT_PX = 300
"""The plot area of a chart on a slide in CSS pixels (legends and axes come on top)."""

FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
"""Debian's DejaVu (package fonts-dejavu-core): every German character and the typographic quotes."""


_GAP = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b|<NA>")


def shown_text(text: str | None, missing: str = MISSING) -> str:
    """``text`` as a slide shows it; a missing figure (empty, or Python's "None", "nan" …) reads ``missing``."""
    return missing if not text or _GAP.search(text) else text


def font_path(style: str) -> Path:
    """The TrueType file of ``style`` ("" or "B"); a clear message when the font package is missing."""
    path = FONT_FOLDER / FONTS[style]
    if not path.exists():
        raise FileNotFoundError(f"Schrift fehlt: {path} (Debian-Paket fonts-dejavu-core installieren).")
    return path


def chart_images(deck: Deck) -> dict[int, bytes]:
    """PNG bytes of every slide's chart, by slide position (rendered in parallel: vl-convert releases the GIL)."""
    positions = [position for position, slide in enumerate(deck.slides) if slide.chart is not None]
    with ThreadPoolExecutor(max_workers=4) as pool:
        images = pool.map(
            lambda position: chart_png(
                deck.slides[position].chart, width=CHART_WIDTH_PX, height=CHART_HEIGHT_PX, config=SLIDE_CONFIG
            ),
            positions,
        )
        return dict(zip(positions, images, strict=True))
