"""Charts about events: pure builders (data in, :class:`Figure` out; no Streamlit, no SQL)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import ClickTarget, Figure, named
from charts.german import count_axis, count_scale, german
from charts.members import YEAR_AXIS
from domain.vocabulary import EVENT_TYPES
from metrics.events import NETWORK_WIDE

EVENT_TYPE_SELECTION = "art_auswahl"
EVENT_TYPE_CLICK = ClickTarget(EVENT_TYPE_SELECTION, "event_type", "veranstaltung")
"""A click on a bar filters by its event type."""
"""Name of the click selection on event types; its field ``event_type`` feeds the ``veranstaltung`` key."""

TYPE_COLOURS = [
    "#0b6e4f", "#3d8fd1", "#e07a1f", "#8e5bb5", "#c43d5a",
    "#5b8c2a", "#1f4e79", "#b5651d", "#6c757d", "#d4a017",
]  # fmt: skip
EVENT_TYPE_SCALE = alt.Scale(domain=list(EVENT_TYPES), range=TYPE_COLOURS)


def _events_per_year(selectable: bool) -> alt.TopLevelMixin:
    chart = (
        alt.Chart(named("counts"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("events:Q", title="Veranstaltungen", axis=count_axis(), scale=count_scale()),
            color=alt.Color(
                "event_type:N",
                title="Art",
                scale=EVENT_TYPE_SCALE,
                # Beside the bars on a full-width page, below them in a half-width column (Steckbrief).
                legend=alt.Legend() if selectable else alt.Legend(orient="bottom", columns=2, labelLimit=180),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("event_type:N", title="Art"),
                alt.Tooltip("events:Q", title="Veranstaltungen", format=",d"),
                alt.Tooltip("participants:Q", title="Teilnehmende", format=",d"),
            ],
        )
        .properties(height=320)
    )
    if selectable:
        selection = alt.selection_point(name=EVENT_TYPE_SELECTION, fields=["event_type"], on="click")
        chart = chart.add_params(selection).encode(
            opacity=alt.OpacityValue(0.6, condition={"param": EVENT_TYPE_SELECTION, "value": 1.0, "empty": True})
        )
    return german(chart)


def events_per_year(counts: pd.DataFrame, selectable: bool = True) -> Figure:
    """Events per year stacked by type (``event_counts_by_year_and_type``); a click selects a type."""
    return Figure(
        _events_per_year,
        (selectable,),
        {"counts": counts[["year", "event_type", "events", "participants"]].reset_index(drop=True)},
        EVENT_TYPE_CLICK if selectable else None,
    )


def _participants_per_year() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("participants"))
        .mark_bar(color="#3d8fd1")
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("participants:Q", title="Teilnehmende", axis=count_axis(), scale=count_scale()),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("participants:Q", title="Teilnehmende", format=",d"),
                alt.Tooltip("events:Q", title="Veranstaltungen", format=",d"),
            ],
        )
        .properties(height=240)
    )


def participants_per_year(per_year: pd.DataFrame) -> Figure:
    """Participants per year over all types (``metrics.events.participants_per_year``)."""
    return Figure(_participants_per_year, (), {"participants": per_year[["year", "participants", "events"]]})


def _health_weeks() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("weeks"))
        .transform_fold(["sessions_per_edition", "partners_per_edition"], as_=["measure", "value"])
        .transform_calculate(
            label="datum.measure === 'sessions_per_edition' ? 'Angebote je Woche' : 'Partner je Woche'"
        )
        .mark_line(point=True)
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("value:Q", title="je Gesundheitswoche", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(domain=["Angebote je Woche", "Partner je Woche"], range=["#0b6e4f", "#e07a1f"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("editions:Q", title="Gesundheitswochen", format=",d"),
                alt.Tooltip("label:N", title="Kennzahl"),
                alt.Tooltip("value:Q", title="Wert", format=",.1f"),
            ],
        )
        .properties(height=240)
    )


def health_weeks(weeks: pd.DataFrame) -> Figure:
    """Sessions (Angebote) and partners per Gesundheitswoche by year (``metrics.events.health_weeks``)."""
    columns = ["year", "editions", "sessions_per_edition", "partners_per_edition"]
    return Figure(_health_weeks, (), {"weeks": weeks[columns].reset_index(drop=True)})


def _timeline() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("events"))
        .mark_circle(opacity=0.7)
        .encode(
            x=alt.X("start_date:T", title="Datum", axis=alt.Axis(format="%b %Y")),
            # Only the types that have events, in the vocabulary's order: a fixed domain of all
            # ten kept nine empty rows when one type was selected.
            y=alt.Y("event_type:N", title=None, sort=list(EVENT_TYPES)),
            color=alt.Color("event_type:N", scale=EVENT_TYPE_SCALE, legend=None),
            size=alt.Size("participants:Q", scale=alt.Scale(type="sqrt", range=[10, 300]), legend=None),
            tooltip=[
                alt.Tooltip("start_date:T", title="Beginn", format="%d.%m.%Y"),
                alt.Tooltip("title:N", title="Titel"),
                alt.Tooltip("name:N", title="Kommune"),
                alt.Tooltip("participants:Q", title="Teilnehmende", format=",d"),
            ],
        )
        .properties(height=alt.Step(30))
    )


def timeline(events: pd.DataFrame) -> Figure:
    """The listed events on a time axis, one row per type, sized by participants (``event_list``)."""
    rows = events[["start_date", "event_type", "title", "name", "participants"]].copy()
    rows["start_date"] = pd.to_datetime(rows["start_date"])
    rows["name"] = rows["name"].fillna(NETWORK_WIDE)
    return Figure(_timeline, (), {"events": rows.reset_index(drop=True)})


PRESENCE_SCALE = alt.Scale(
    domain=["beide Seiten", "nur Kommune", "nur Selbsthilfe"], range=["#0b6e4f", "#3d8fd1", "#e07a1f"]
)


def _meeting_attendance() -> alt.TopLevelMixin:
    return german(
        alt.Chart(named("presence"))
        .mark_bar()
        .encode(
            x=YEAR_AXIS,
            y=alt.Y("members:Q", title="vertretene Mitglieder", axis=count_axis(), scale=count_scale()),
            color=alt.Color("presence:N", title=None, scale=PRESENCE_SCALE, legend=alt.Legend(orient="top")),
            order=alt.Order("presence:N"),
            tooltip=[
                alt.Tooltip("year:O", title="Jahr"),
                alt.Tooltip("presence:N", title="Vertreten durch"),
                alt.Tooltip("members:Q", title="Mitglieder", format=",d"),
            ],
        )
        .properties(height=260)
    )


def meeting_attendance(presence: pd.DataFrame) -> Figure:
    """Members represented at each Mitgliederversammlung, by side (``metrics.events.attendance_by_side``)."""
    return Figure(_meeting_attendance, (), {"presence": presence.reset_index(drop=True)})
