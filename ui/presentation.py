"""Präsentation: the deck of the current filter as a slide show, and the same deck as PDF/PPTX.

The slide number (``folie``) and the chosen slides (``folien``) are bound to the URL, so
a prepared deck is one link and a link opens on its slide. Left/Right arrow keys step
through the slides (``st.button`` shortcuts). The large type is a static style sheet of
this module (no data in HTML, as for printing).
"""

from __future__ import annotations

import streamlit as st

from charts.figure import ChartSpec
from reports.deck import SLIDES, Deck, Slide, chosen_slides
from reports.images import SLIDE_CONFIG, SLIDE_TEXT_PX, with_config
from ui.charts import show_chart
from ui.text import plain

SLIDE_KEY = "folie"
CHOICE_KEY = "folien"
STAGE_STYLE = f"""
<style>
[data-testid="stHeader"] {{ background: transparent !important; }}
[data-testid="stMainBlockContainer"] {{
  padding-top: 1rem !important; padding-bottom: 0.5rem !important; max-width: 100% !important;
}}
.st-key-slide_stage {{ gap: 0.6rem; }}
.st-key-slide_stage h1 {{ font-size: 2.6rem !important; line-height: 1.2; padding: 0 !important; color: #0b6e4f; }}
.st-key-slide_takeaway {{ margin-top: 0.4rem; }}
.st-key-slide_takeaway p {{ font-size: 1.6rem !important; line-height: 1.3; }}
.st-key-slide_stage [data-testid="stMetricValue"] * {{ font-size: 2.25rem !important; }}
.st-key-slide_stage [data-testid="stMetricLabel"] * {{ font-size: {SLIDE_TEXT_PX}px !important; }}
.st-key-slide_stage [data-testid="stMetricDelta"] * {{ font-size: 1.05rem !important; }}
.st-key-slide_lines p {{ font-size: {SLIDE_TEXT_PX}px !important; }}
</style>
"""


def ignored_slides(words: list[str]) -> list[str]:
    """The words of a link's ``folien`` that name no slide; the bound pills drop them without a word."""
    return [word for word in words if word.strip() and word not in SLIDES.values()]


def slide_choice() -> tuple[str, ...]:
    """The chosen content slides (URL ``folien``; none chosen means all).

    A link's value that names no slide (``folien=Quatsch``) gets a notice naming it, on
    the run that drops it, as the filter's ignored values do.
    """
    for word in ignored_slides(st.query_params.get_all(CHOICE_KEY)):
        st.info(
            f"„{plain(word)}“ ist keine Folie – sie wurde nicht ausgewählt. "
            f"Möglich sind: {', '.join(SLIDES.values())}.",
            icon=":material/info:",
        )
    picked = st.pills(
        "Folien",
        list(SLIDES),
        format_func=SLIDES.get,
        selection_mode="multi",
        key=CHOICE_KEY,
        bind="query-params",
        help="Die Auswahl steht in der Adresse: ein vorbereiteter Foliensatz ist ein Link. Keine Auswahl: alle.",
    )
    return chosen_slides(picked)


def _step(delta: int, count: int) -> None:
    st.session_state[SLIDE_KEY] = min(max(1, int(st.session_state.get(SLIDE_KEY) or 1) + delta), count)


def _linked_slide_beyond(count: int) -> bool:
    """True when a link opens the slides on a number past the last (``?folie=11`` of 10).

    Streamlit resets a bound number outside ``max_value`` to the first slide and drops it
    from the URL without a word; the link meant "the end", so it opens the last one. Only
    a link read for the first time counts: once the widget holds a number, it decides.
    """
    if SLIDE_KEY in st.session_state:
        return False
    try:
        return int(st.query_params.get(SLIDE_KEY, "")) > count
    except ValueError:
        return False


def current_slide(count: int) -> int:
    """Previous/next buttons (arrow keys) and the slide number bound to the URL; returns the 1-based slide."""
    if _linked_slide_beyond(count) or int(st.session_state.get(SLIDE_KEY) or 1) > count:
        st.session_state[SLIDE_KEY] = count  # the link's number or fewer slides chosen than it: the last slide
    back, number, forward = st.columns([1, 1, 1], vertical_alignment="bottom")
    back.button(
        "Zurück", icon=":material/arrow_back:", shortcut="Left", on_click=_step, args=(-1, count), width="stretch"
    )
    shown = number.number_input(
        f"Folie (von {count})", min_value=1, max_value=count, step=1, key=SLIDE_KEY, bind="query-params"
    )
    forward.button(
        "Weiter", icon=":material/arrow_forward:", shortcut="Right", on_click=_step, args=(1, count), width="stretch"
    )
    return int(shown or 1)


SLIDE_CHART_HEIGHT = 370
"""The whole slide chart in CSS pixels, axes and legend included: title, takeaway, chart, footer and the
slide's buttons fit a 1280 × 720 projector without scrolling (tests/browser/test_projector.py)."""


def _stage_spec(slide: Slide) -> ChartSpec:
    """The slide's chart in the slides' bigger type (as in the PDF and PPTX), ``SLIDE_CHART_HEIGHT`` tall in all.

    ``fit`` sizes the whole chart, not only its plot: rotated year labels or a legend on top
    take their room from the plot instead of pushing the buttons below the screen's edge.
    """
    fit = {"type": "fit", "contains": "padding"}
    return {**with_config(slide.chart or {}, SLIDE_CONFIG), "height": SLIDE_CHART_HEIGHT, "autosize": fit}


def show_slide(deck: Deck, slide: Slide, number: int) -> None:
    """One slide: big title, the takeaway, then its KPIs, chart or lines; the footer of every slide."""
    st.html(STAGE_STYLE)
    with st.container(key="slide_stage"):
        st.title(plain(slide.title), anchor=False)
        st.container(key="slide_takeaway").markdown(plain(slide.takeaway))
        if slide.key == "titel":
            lines = st.container(key="slide_lines")
            for line in slide.lines:
                if line == "Beispieldaten":
                    lines.badge("Beispieldaten", icon=":material/science:", color="orange")
                else:
                    lines.markdown(plain(line))
        elif slide.kpis:
            for start in range(0, len(slide.kpis), 4):
                for column, kpi in zip(st.columns(4, border=True), slide.kpis[start : start + 4], strict=False):
                    column.metric(
                        plain(kpi.label),
                        kpi.value,
                        kpi.change,
                        delta_color="off",
                        delta_arrow="off" if kpi.neutral else "auto",
                    )
                    if kpi.period:
                        column.caption(plain(kpi.period))
        elif slide.chart is not None:
            show_chart(_stage_spec(slide), clickable=False)
        else:
            lines = st.container(key="slide_lines")
            for line in slide.lines:
                lines.markdown(plain(f"• {line}"))
        st.caption(f"{plain(deck.footer)} · Folie {number} / {len(deck.slides)}")


def deck_downloads(deck: Deck) -> None:
    """ "Als PDF" and "Als PowerPoint": the deck on screen as a file, built only when clicked."""
    from reports.deck_pdf import deck_pdf
    from reports.deck_pptx import deck_pptx

    pdf, pptx = st.columns(2)
    pdf.download_button(
        "Als PDF",
        lambda: deck_pdf(deck),
        file_name=deck.file_name("pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        width="stretch",
    )
    pptx.download_button(
        "Als PowerPoint",
        lambda: deck_pptx(deck),
        file_name=deck.file_name("pptx"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
        on_click="ignore",
        width="stretch",
    )
