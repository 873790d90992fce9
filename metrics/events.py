"""Events as people read them: the tables (English keys), Gesundheitswochen per edition, the opening sentences."""

from __future__ import annotations

import pandas as pd

from domain.formatting import format_number
from domain.vocabulary import STATES

NETWORK_WIDE = "netzwerkweit"
"""What the member column (``name``, "Kommune") says for an event of the whole network (no member)."""

EVENT_TABLE_COLUMNS: tuple[str, ...] = (
    "start_date",
    "end_date",
    "event_type",
    "title",
    "name",
    "state",
    "participants",
    "sessions",
    "partners",
    "event_format",
)
"""Columns of the event table, in order (their German headers: ``domain.headers``; also the download's)."""

COUNT_COLUMNS: tuple[str, ...] = ("year", "event_type", "events", "participants")
"""Columns of the table behind the events chart, in order."""


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """Turn an ``event_list`` frame into the event table shown and downloaded.

    A value the data lacks (Land, Ende, Angebote, Partner, Format) stays missing, not an
    empty text: the screen shows it as "–" (``ui.tables``), a file leaves the cell empty.
    """
    table = events.copy()
    table["name"] = table["name"].fillna(NETWORK_WIDE)
    table["state"] = table["state_code"].map(STATES)
    for column in ("participants", "sessions", "partners"):
        table[column] = pd.to_numeric(table[column]).astype("Int64")
    for column in ("start_date", "end_date"):
        table[column] = pd.to_datetime(table[column])
    return table[list(EVENT_TABLE_COLUMNS)].reset_index(drop=True)


def counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Events and participants per year and type, the table behind the charts (``COUNT_COLUMNS``)."""
    return counts[list(COUNT_COLUMNS)].reset_index(drop=True)


def participants_per_year(counts: pd.DataFrame) -> pd.DataFrame:
    """Participants and events per year over all types: year, participants, events."""
    if counts.empty:
        return pd.DataFrame({"year": [], "participants": [], "events": []}, dtype="int64")
    return counts.groupby("year", as_index=False)[["participants", "events"]].sum()


def health_weeks(counts: pd.DataFrame) -> pd.DataFrame:
    """Gesundheitswochen per year with sessions and partners per edition.

    Columns: year, editions, sessions, partners, sessions_per_edition,
    partners_per_edition (rounded to one decimal). Years without a Gesundheitswoche are absent.
    """
    weeks = counts[counts["event_type"] == "Gesundheitswoche"]
    result = weeks.groupby("year", as_index=False)[["events", "sessions", "partners"]].sum()
    result = result.rename(columns={"events": "editions"})
    result["sessions_per_edition"] = (result["sessions"] / result["editions"]).round(1)
    result["partners_per_edition"] = (result["partners"] / result["editions"]).round(1)
    return result


def events_opening(counts: pd.DataFrame, year_from: int, year_to: int, total_shown: int | None = None) -> list[str]:
    """Two or three sentences on events in ``year_from..year_to``: total, the leading type, the largest change.

    ``counts`` is ``event_counts_by_year_and_type``. The change compares the last year with
    the one before; a type with no events in the last year is named as missing if it had
    events the year before.
    """
    in_range = counts[(counts["year"] >= year_from) & (counts["year"] <= year_to)]
    if in_range.empty:
        return []
    span = str(year_to) if year_from == year_to else f"{year_from} bis {year_to}"
    total = int(in_range["events"].sum())
    people = int(in_range["participants"].sum())
    sentences = [
        f"{span} fanden {format_number(total)} Veranstaltungen mit {format_number(people)} Teilnehmenden statt."
    ]
    last = in_range[in_range["year"] == year_to].set_index("event_type")["events"]
    if not last.empty:
        leader = last.sort_values(ascending=False, kind="stable").index[0]
        sentences.append(f"{year_to} war {leader} die häufigste Art ({format_number(int(last[leader]))}).")
    before = counts[counts["year"] == year_to - 1].set_index("event_type")["events"]
    if not before.empty and year_from < year_to:
        change = last.reindex(before.index.union(last.index), fill_value=0) - before.reindex(
            before.index.union(last.index), fill_value=0
        )
        largest = change.abs().sort_values(ascending=False, kind="stable").index[0]
        delta = int(change[largest])
        if delta:
            sign = "+" if delta > 0 else "−"
            sentences.append(
                f"Die größte Veränderung gegenüber {year_to - 1}: {largest} {sign}{format_number(abs(delta))}."
            )
    return sentences


def attendance_table(attendance: pd.DataFrame, active_by_year: pd.DataFrame) -> pd.DataFrame:
    """Members represented per meeting with their share of the members active that year.

    ``attendance`` is ``meeting_attendance``, ``active_by_year`` is ``active_members_by_year``
    (several rows per year: types). Columns: meeting_date, meeting, represented, members,
    share (0–1), municipal, self_help, both_sides (members represented by that side); newest first.
    """
    active = active_by_year.groupby("year")["members"].sum() if not active_by_year.empty else pd.Series(dtype=int)
    years = pd.to_datetime(attendance["start_date"]).dt.year
    members = years.map(active).fillna(0).astype("int64")
    represented = attendance["represented"].astype("int64")
    return pd.DataFrame(
        {
            "meeting_date": pd.to_datetime(attendance["start_date"]),
            "meeting": attendance["title"],
            "represented": represented,
            "members": members,
            "share": represented / members.where(members > 0),  # unrounded: one rounding, at the edge
            "municipal": attendance["municipal"].astype("int64"),
            "self_help": attendance["self_help"].astype("int64"),
            "both_sides": attendance["both_sides"].astype("int64"),
        }
    )


def attendance_by_side(table: pd.DataFrame) -> pd.DataFrame:
    """Per meeting year: year, presence ("beide Seiten", "nur Kommune", "nur Selbsthilfe"), members."""
    years = table["meeting_date"].dt.year
    parts = {
        "beide Seiten": table["both_sides"],
        "nur Kommune": table["municipal"] - table["both_sides"],
        "nur Selbsthilfe": table["self_help"] - table["both_sides"],
    }
    return pd.concat(
        [pd.DataFrame({"year": years, "presence": label, "members": counts}) for label, counts in parts.items()],
        ignore_index=True,
    )
