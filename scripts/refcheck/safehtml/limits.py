"""Limits a page must keep before it is rendered: size, nesting depth, footnotes, bracket work.

Python-Markdown's time and memory grow fast with nesting: a list nested 5,000 levels deep keeps
the build busy past ten minutes and 250 levels end in a RecursionError. The checker's own Markdown
reader (markdown-it) stops reading content nested deeper than 20 levels, so 20 is also the depth
up to which the checker sees what the build publishes. The limits are read from the Markdown text
with a single pass over its lines (no parser, so no recursion), before anything renders it.

Python-Markdown reads a link, an image, a note reference or inline HTML by searching from each `[`
or `<` towards the end of the text block for where it closes; a block of unclosed openers (60 KB
of `[`, `[a](`, `[^`, `<a `) costs the number of openers times the block's length, which grows
with the square of the block (minutes for 60 KB). So each block (text between blank lines) may do
at most MAX_BRACKET_WORK of that work: openers times characters. A paragraph of the brief does
about ten thousand; the limit is a thousand times more and keeps any page under a few seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PAGE_BYTES = 1_000_000  # the brief's longest page is about 4 KB
MAX_NESTING = 20  # markdown-it's own nesting limit
MAX_FOOTNOTES = 500  # the brief has 6 notes in all
MAX_BRACKET_WORK = 10_000_000  # `[` and `<` in a block times its characters (see above)
# One nesting marker at the start of a line: a quote `>` or a list marker (`-`, `*`, `+`, `1.`, `1)`).
_MARKER = re.compile(r"(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*")
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:", re.MULTILINE)


@dataclass(frozen=True)
class LimitBreach:
    line: int  # 1-based, in the text given
    message: str


def _width(whitespace: str) -> int:
    return len(whitespace.expandtabs(4))


def nesting(markdown: str, limit: int = MAX_NESTING) -> tuple[int, int]:
    """(deepest nesting of lists and quotes, the 1-based line where it first passes `limit`, else
    where it is deepest), read from indentation and markers."""
    deepest, deepest_line, first_past = 0, 0, 0
    indents: list[int] = []  # indentation of the enclosing list items
    for number, line in enumerate(markdown.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        if not stripped:
            continue
        indent = _width(line[: len(line) - len(stripped)])
        markers, rest = 0, stripped
        while (found := _MARKER.match(rest)) is not None:
            markers += 1
            rest = rest[found.end():]
        if markers == 0 and indent == 0:
            indents.clear()  # a paragraph at the margin ends every list
            continue
        while indents and indents[-1] > indent:
            indents.pop()
        if markers and (not indents or indents[-1] < indent):
            indents.append(indent)
        depth = len(indents) + max(markers - 1, 0)
        if depth > limit and not first_past:
            first_past = number
        if depth > deepest:
            deepest, deepest_line = depth, number
    return deepest, first_past or deepest_line


def breaches(markdown: str, size_in_bytes: int | None = None) -> list[LimitBreach]:
    """Every limit the page passes, with the line that passes it."""
    found = []
    size = size_in_bytes if size_in_bytes is not None else len(markdown.encode("utf-8", "replace"))
    if size > MAX_PAGE_BYTES:
        found.append(LimitBreach(1, f"the page is {size:,} bytes (limit {MAX_PAGE_BYTES:,}): split it into several pages"))
    depth, line = nesting(markdown)
    if depth > MAX_NESTING:
        found.append(LimitBreach(line, f"lists and quotes are nested {depth} levels deep (limit {MAX_NESTING}): flatten them"))
    line, work = bracket_work(markdown)
    if work > MAX_BRACKET_WORK:
        found.append(LimitBreach(line, f"the text block starting here has too many `[` and `<` for its length "
                                       f"({work:,} units of work, limit {MAX_BRACKET_WORK:,}): close the brackets, "
                                       "write them as \\[ and &lt;, or split the block with blank lines"))
    definitions = list(_FOOTNOTE_DEFINITION.finditer(markdown))
    if len(definitions) > MAX_FOOTNOTES:
        line = markdown.count("\n", 0, definitions[MAX_FOOTNOTES].start()) + 1
        found.append(LimitBreach(line, f"the page defines {len(definitions)} footnotes (limit {MAX_FOOTNOTES}): split it into several pages"))
    return found


def bracket_work(markdown: str) -> tuple[int, int]:
    """(1-based line where the costliest block starts, its openers times its characters): one pass."""
    worst_line, worst = 1, 0
    start_line, openers, length = 1, 0, 0
    for number, line in enumerate(markdown.split("\n"), start=1):
        if not line.strip():
            if openers * length > worst:
                worst_line, worst = start_line, openers * length
            start_line, openers, length = number + 1, 0, 0
            continue
        openers += line.count("[") + line.count("<")
        length += len(line) + 1
    if openers * length > worst:
        worst_line, worst = start_line, openers * length
    return worst_line, worst
