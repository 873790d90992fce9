"""Showing database strings as text: Markdown-escaped, never HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$#:])")
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)")


def plain(text: str) -> str:
    """Escape ``text`` so Streamlit's Markdown shows it literally (names from the database).

    Escapes what Markdown and Streamlit's directives (``:red[…]``, ``:material/…:``) act
    on anywhere, and list markers at the start; hyphens inside words stay as they are.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A bullet is escaped itself; an ordered-list marker ("157.") by its period, since a
    # backslash before a digit is not an escape in Markdown and would show.
    return _LINE_START.sub(
        lambda match: match.group(1) + ("\\" + match.group(2) if match.group(2) else match.group(3) + "\\."), escaped
    )
