"""Markdown that renders without an error but not as its writer meant, found in one page alone.

Four slips the build publishes silently, each read where it shows: in the rendered HTML (an
admonition line shown as text, an admonition with nothing inside, a `^^`/`==`/`~~` left open, an
inline HTML element never closed) or in the source (a note's continuation indented too little
after a blank line, which Python-Markdown moves out of the note into the page's text). Each slip
is one `Slip` at its source line; refcheck/checks/structure.py words and reports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from refcheck.shape import Block, Shape

NOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
WINDOW = 200  # lines searched for each open marker, from the one before: linear in the page
CODE_SPAN = re.compile(r"(`+).*?\1")
ADMONITION_TEXT = re.compile(r"^\s*(!!!|\?\?\?\+?|///)")
# An emphasis marker of pymdownx (caret, mark, tilde) still in the text: opened (`^^word`) or closed (`word^^`).
MARKERS = {"pymdownx.caret": "^^", "pymdownx.mark": "==", "pymdownx.tilde": "~~"}
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
                    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
CONTAINERS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "blockquote",
                        "summary", "figcaption", "details", "table", "ul", "ol"})
LITERAL = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


@dataclass(frozen=True)
class Slip:
    kind: str  # admonition-text, admonition-empty, note-continuation, marker-open, element-open
    line: int
    text: str  # what was written: the line, the marker, the element's start tag; a note's label
    unclosed_quote: bool = False


def _walk(blocks: list[Block]) -> list[Block]:
    found, stack = [], list(reversed(blocks))
    while stack:
        block = stack.pop()
        found.append(block)
        stack.extend(reversed(block.children))
    return found


def admonition_slips(page: Shape, body: str, first_line: int, extensions: tuple[str, ...]) -> list[Slip]:
    """Admonition lines shown as text, and admonitions left empty by a body written right under
    the marker without indentation (a title-only admonition followed by a blank line is a choice)."""
    lines = body.split("\n")
    markers = []
    if {"admonition", "pymdownx.details"} & set(extensions):
        markers += ["!!!", "???"]
    if any(name.startswith("pymdownx.blocks") for name in extensions):
        markers.append("///")
    slips = []
    for block in _walk(page.blocks):
        if block.kind == "admonition" and block.empty:
            below = block.line - first_line + 1
            if below < len(lines) and lines[below].strip() and not lines[below][:1].isspace():
                slips.append(Slip("admonition-empty", block.line, block.title))
        elif block.kind == "paragraph" and markers:
            for line in block.title.split("\n"):
                found = ADMONITION_TEXT.match(line)
                if found and found.group(1)[:3] in markers:
                    start = block.line - first_line
                    at = next((i for i in range(start, min(len(lines), start + WINDOW)) if line.strip() in lines[i]), start)
                    slips.append(Slip("admonition-text", first_line + at, line.strip(), line.count('"') % 2 == 1))
                    break
    return slips


def note_continuation_slips(body: str, first_line: int) -> list[Slip]:
    """Lines indented one to three spaces after a blank line inside a note: they leave the note."""
    slips = []
    fence = ""
    label = ""
    blank = False
    for index, line in enumerate(body.split("\n")):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening and not label:
            fence = opening.group(1)
            continue
        if not line.strip():
            blank = True
            continue
        definition = NOTE_DEFINITION.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if definition:
            label = definition.group(1)
        elif label and blank and 0 < indent < 4 and not line.startswith("\t"):
            slips.append(Slip("note-continuation", first_line + index, label))
            label = ""
        elif blank and indent < 4 and not line.startswith("\t"):
            label = ""
        blank = False
    return slips


class _Elements(HTMLParser):
    """Inline elements opened and never closed inside the block that holds them, and open markers."""

    def __init__(self, markers: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, int]] = []  # (tag, start tag as written, its how-manieth); "" marks a container
        self.unclosed: list[tuple[str, int]] = []
        self.seen: dict[str, int] = {}
        self.literal = 0
        self.opened: list[str] = []  # each marker left open, with the word it touches
        self.marker = re.compile("|".join(
            rf"(?<![{re.escape(m[0])}]){re.escape(m)}(?=[^\s{re.escape(m[0])}])|(?<=\S){re.escape(m)}(?![\S{re.escape(m[0])}])"
            for m in markers)) if markers else None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in LITERAL:
            self.literal += 1
        if tag in CONTAINERS:
            self.stack.append(("", tag, 0))
        elif tag in INLINE:
            written = self.get_starttag_text() or f"<{tag}>"
            self.seen[written] = self.seen.get(written, 0) + 1
            self.stack.append((tag, written, self.seen[written]))

    def handle_endtag(self, tag: str) -> None:
        if tag in LITERAL and self.literal:
            self.literal -= 1
        if tag in CONTAINERS:
            if not any(kind == "" and name == tag for kind, name, _n in self.stack):
                return
            while self.stack:
                kind, written, nth = self.stack.pop()
                if kind == "" and written == tag:
                    break
                if kind:
                    self.unclosed.append((written, nth))
        elif tag in INLINE:
            for index in range(len(self.stack) - 1, -1, -1):
                kind, _name, _nth = self.stack[index]
                if kind == tag:
                    self.unclosed.extend((written, nth) for k, written, nth in self.stack[index + 1:] if k)
                    del self.stack[index:]
                    return
                if kind == "":
                    return  # a stray end tag: the HTML parser drops it

    def handle_data(self, data: str) -> None:
        if self.marker is not None and not self.literal:
            for found in self.marker.finditer(data):
                before = data[:found.start()].split()[-1:] if data[found.start() - 1:found.start()].strip() else []
                after = data[found.end():].split()[:1] if not before else []
                self.opened.append("".join(before) + found.group(0) + "".join(after))


def _prose_lines(body: str) -> list[str]:
    """The body's lines with code left out (fenced blocks, backtick spans): where markup is markup."""
    lines, fence = [], ""
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence or opening:
            if opening and (not fence or (opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence))):
                fence = "" if fence else opening.group(1)
            lines.append("")
            continue
        lines.append(CODE_SPAN.sub("", line))
    return lines


