"""The deck as an editable PowerPoint file (python-pptx): 16:9, real text boxes and tables, charts as images."""

from __future__ import annotations

import datetime
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Mm, Pt

from reports.deck import Deck, Slide
from reports.rendering import (
    CARD,
    GREEN,
    GREY,
    MARGIN_MM,
    ORANGE,
    SLIDE_HEIGHT_MM,
    SLIDE_WIDTH_MM,
    TEXT,
    chart_images,
    shown_text,
)

BLANK_LAYOUT = 6
FONT = "DejaVu Sans"


def _text(
    slide: PptxSlide,
    left_mm: float,
    top_mm: float,
    width_mm: float,
    height_mm: float,
    text: str,
    size: int,
    *,
    bold: bool = False,
    color: tuple[int, int, int] = TEXT,
    name: str | None = None,
) -> Shape:
    """A text box holding ``text`` (wrapped), in the deck's font; ``name`` lets tests find it."""
    box = slide.shapes.add_textbox(Mm(left_mm), Mm(top_mm), Mm(width_mm), Mm(height_mm))
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run.font.color.rgb = RGBColor(*color)
    return box


def _footer(slide: PptxSlide, deck: Deck, number: int, total: int) -> None:
    bottom = SLIDE_HEIGHT_MM - 11
    _text(slide, MARGIN_MM, bottom, SLIDE_WIDTH_MM - 2 * MARGIN_MM - 30, 7, deck.footer, 9, color=GREY, name="Fußzeile")
    _text(slide, SLIDE_WIDTH_MM - MARGIN_MM - 30, bottom, 30, 7, f"{number} / {total}", 9, color=GREY, name="Seite")
    slide.shapes[-1].text_frame.paragraphs[0].alignment = 3  # right


def _kpi_table(slide: PptxSlide, content: Slide, top_mm: float) -> None:
    """The KPIs as a real table (Kennzahl, Wert, Veränderung): editable and readable by screen readers."""
    rows = len(content.kpis) + 1
    height = min(SLIDE_HEIGHT_MM - 16 - top_mm, rows * 11.0)
    shape = slide.shapes.add_table(rows, 4, Mm(MARGIN_MM), Mm(top_mm), Mm(SLIDE_WIDTH_MM - 2 * MARGIN_MM), Mm(height))
    shape.name = "Kennzahlen"
    table = shape.table
    widths = (0.27, 0.18, 0.30, 0.25)
    for index, share in enumerate(widths):
        table.columns[index].width = Emu(int(Mm(SLIDE_WIDTH_MM - 2 * MARGIN_MM) * share))
    cells = [("Kennzahl", "Wert", "Zeitraum", "Veränderung")] + [
        (kpi.label, shown_text(kpi.value), kpi.period, shown_text(kpi.change, "")) for kpi in content.kpis
    ]
    for row_index, row in enumerate(cells):
        for column_index, value in enumerate(row):
            cell = table.cell(row_index, column_index)
            cell.text = value
            header = row_index == 0
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(*(GREEN if header else CARD))
            run = cell.text_frame.paragraphs[0].runs[0] if cell.text_frame.paragraphs[0].runs else None
            if run is None:  # an empty cell (no change to show)
                continue
            run.font.size = Pt(16 if header else (22 if column_index == 1 else 14))
            run.font.bold = header or column_index == 1
            run.font.name = FONT
            run.font.color.rgb = RGBColor(*((255, 255, 255) if header else TEXT))


def deck_pptx(deck: Deck, created: datetime.datetime | None = None) -> bytes:
    """The PPTX bytes of ``deck``: one slide per deck slide, title and date in the document properties."""
    presentation = Presentation()
    presentation.slide_width = Mm(SLIDE_WIDTH_MM)
    presentation.slide_height = Mm(SLIDE_HEIGHT_MM)
    properties = presentation.core_properties
    properties.title = f"Gesunde Städte-Netzwerk: {deck.filter_sentence}"
    properties.subject = deck.footer
    properties.author = "GSN-Dashboard"
    properties.language = "de-DE"
    moment = (created or datetime.datetime.now(datetime.UTC)).replace(tzinfo=None)
    properties.created = moment
    properties.modified = moment
    images = chart_images(deck)
    width = SLIDE_WIDTH_MM - 2 * MARGIN_MM
    for position, content in enumerate(deck.slides):
        slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
        if content.key == "titel":
            _text(slide, MARGIN_MM, 50, width, 22, content.title, 40, bold=True, color=GREEN, name="Titel")
            _text(slide, MARGIN_MM, 74, width, 14, content.takeaway, 22, name="Aussage")
            for index, line in enumerate(content.lines):
                demo = line == "Beispieldaten"
                _text(
                    slide,
                    MARGIN_MM,
                    92 + index * 10,
                    width,
                    9,
                    line,
                    16,
                    bold=demo,
                    color=ORANGE if demo else GREY,
                    name=f"Zeile {index + 1}",
                )
        else:
            _text(slide, MARGIN_MM, MARGIN_MM - 4, width, 14, content.title, 28, bold=True, color=GREEN, name="Titel")
            _text(slide, MARGIN_MM, MARGIN_MM + 10, width, 16, content.takeaway, 17, name="Aussage")
            top = MARGIN_MM + 30
            if content.kpis:
                _kpi_table(slide, content, top)
            elif position in images:
                picture = slide.shapes.add_picture(io.BytesIO(images[position]), Mm(MARGIN_MM), Mm(top))
                scale = min(Mm(width) / picture.width, Mm(SLIDE_HEIGHT_MM - 16 - top) / picture.height)
                picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
                picture.left = int((presentation.slide_width - picture.width) / 2)
                picture.name = f"Diagramm: {content.title}"
            elif content.lines:
                box = _text(
                    slide,
                    MARGIN_MM,
                    top,
                    width,
                    SLIDE_HEIGHT_MM - 16 - top,
                    "• " + content.lines[0],
                    14,
                    name="Begriffe",
                )
                for line in content.lines[1:]:
                    run = box.text_frame.add_paragraph().add_run()
                    run.text = f"• {line}"
                    run.font.size = Pt(14)
                    run.font.name = FONT
        _footer(slide, deck, position + 1, len(deck.slides))
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
