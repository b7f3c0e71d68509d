"""Text from a page, a file name or front matter, made safe to print: control characters visible.

A file name or a page's text may hold terminal escape sequences (ESC ] 52 writes the clipboard,
ESC ] 0 the window title, ESC [ 2 J clears the screen), a carriage return or line break that forges
another finding's line, or a bidirectional control that reorders what the maintainer reads. Each
such character is printed as its escape (`\\x1b`, `\\n`, `\\u202e`), in every format that is read by
a person: text, GitHub annotations, Markdown summaries. In Markdown, a code span is fenced with more
backticks than the text holds, so a backtick in a page name cannot end it.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BACKTICKS = re.compile("`+")


def _escape(found: re.Match[str]) -> str:
    character = found.group(0)
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """`text` with every control character written as its escape; other text unchanged."""
    return _CONTROLS.sub(_escape, text)


def visible_lines(text: str) -> str:
    """Several lines of output, each line's control characters visible (the line breaks kept)."""
    return "\n".join(visible(line) for line in text.split("\n"))


def code_span(text: str) -> str:
    """`text` as a Markdown code span that no backtick inside it can close, controls visible."""
    text = visible(text)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{padding}{text}{padding}{fence}"
