"""The member table as people read it: Land names, report status, one row per member (English keys)."""

from __future__ import annotations

import pandas as pd

from domain.formatting import format_number
from domain.vocabulary import STATES
from metrics.reporting import FORMER, with_report_status

MEMBER_TABLE_COLUMNS: tuple[str, ...] = (
    "name",
    "member_type",
    "state",
    "join_year",
    "leave_year",
    "population",
    "regional_network",
    "contact_point",
    "standards_met",
    "last_report_year",
    "report_due_year",
    "report_status",
)
"""Columns of the member table, in order (their German headers: ``domain.headers``; also the download's)."""


def member_table(members: pd.DataFrame, as_of_year: int) -> pd.DataFrame:
    """Turn a ``member_list`` frame into the member table shown and downloaded."""
    table = with_report_status(members, as_of_year)
    table["state"] = table["state_code"].map(STATES)
    table["regional_network"] = table["network"]
    # Years are numbers (sortable, numbers in XLSX); a gap stays a gap: the screen shows "–"
    # (``ui.tables.show_table``), a download leaves the cell empty.
    for column in ("join_year", "leave_year", "population", "standards_met", "last_report_year", "report_due_year"):
        table[column] = pd.to_numeric(table[column]).astype("Int64")
    return table[list(MEMBER_TABLE_COLUMNS)].reset_index(drop=True)


def members_by_type(active: pd.DataFrame, year: int) -> pd.DataFrame:
    """Members per type in ``year`` from an ``active_members_by_year`` frame: member_type, members."""
    in_year = active[active["year"] == year]
    return in_year.groupby("member_type", as_index=False)["members"].sum()


def _text(value: object, missing: str) -> str:
    return missing if value is None or value == "" or pd.isna(value) else str(value)


def member_facts(row: pd.Series) -> dict[str, str]:
    """The master data of one member table row as German label → text (missing values spelled out)."""
    population = None if pd.isna(row["population"]) else row["population"]
    return {
        "Art": _text(row["member_type"], "–"),
        "Land": _text(row["state"], "–"),
        "Mitglied seit": _text(row["join_year"], "–"),
        "Einwohner": format_number(population),
        "Regionalnetzwerk": _text(row["regional_network"], "keines"),
        "Kontaktstelle": _text(row["contact_point"], "keine angegeben"),
        "Vier-Jahres-Bericht": (
            "entfällt (ausgetreten)"
            if row["report_status"] == FORMER
            else f"{row['report_status']} (fällig {_text(row['report_due_year'], '–')})"
        ),
    }
