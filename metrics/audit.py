"""The audit log as a table in German words: when, who, what, and for a change only the fields that changed."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pandas as pd

BERLIN = ZoneInfo("Europe/Berlin")
ACTIONS = {"insert": "neu", "update": "geändert", "delete": "gelöscht", "demo": "Beispieldaten geladen"}
TABLES = {
    "members": "Mitglieder",
    "events": "Veranstaltungen",
    "self_help_counts": "Selbsthilfe",
    "standard_assessments": "Mindeststandards",
    "regional_networks": "Regionalnetzwerke",
    "user_accounts": "Konten",
    "*": "alle Daten",
}


def table_label(table_name: str) -> str:
    """The German name of an audited table (the technical name if there is none)."""
    return TABLES.get(table_name, table_name)


def _values(text: str | None) -> dict:
    return json.loads(text) if isinstance(text, str) and text else {}  # a gap may arrive as NaN


def _text(value: object) -> str:
    return "leer" if value is None or value == "" else str(value)


def describe_change(action: str, old_text: str | None, new_text: str | None) -> str:
    """One line: the changed fields "feld: alt → neu" for an update, all values for an insert or delete."""
    old, new = _values(old_text), _values(new_text)
    if action == "update":
        changed = [name for name in new if old.get(name) != new.get(name)]
        return "; ".join(f"{name}: {_text(old.get(name))} → {_text(new.get(name))}" for name in changed)
    shown = new or old
    return "; ".join(f"{name}: {_text(value)}" for name, value in shown.items() if value not in (None, ""))


def audit_table(entries: pd.DataFrame) -> pd.DataFrame:
    """``audit_entries`` as shown and downloaded (Berlin time, one line per change).

    Columns: occurred_at, actor, action, area, natural_key, change, source.
    """
    moments = pd.to_datetime(entries["occurred_at"], utc=True).dt.tz_convert(BERLIN).dt.tz_localize(None)
    return pd.DataFrame(
        {
            "occurred_at": moments,
            "actor": entries["actor"],
            "action": entries["action"].map(ACTIONS).fillna(entries["action"]),
            "area": entries["table_name"].map(table_label),
            "natural_key": entries["natural_key"],
            "change": [
                describe_change(action, old, new)
                for action, old, new in zip(
                    entries["action"], entries["old_values"], entries["new_values"], strict=True
                )
            ],
            "source": entries["source"],
        }
    )
