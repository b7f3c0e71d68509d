"""The prose of a Markdown page, with the line and column of every piece, for the glossary and
spelling rules and for counting the words a translator has to translate.

Prose is what a reader reads as sentences: paragraphs, headings, list items, notes, admonition
titles, and the `title`/`description` of the front matter. Left out: code, raw HTML, addresses
(link targets, autolinks, bare domains), paths and code-like tokens, attribute lists such as
`{ #the-brief }`, and the pymdownx markup that CommonMark reads as text (refcheck/mdsource/markup.py:
`/// tip | Title` keeps its title only, `{* file hl[1] *}` and `--8<--` lines go). Pieces that
are usually the names of cited works are kept but marked `cited`: text in *emphasis* (titles of
works are set in italics) and the text of links to other sites. So is text the author marked with a
language, as a quotation in it: `<span lang="en">...</span>`, or Python-Markdown's attribute list
`{ lang=en }` after an emphasis or a link, at the end of a heading, or on the last line of a paragraph.

The checker's extraction (`refcheck.extract`) gives every page's blocks as part of its facts,
from the markdown-it tokens it parses anyway; `blocks(markdown)` parses a page the same way for the
translator's commands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.mdsource import markup

# pymdownx.caret's `^^insert^^` marks.
_CARET = re.compile(r"\^\^")
# Python-Markdown's attribute lists (attr_list): ending a heading, starting the text right after an
# inline element, or alone on the last line of a paragraph. They are markup, not prose.
_HEADING_ATTRS = re.compile(r"[ ]+\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_INLINE_ATTRS = re.compile(r"^\{\:?[ ]*([^\}\n ][^\n]*)\}")
_BLOCK_ATTRS = re.compile(r"^[ ]*\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_HTML_TAG = re.compile(r"^<(/?)([A-Za-z][\w-]*)([^>]*?)(/?)>$")
_LANG_ATTRIBUTE = re.compile(r"""\blang\s*=\s*["']?[A-Za-z]""")
_VOID_TAGS = frozenset({"br", "img", "hr", "wbr", "input", "source", "track", "area", "col", "embed", "meta", "link"})
# A word: letters, with inner apostrophes or hyphens (mexico’s, gender-based, sexual-and).
# A letter, with any combining marks after it: text in decomposed form (NFD, "ma" + U+0301 + "s")
# stays one word; spelling compares words in composed form (NFC).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTERS = rf"(?:[^\W\d_][{_MARKS}]*)+"
WORD = re.compile(rf"{_LETTERS}(?:['’\-]{_LETTERS})*")
# Things that are no words: addresses and domains (supportkind.org, gob.mx/difnacional), U.N.T.S.,
# paths (../docs_src/app.py, /docs), and code written without backticks: names_with_underscores,
# calls(), key=value.
# (An address, and a name with underscores, is looked for from where its run of characters starts
# only: the same matches, without trying again from each of its letters, so a long word costs its length.)
_NOT_PROSE = re.compile(r"(?<!\S)\S*(?:https?://|www\.)\S*|\b[\w-]+(?:\.[\w-]+)+(?:/\S*)?|\b(?:[A-Za-z]\.){2,}"
                        r"|(?<!\S)(?:\.{1,2}|~)?/\S*|(?<!\w)\w*[^\W_]_\w+|\b\w+\(\)|\b\w+=\S*")


@dataclass(frozen=True)
class Piece:
    text: str
    line: int  # 1-based line of the file
    column: int | None  # 1-based column, when the text was found on that line
    cited: bool = False  # in emphasis, in the text of an external link, or marked with a language


@dataclass(frozen=True)
class Block:
    """The prose of one paragraph, heading or list item, as pieces in reading order."""

    pieces: tuple[Piece, ...]

    @property
    def line(self) -> int:
        return self.pieces[0].line if self.pieces else 1

    def text(self, cited: bool = True) -> str:
        return "".join(p.text if (cited or not p.cited) else " " * len(p.text) for p in self.pieces)

    def locate(self, offset: int) -> tuple[int, int | None]:
        """(line, column) of a character offset in `text()`."""
        position = 0
        for piece in self.pieces:
            if offset < position + len(piece.text):
                column = piece.column + (offset - position) if piece.column is not None else None
                return piece.line, column
            position += len(piece.text)
        last = self.pieces[-1] if self.pieces else Piece("", 1, None)
        return last.line, None