def _tags_by_line(lines: list[str]) -> dict[str, list[int]]:
    """Each start tag as written -> the lines it is written on, in order (one pass over the page:
    Python-Markdown passes inline HTML through as written, so the HTML's tag text is the source's)."""
    found: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        for tag in START_TAG.findall(line):
            found.setdefault(tag, []).append(index)
    return found


def inline_slips(page: Shape, body: str, first_line: int, extensions: tuple[str, ...]) -> list[Slip]:
    markers = tuple(marker for name, marker in MARKERS.items() if name in extensions)
    parser = _Elements(markers)
    parser.feed(page.html)
    parser.close()
    unclosed = parser.unclosed + [(written, nth) for kind, written, nth in parser.stack if kind]
    if not unclosed and not parser.opened:
        return []
    lines = _prose_lines(body)
    tags = _tags_by_line(lines) if unclosed else {}
    found = []
    for written, nth in unclosed:
        places = tags.get(written, [])
        index = places[nth - 1] if nth <= len(places) else (places[-1] if places else 0)
        found.append(Slip("element-open", first_line + index, written))
    cursor = 0
    for needle in parser.opened:
        marker = next(m for m in markers if m in needle)
        window = range(cursor, min(len(lines), cursor + WINDOW))
        index = next((i for i in window if needle in lines[i]), None)
        if index is None:
            index = next((i for i in window if marker in lines[i]), cursor)
        cursor = index
        found.append(Slip("marker-open", first_line + index, marker))
    return found


def slips(page: Shape, body: str, first_line: int, extensions: tuple[str, ...]) -> list[Slip]:
    found = admonition_slips(page, body, first_line, extensions) + inline_slips(page, body, first_line, extensions)
    if "footnotes" in extensions or "markdown.extensions.footnotes" in extensions:
        found += note_continuation_slips(body, first_line)
    return sorted(found, key=lambda slip: slip.line)
