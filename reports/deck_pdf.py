"""The deck as a PDF (fpdf2): one 16:9 page per slide, footer with filter, Stand and page number."""

from __future__ import annotations

import datetime
import io

from fpdf import FPDF

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
    font_path,
    shown_text,
)

FONT = "DejaVu"
KPIS_PER_ROW = 4


class _DeckPdf(FPDF):
    """Pages with the deck's footer: filter sentence and Stand on the left, "n / N" on the right."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(orientation="L", unit="mm", format=(SLIDE_HEIGHT_MM, SLIDE_WIDTH_MM))
        self.deck = deck
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        for style in ("", "B"):
            self.add_font(FONT, style, str(font_path(style)))

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 9)
        self.set_text_color(*GREY)
        self.cell(self.epw - 30, 5, self.deck.footer)
        self.cell(30, 5, f"{self.page_no()} / {{nb}}", align="R")


def _paragraph(pdf: _DeckPdf, line_height: float, text: str) -> None:
    """A wrapped paragraph at the left margin; the next one starts below it."""
    pdf.set_x(MARGIN_MM)
    pdf.multi_cell(pdf.epw, line_height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: _DeckPdf, slide: Slide) -> float:
    """Title and takeaway; returns where the content may start."""
    pdf.set_xy(MARGIN_MM, MARGIN_MM)
    pdf.set_font(FONT, "B", 28)
    pdf.set_text_color(*GREEN)
    _paragraph(pdf, 13, slide.title)
    pdf.set_font(FONT, "", 17)
    pdf.set_text_color(*TEXT)
    _paragraph(pdf, 8.5, slide.takeaway)
    return pdf.get_y() + 5


def _title_page(pdf: _DeckPdf, slide: Slide) -> None:
    pdf.set_xy(MARGIN_MM, 55)
    pdf.set_font(FONT, "B", 40)
    pdf.set_text_color(*GREEN)
    _paragraph(pdf, 18, slide.title)
    pdf.set_font(FONT, "", 22)
    pdf.set_text_color(*TEXT)
    _paragraph(pdf, 11, slide.takeaway)
    pdf.ln(4)
    for line in slide.lines:
        if line == "Beispieldaten":
            pdf.set_font(FONT, "B", 16)
            pdf.set_text_color(*ORANGE)
        else:
            pdf.set_font(FONT, "", 16)
            pdf.set_text_color(*GREY)
        _paragraph(pdf, 9, line)


def _kpi_cards(pdf: _DeckPdf, slide: Slide, top: float) -> None:
    gap = 5.0
    width = (pdf.epw - gap * (KPIS_PER_ROW - 1)) / KPIS_PER_ROW
    height = 34.0
    for index, kpi in enumerate(slide.kpis):
        x = MARGIN_MM + (index % KPIS_PER_ROW) * (width + gap)
        y = top + (index // KPIS_PER_ROW) * (height + gap)
        pdf.set_fill_color(*CARD)
        pdf.rect(x, y, width, height, style="F")
        pdf.set_xy(x + 4, y + 3)
        pdf.set_font(FONT, "", 13)
        pdf.set_text_color(*GREY)
        pdf.cell(width - 8, 7, kpi.label)
        pdf.set_xy(x + 4, y + 11)
        pdf.set_font(FONT, "B", 24)
        pdf.set_text_color(*TEXT)
        pdf.cell(width - 8, 12, shown_text(kpi.value))
        if change := shown_text(kpi.change, ""):
            pdf.set_xy(x + 4, y + 24)
            pdf.set_font(FONT, "", 10)
            pdf.set_text_color(*GREY)
            pdf.cell(width - 8, 5, change)
        if kpi.period:
            pdf.set_xy(x + 4, y + 29)
            pdf.set_font(FONT, "", 9)
            pdf.set_text_color(*GREY)
            pdf.cell(width - 8, 4, kpi.period)


def _lines(pdf: _DeckPdf, slide: Slide, top: float) -> None:
    pdf.set_xy(MARGIN_MM, top)
    pdf.set_font(FONT, "", 14)
    pdf.set_text_color(*TEXT)
    for line in slide.lines:
        _paragraph(pdf, 8, f"• {line}")
        pdf.ln(1.5)


def deck_pdf(deck: Deck, created: datetime.datetime | None = None) -> bytes:
    """The PDF bytes of ``deck``: as many pages as slides, metadata title/subject/date set."""
    pdf = _DeckPdf(deck)
    pdf.set_title(f"Gesunde Städte-Netzwerk: {deck.filter_sentence}")
    pdf.set_subject(deck.footer)
    pdf.set_author("GSN-Dashboard")
    pdf.set_creator("GSN-Dashboard")
    pdf.set_lang("de-DE")
    pdf.set_creation_date(created or datetime.datetime.now(datetime.UTC))
    images = chart_images(deck)
    for position, slide in enumerate(deck.slides):
        pdf.add_page()
        if slide.key == "titel":
            _title_page(pdf, slide)
            continue
        top = _heading(pdf, slide)
        if slide.kpis:
            _kpi_cards(pdf, slide, top)
        elif position in images:
            bottom = SLIDE_HEIGHT_MM - 14
            pdf.image(
                io.BytesIO(images[position]),
                x=MARGIN_MM,
                y=top,
                w=pdf.epw,
                h=bottom - top,
                keep_aspect_ratio=True,
                alt_text=f"Diagramm: {slide.title}",
            )
        elif slide.lines:
            _lines(pdf, slide, top)
    return bytes(pdf.output())
