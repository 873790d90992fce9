"""Showing database strings as text: Markdown-escaped, never HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$#:&])")
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD_JOINER = "\u2060"
"""Invisible, zero-width: put inside what GitHub-flavoured Markdown would turn into a link."""
_AUTOLINK = re.compile(r"(?i)\b(https?)(?=://[-\w]*\.)|\b(www)(?=\.)|(@)(?=[-\w]+\.)")


def plain(text: str) -> str:
    """Escape ``text`` so Streamlit's Markdown shows it literally (names from the database).

    Escapes what Markdown and Streamlit's directives (``:red[…]``, ``:material/…:``) act
    on anywhere, ``&`` (so ``&lt;`` stays as typed), and list markers at the start;
    hyphens inside words stay as they are. Line breaks become spaces and leading
    whitespace goes: headings, lists, quotes and code blocks need a line of their own or
    an indent, and a name is one line of text.

    A backslash cannot stop GitHub-flavoured Markdown from linking a bare web or e-mail
    address (it links the text after escapes are resolved: ``http\\://a.de`` is still a
    link, seen in Chromium with Streamlit 1.67), so a :data:`WORD_JOINER` goes after
    ``http``/``https``, ``www`` and ``@`` where a link would start. Only there: GFM links a
    scheme only before a domain with a dot, so ``http://x`` stays as typed.
    """
    text = _LINE_BREAK.sub(" ", text).lstrip()
    text = _AUTOLINK.sub(lambda match: match.group(0) + WORD_JOINER, text)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A bullet is escaped itself; an ordered-list marker ("157." or "1)") by its period or parenthesis, since a
    # backslash before a digit is not an escape in Markdown and would show.
    return _LINE_START.sub(
        lambda match: (
            match.group(1) + ("\\" + match.group(2) if match.group(2) else match.group(3) + "\\" + match.group(4))
        ),
        escaped,
    )
