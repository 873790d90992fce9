"""Showing database strings as text: Markdown-escaped, never HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Escape ``text`` so Streamlit's Markdown shows it literally (names from the database)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