def _external(href: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href)) or href.startswith("//")


class _Columns:
    """Finds each piece of text on its source line, left to right."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cursor: dict[int, int] = {}

    def find(self, line: int, text: str) -> int | None:
        if not text.strip() or not 1 <= line <= len(self.lines):
            return None
        source = self.lines[line - 1]
        start = self.cursor.get(line, 0)
        found = source.find(text, start)
        if found < 0:
            found = source.find(text)
        if found < 0:
            return None
        self.cursor[line] = found + len(text)
        return found + 1


# Pages parsed here, by text (the checker's rules take each page's blocks from its facts, which
# the extraction made from the tokens it parsed anyway; this is for the translator's commands).
_parsed: dict[str, tuple[Block, ...]] = {}


def blocks(markdown: str) -> tuple[Block, ...]:
    """The prose blocks of a page, in order."""
    found = _parsed.get(markdown)
    if found is None:
        found = _parsed[markdown] = _parse(markdown)
    return found


def _parse(markdown: str) -> tuple[Block, ...]:
    from refcheck.mdsource.mdparser import parser  # the same Markdown reading as the checker's

    text = markdown.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return blocks_from_tokens(text, parser().parse(text, {}))


def blocks_from_tokens(text: str, tokens: list) -> tuple[Block, ...]:
    """The prose blocks of a page already parsed (`text` with `\n` line ends, its markdown-it tokens)."""
    lines = text.split("\n")
    columns = _Columns(lines)
    result: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            result += _front_matter_blocks(token.content, columns)
        elif token.type == "inline" and token.map is not None:
            heading = index > 0 and tokens[index - 1].type == "heading_open"
            pieces = _inline_pieces(token, token.map[0] + 1, columns, heading)
            if any(p.text.strip() for p in pieces):
                result.append(Block(tuple(pieces)))
    return tuple(result)


def _front_matter_blocks(content: str, columns: _Columns) -> list[Block]:
    """`title` and `description` of the front matter: shown to readers and translated."""
    import yaml

    from refcheck.mdsource import yamlsafe  # safe_load's data, with the limits on nesting and aliases

    try:
        data = yamlsafe.load_plain(content)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    found = []
    for key in ("title", "description"):
        value = data.get(key)
        if not isinstance(value, str):
            continue
        line = next((i + 2 for i, raw in enumerate(content.split("\n")) if raw.startswith(f"{key}:")), None)
        if line is None:
            continue  # set some other way (a YAML merge key): no line of its own to read words from
        pieces = []
        for word_line in range(line, line + content.count("\n") + 1):
            if word_line - 1 >= len(columns.lines):
                break
            raw = columns.lines[word_line - 1]
            if word_line > line and (not raw.startswith((" ", "\t")) or raw.strip() == "---"):
                break
            part = raw.split(":", 1)[1] if word_line == line else raw
            part = part.strip().lstrip(">|-").strip().strip("'\"")
            if part:
                pieces.append(Piece(part, word_line, columns.find(word_line, part)))
                pieces.append(Piece(" ", word_line, None))
        if pieces:
            found.append(Block(tuple(pieces)))
    return found


def _marks_language(attributes: str) -> bool:
    """Whether an attribute list (`lang=en #id .class`) gives a language."""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    pairs, _ = get_attrs_and_remainder(attributes)
    return any(name == "lang" and value for name, value in pairs)


def _cite(pieces: list[Piece], start: int) -> None:
    """Mark pieces[start:] as cited (text in another language, declared by its author)."""
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if not piece.cited:
            pieces[index] = Piece(piece.text, piece.line, piece.column, True)


def _inline_pieces(token, first_line: int, columns: _Columns, heading: bool) -> list[Piece]:
    pieces: list[Piece] = []
    line = first_line
    emphasis = 0
    link_stack: list[str] = []  # "external", "internal" or "autolink"
    html_stack: list[tuple[str, bool]] = []  # open inline HTML tags: (name, gives a language)
    element_start: list[int] = []  # where the pieces of each open emphasis or link begin
    last_element: int | None = None  # where the pieces of the element just closed begin
    children = list(token.children or [])
    options = False  # the lines so far are a pymdownx.blocks opener and its options
    for position, child in enumerate(children):
        kind = child.type
        closed = None
        if kind in ("softbreak", "hardbreak"):
            pieces.append(Piece(" ", line, None))
            line += 1
        elif kind == "em_open":
            emphasis += 1
            element_start.append(len(pieces))
        elif kind == "em_close":
            emphasis = max(0, emphasis - 1)
            closed = element_start.pop() if element_start else None
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if child.markup == "autolink" or child.info == "auto":
                link_stack.append("autolink")
            else:
                link_stack.append("external" if _external(href) else "internal")
            element_start.append(len(pieces))
        elif kind == "link_close":
            if link_stack:
                link_stack.pop()
            closed = element_start.pop() if element_start else None
        elif kind == "text":
            if "autolink" in link_stack:
                continue
            content = _CARET.sub("", child.content)
            attributes = _INLINE_ATTRS.match(content) if last_element is not None else None
            if attributes:  # `*Title*{ lang=en }`: the attributes of the element just closed
                if _marks_language(attributes.group(1)):
                    _cite(pieces, last_element)
                content = content[attributes.end():]
            whole_block = False
            if child is children[-1]:
                trailing = _HEADING_ATTRS.search(content) if heading else None
                if trailing is None and position > 0 and children[position - 1].type == "softbreak":
                    trailing = _BLOCK_ATTRS.match(content)
                if trailing:  # the attributes of the heading or of the paragraph
                    whole_block = _marks_language(trailing.group(1))
                    content = content[: trailing.start()] if heading else ""
            if content:
                marked = emphasis > 0 or "external" in link_stack or any(lang for _, lang in html_stack)
                column = columns.find(line, content)
                line_start = not attributes and (position == 0 or children[position - 1].type in ("softbreak", "hardbreak"))
                pieces.append(Piece(markup.blank(content, line_start, options), line, column, marked))
                if line_start:
                    options = markup.opens_block(content) or (options and markup.is_block_option(content))
            if whole_block:
                _cite(pieces, 0)
        elif kind in ("code_inline", "image"):
            closed = len(pieces)
            pieces.append(Piece(" ", line, None))  # a word boundary, not a word
        elif kind == "html_inline":
            pieces.append(Piece(" ", line, None))  # a word boundary, not a word
            closed = _html_tag(child.content, html_stack, pieces)
        elif kind == "footnote_ref":
            pieces.append(Piece(" ", line, None))
        last_element = closed
    return pieces


def _html_tag(tag: str, stack: list[tuple[str, bool]], pieces: list[Piece]) -> int | None:
    """Follow inline HTML's open tags, for `<span lang="en">`; no element closes here for attr_list."""
    match = _HTML_TAG.match(tag.strip())
    if match is None:
        return None
    closing, name, attributes, self_closing = match.groups()
    name = name.lower()
    if closing:
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                del stack[index:]
                break
    elif not self_closing and name not in _VOID_TAGS:
        stack.append((name, bool(_LANG_ATTRIBUTE.search(attributes))))
    return None


def words(text: str) -> list[tuple[int, str]]:
    """(offset, word) for every word of a piece of prose; addresses and domains are no words."""
    cleaned = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.start(), m.group(0)) for m in WORD.finditer(cleaned)]


def words_of(markdown: str) -> list[str]:
    """Every word of a page's prose, cited titles included: what a translator translates."""
    return [word for block in blocks(markdown) for _, word in words(block.text())]
