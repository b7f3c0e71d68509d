"""A page's rendered structure, block by block, each block placed at its Markdown line.

The structure rules (refcheck/checks/structure.py) judge what readers get: the HTML Python-Markdown
renders with the project's `markdown_extensions` (refcheck/safehtml/render.py, as MkDocs builds
it), not what another parser makes of the page. The HTML carries no source lines, so each block is
placed by its text: blocks come in the page's order, so each is looked for from the line of the
block before it, by the first word it shows (a heading's, a paragraph's, a table's first cell, a
code block's first line), an admonition by its `!!!`/`???` marker. Notes, which the HTML moves to
the foot of the page, are placed at their `[^label]:` definitions. Each look-up reads at most
`SEARCH_WINDOW` lines, so the cost grows with the page, not with its square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

SEARCH_WINDOW = 200
MAX_DEPTH = 40  # blocks nested deeper are not read (both pages alike); recursion stays bounded
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
WORD = re.compile(r"\w[\w'’-]*")
NOTE_ID = re.compile(r"fn:(.+)")
BLOCK_START = re.compile(r"\s*(?:#|>|\||[-*+]\s|\d+[.)]\s|!!!|\?\?\?|///|```|~~~|<)")
CODE_START = re.compile(r"\s*(?:`{3,}|~{3,})")
HEADING_LINE = re.compile(r"\s{0,3}#{1,6}(?:\s|$)")
SETEXT = re.compile(r"\s{0,3}(?:=+|-+)\s*$")
ADMONITION_MARKER = re.compile(r"^\s*(?:!!!|\?\?\?\+?|///)")
SKIPPED = {"script", "style", "hr", "br"}
BLOCK_TAGS = {"p", "ul", "ol", "div", "details", "table", "pre", "blockquote", "dl", "figure", "section",
              "article", "aside", "nav", "form", "fieldset", "center", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Block:
    """One rendered block: its kind, what must match across languages, what it holds, and its line."""

    kind: str  # heading, paragraph, list, item, admonition, table, code, quote, html, definitions
    detail: tuple = ()  # heading: (level,); list: (ordered,); admonition: (kind, titled); table: (rows, columns)
    children: list["Block"] = field(default_factory=list)
    probe: str = ""  # the text that finds the block in the source
    images: int = 0
    title: str = ""  # a heading's or a paragraph's text, an admonition's title
    anchor: str = ""  # a heading's id
    line: int = 0
    empty: bool = False  # an admonition with a title and nothing in it

    def signature(self) -> tuple:
        """What a translation must keep (the words are the translator's; titles too)."""
        return (self.kind, self.detail, self.images, self.empty, tuple(c.signature() for c in self.children))


@dataclass(frozen=True)
class Note:
    label: str
    paragraphs: int
    addresses: frozenset[str]


@dataclass(frozen=True)
class Shape:
    blocks: list[Block]
    notes: dict[str, Note]
    html: str


def _children(node: LexborNode) -> list[LexborNode]:
    found = []
    child = node.child
    while child is not None:
        if child.tag and not child.tag.startswith("-"):
            found.append(child)
        child = child.next
    return found


def _text(node: LexborNode) -> str:
    parts = []
    stack = [node]
    while stack:
        current = stack.pop()
        tag = current.tag or ""
        if tag == "-text":
            parts.append(current.text_content or "")
            continue
        if tag.startswith("-"):
            continue
        if tag == "sup" or "headerlink" in (current.attributes.get("class") or ""):
            continue  # note marks and permalinks are the renderer's, not the page's text
        children = []
        child = current.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
    return "".join(parts)


def _probe(text: str) -> str:
    found = WORD.search(text)
    return found.group(0) if found else ""


def _images(node: LexborNode) -> int:
    return len(node.css("img"))


def _block(node: LexborNode, depth: int) -> Block | None:
    tag = node.tag or ""
    classes = (node.attributes.get("class") or "").split()
    if tag in SKIPPED or tag == "summary" or "admonition-title" in classes:
        return None  # an admonition's title is read with the admonition
    if tag in HEADINGS:
        text = _text(node).strip()
        return Block("heading", (HEADINGS[tag],), probe=_probe(text), title=text, anchor=node.attributes.get("id") or "")
    if tag == "p":
        text = _text(node)
        image = node.css_first("img")
        probe = _probe(text) or (image.attributes.get("src") or "" if image is not None else "")
        return Block("paragraph", probe=probe, images=_images(node), title=text.strip())
    if tag in ("ul", "ol"):
        items = [_item(child, depth) for child in _children(node) if child.tag == "li"]
        return Block("list", (tag == "ol",), items, probe=items[0].probe if items else "")
    if tag in ("div", "details") and ("admonition" in classes or tag == "details"):
        return _admonition(node, classes, depth)
    if tag == "table":
        rows = node.css("tr")
        columns = max((len([c for c in _children(row) if c.tag in ("td", "th")]) for row in rows), default=0)
        first = node.css_first("th, td")
        return Block("table", (len(rows), columns), probe=_probe(_text(first)) if first is not None else "")
    if tag == "pre" or (tag == "div" and "highlight" in classes):
        code = _text(node)
        language = next((c for c in classes if c.startswith("language-")), "")
        return Block("code", (language,), probe=_probe(code))
    if tag == "blockquote":
        inner = _blocks(node, depth + 1)
        return Block("quote", (), inner, probe=inner[0].probe if inner else "")
    if tag == "dl":
        return Block("definitions", (len([c for c in _children(node) if c.tag == "dt"]),), probe=_probe(_text(node)))
    inner = _blocks(node, depth + 1)
    return Block("html", (tag,), inner, probe=_probe(_text(node)), images=0 if inner else _images(node))


def _item(node: LexborNode, depth: int) -> Block:
    inner = _blocks(node, depth + 1)
    return Block("item", (), inner, probe=inner[0].probe if inner else "")


def _admonition(node: LexborNode, classes: list[str], depth: int) -> Block:
    title_node = next((child for child in _children(node) if child.tag == "summary" or (
        child.tag == "p" and "admonition-title" in (child.attributes.get("class") or "").split())), None)
    kinds = [c for c in classes if c not in ("admonition", "inline", "end")]
    inner = _blocks(node, depth + 1)
    title = _text(title_node).strip() if title_node is not None else ""
    return Block("admonition", (kinds[0] if kinds else node.tag or "", title_node is not None), inner,
                 probe="", title=title, empty=title_node is not None and not inner)


def _inline_paragraph(run: list[LexborNode]) -> Block | None:
    """Text and inline elements standing where blocks are (a tight list item's text): one paragraph."""
    text = "".join(_text(node) for node in run)
    if not text.strip() and not any(node.tag == "img" or node.css_first("img") for node in run if node.tag != "-text"):
        return None
    images = sum(1 if node.tag == "img" else _images(node) for node in run if node.tag != "-text")
    return Block("paragraph", probe=_probe(text), images=images, title=text.strip())


def _blocks(node: LexborNode, depth: int = 0) -> list[Block]:
    if depth > MAX_DEPTH:  # raw HTML may nest deeper than the page limits allow lists and quotes
        return []
    found: list[Block] = []
    run: list[LexborNode] = []
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text" or (tag and not tag.startswith("-") and tag not in BLOCK_TAGS and tag not in SKIPPED):
            run.append(child)
        elif tag in BLOCK_TAGS and not (tag == "div" and "footnote" in (child.attributes.get("class") or "").split()):
            paragraph = _inline_paragraph(run) if run else None
            if paragraph is not None:
                found.append(paragraph)
            run = []
            block = _block(child, depth)
            if block is not None:
                found.append(block)
        child = child.next
    paragraph = _inline_paragraph(run) if run else None
    if paragraph is not None:
        found.append(paragraph)
    return found


def _notes(body: LexborNode) -> dict[str, Note]:
    notes = {}
    for item in body.css("div.footnote > ol > li"):
        match = NOTE_ID.fullmatch(item.attributes.get("id") or "")
        if match is None:
            continue
        addresses = frozenset(a.attributes.get("href") or "" for a in item.css("a")
                              if (a.attributes.get("href") or "").startswith(("http://", "https://")))
        paragraphs = len(_children(item)) or 1
        notes[match.group(1)] = Note(match.group(1), paragraphs, addresses)
    return notes


class _Locator:
    """Finds each block's line by its probe, searching forward from the block before it, among the
    lines where a block can begin (after a blank line, or behind a block's marker)."""

    def __init__(self, body: str, first_line: int) -> None:
        self.lines = body.split("\n")
        self.first_line = first_line
        self.starts = [index == 0 or not self.lines[index - 1].strip() or bool(BLOCK_START.match(line))
                       or bool(BLOCK_START.match(self.lines[index - 1]) and HEADING_LINE.match(self.lines[index - 1]))
                       for index, line in enumerate(self.lines)]

    def find(self, probe: str, start: int, kind: str, first: bool) -> int | None:
        """Index (0-based, in the body) of the first line from `start` holding the probe."""
        for index in range(max(start, 0), min(len(self.lines), start + SEARCH_WINDOW)):
            line = self.lines[index]
            if kind == "admonition":
                if ADMONITION_MARKER.match(line):
                    return index
            elif kind == "code":
                if CODE_START.match(line) or (line.startswith("    ") and self.starts[index]):
                    return index
                continue
            elif kind == "table" and not ("|" in line or line.lstrip().startswith("<")):
                continue
            elif kind == "heading" and not HEADING_LINE.match(line) and not (
                    index + 1 < len(self.lines) and SETEXT.match(self.lines[index + 1])):
                continue
            elif probe and probe in line and (self.starts[index] or (first and index == start)):
                return index
        return None

    def place(self, blocks: list[Block], start: int, same_line: bool) -> int:
        """Give each block its file line; returns the body index of the last block placed."""
        at = start if same_line else start + 1
        last = start
        for number, block in enumerate(blocks):
            found = self.find(block.probe, at, block.kind, first=same_line and number == 0)
            index = found if found is not None else min(at, len(self.lines) - 1)
            block.line = self.first_line + max(index, 0)
            if block.children:
                index = max(index, self.place(block.children, index, same_line=block.kind != "admonition"))
            last = max(index, 0)
            at = last + 1
        return last


def shape(html: str, body: str, first_line: int) -> Shape:
    """The structure of a page: `html` rendered from `body`, the Markdown that starts at `first_line`."""
    root = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>").body
    if root is None:
        return Shape([], {}, html)
    blocks = _blocks(root)
    _Locator(body, first_line).place(blocks, -1, same_line=False)
    return Shape(blocks, _notes(root), html)
