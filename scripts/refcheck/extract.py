"""Stage 2: one Markdown page in, its positioned facts out (links, ids, footnotes, numbers ...).

The page is parsed with markdown-it-py and mdit-py-plugins, which give the line of every block;
columns come from finding each item, in order, in its block's own source lines. Heading ids are
computed the way the site computes them: Python-Markdown's `attr_list` syntax and the site's `toc`
slugify. Raw HTML is read with selectolax. Nothing here knows about other pages or rules.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from urllib.parse import unquote

from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.toc import unique
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser

from refcheck.mdsource import prose
from refcheck.mdsource.mdparser import parser
from refcheck.safehtml import limits

from refcheck.facts import (  # noqa: F401  (the records, re-exported for the rule modules)
    ExtractOptions, FootnoteDef, FootnoteRef, Heading, HtmlTag, Link, Number, PageFacts, RefDef, SlugifySpec,
    TextBlock, Unresolved,
)
from refcheck.findings import Location
from refcheck.templates import COMPUTED, MAX_INCLUDE_DEPTH, blank_templates, find_include

# Python-Markdown's own pattern for a heading's trailing `{ #id .class }` (attr_list extension).
HEADER_ATTRS_RE = AttrListTreeprocessor.HEADER_RE
BLOCK_ATTRS_RE = AttrListTreeprocessor.BLOCK_RE
# What markdown-it leaves as plain text when a footnote or a reference has no definition.
# A label holds no `[`: each `[^` is then read up to the next `[` at most (linear on `[^[^[^...`).
UNRESOLVED_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s\[]+)\]")
UNRESOLVED_REFERENCE_RE = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
# `[text](Coming Soon)`: markdown-it leaves it as text, Python-Markdown (the site) makes it a link
# to `Coming Soon`, which leads nowhere. Quoted titles (`(page.md "Title")`) do not match.
SPACED_LINK_RE = re.compile(r"!?\[([^\[\]\n]+)\]\(([^()\s\"'<>]+(?:[ \t]+[^()\s\"'<>]+)+)\)")
# A number as people write it: 5,289 / 5.289 / 5 289 (a space only before a group of three: plain,
# no-break, thin or narrow no-break) / 3,5.
NUMBER_RE = re.compile(r"(?<![\w])\d+(?:(?:[.,]|[ \u00a0\u2009\u202f](?=\d{3}(?!\d)))\d+)*")
NUMBER_SEPARATOR_RE = re.compile(r"[.,\u00a0\u2009\u202f ]")
WRAPPER_TAGS = frozenset({"html", "head", "body"})
# An HTML block whose first tag asks md_in_html to read its inside as Markdown (`markdown`,
# `markdown="1"`, `markdown="block"`, `markdown="span"`).
MARKDOWN_HTML_RE = re.compile(
    r"""\s*<([a-zA-Z][a-zA-Z0-9-]*)\b(?=[^>]*\smarkdown(?:\s*=\s*["']?(?:1|block|span)["']?)?[\s/>])[^>]*>""")


class _UsedReferences(dict):
    """markdown-it's reference table, noting which labels links looked up and found."""

    def __init__(self) -> None:
        super().__init__()
        self.used: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            self.used.add(key)
        return super().get(key, default)


def canonical_numbers(written: str) -> list[str]:
    """`5,289`, `5.289` and `5 289` -> ['5289']; `3,5` and `3.5` -> ['3.5']; `1.2.3` -> 1, 2, 3."""
    groups = NUMBER_SEPARATOR_RE.split(written)
    separators = NUMBER_SEPARATOR_RE.findall(written)
    decimals = ""
    if separators and separators[-1] in ".," and (
        len(groups[-1]) != 3 or (len(separators) >= 2 and separators[-1] != separators[-2])
    ):
        decimals = groups[-1].rstrip("0")
        groups, separators = groups[:-1], separators[:-1]
    if len(groups) > 1:
        grouped = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and len(set(separators)) == 1
        if not grouped:  # 1.2.3, a list of numbers rather than one
            return [str(int(g)) for g in NUMBER_SEPARATOR_RE.split(written)]
    whole = str(int("".join(groups)))
    return [f"{whole}.{decimals}" if decimals else whole]


class _Block:
    """The source lines of one block, and cursors that find its items in order."""

    def __init__(self, lines: list[str], span: list[int] | None, file: str) -> None:
        self.file = file
        self.first = span[0] if span else 0
        self.text = "\n".join(lines[span[0] : span[1]]) if span else ""
        self.cursors = {"text": 0, "url": 0}

    def locate(self, needle: str, cursor: str = "text") -> Location:
        start = self.cursors[cursor]
        index = self.text.find(needle, start) if needle else -1
        if index < 0 and needle:
            index = self.text.find(needle)
        if index < 0:
            return Location(self.file, self.first + 1, None)
        self.cursors[cursor] = index + len(needle)
        return self.at(index)

    def at(self, index: int) -> Location:
        line_start = self.text.rfind("\n", 0, index) + 1
        return Location(self.file, self.first + 1 + self.text.count("\n", 0, index), index - line_start + 1)


def _plain_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


class _Extractor:
    def __init__(self, text: str, file: str, slugify: SlugifySpec, numbers: bool = True) -> None:
        self.file = file
        self.numbers_wanted = numbers
        self.lines = text.split("\n")
        self.slugify = slugify
        self.headings: list[Heading] = []
        self.explicit_ids: set[str] = set()
        self.other_ids: set[str] = set()
        self.links: list[Link] = []
        self.footnote_refs: list[FootnoteRef] = []
        self.footnote_defs: list[FootnoteDef] = []
        self.ref_defs: list[RefDef] = []
        self.unresolved: list[Unresolved] = []
        self.html_tags: list[HtmlTag] = []
        self.numbers: list[Number] = []
        self.blocks: list[TextBlock] = []
        self.meta: dict[str, Any] = {}

    # -- blocks ---------------------------------------------------------------------------------
    def run(self, tokens: list[Token]) -> None:
        note: str | None = None
        note_start: tuple[Location, int, int] | None = None  # where, first link, first block
        pending_heading: tuple[int, Token] | None = None
        for token in tokens:
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token.content)
            elif kind == "footnote_reference_open":
                note = token.meta.get("label", "")
                block = _Block(self.lines, token.map, self.file)
                note_start = (block.locate(f"[^{note}]"), len(self.links), len(self.blocks))
            elif kind == "footnote_reference_close" and note is not None and note_start is not None:
                where, first_link, first_block = note_start
                text = " ".join(b.text for b in self.blocks[first_block:]).strip()
                urls = tuple(link.url for link in self.links[first_link:])
                self.footnote_defs.append(FootnoteDef(note, where, text, urls))
                note, note_start = None, None
            elif kind == "heading_open":
                pending_heading = (int(token.tag[1:]), token)
            elif kind == "definition":
                block = _Block(self.lines, token.map, self.file)
                self.ref_defs.append(
                    RefDef(token.meta["label"], token.meta["id"], token.meta["url"], block.locate("["))
                )
            elif kind in ("html_block",):
                self._html(token.content, _Block(self.lines, token.map, self.file), note)
            elif kind == "inline":
                block = _Block(self.lines, token.map, self.file)
                if pending_heading is not None:
                    self._heading(pending_heading[0], token, block)
                    pending_heading = None
                elif token.content and BLOCK_ATTRS_RE.search(token.content):
                    self._block_attrs(token.content)
                self._inline(token.children or [], block, note)
            elif kind == "heading_close":
                pending_heading = None

    def _front_matter(self, content: str) -> None:
        from refcheck.mdsource import yamlsafe  # the same tolerant reader as mkdocs.yml

        try:
            data, _ = yamlsafe.load(content)
        except Exception:  # a page's front matter that is not YAML is MkDocs' problem to report
            return
        if isinstance(data, dict):
            self.meta = data

    def _heading(self, level: int, token: Token, block: _Block) -> None:
        text = _plain_text(token.children or [])
        explicit: str | None = None
        match = HEADER_ATTRS_RE.search(text)
        if match:
            attrs, _ = get_attrs_and_remainder(match.group(1))
            for name, value in attrs:
                if name == "id" and value:
                    explicit = value
            text = text[: match.start()]
        where = Location(self.file, block.first + 1, 1)
        if explicit:
            self.explicit_ids.add(explicit)
        self.headings.append(Heading(level, text.strip(), explicit or "", explicit is not None, where))

    def _block_attrs(self, content: str) -> None:
        match = BLOCK_ATTRS_RE.search(content)
        if match:
            attrs, _ = get_attrs_and_remainder(match.group(1))
            self.other_ids.update(value for name, value in attrs if name == "id" and value)

    # -- inline ---------------------------------------------------------------------------------
    def _inline(self, children: list[Token], block: _Block, note: str | None) -> None:
        segment = note or ""
        link_stack: list[int] = []
        plain: list[str] = []
        for position, child in enumerate(children):
            kind = child.type
            if kind == "text":
                plain.append(child.content)
                self._text(child.content, block, segment)
                if link_stack:
                    index = link_stack[-1]
                    link = self.links[index]
                    self.links[index] = Link(link.url, link.where, link.kind, link.text + child.content, link.footnote)
            elif kind == "code_inline":
                plain.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                plain.append(" ")
            elif kind == "link_open":
                href = child.attrs.get("href", "")
                where = self._locate_url(block, str(href))
                if where.column is None:  # a reference link: its address is elsewhere; find its text
                    after = children[position + 1] if position + 1 < len(children) else None
                    if after is not None and after.type == "text" and after.content:
                        where = block.locate("[" + after.content, "url")
                kind_name = "autolink" if child.info == "auto" or child.markup in ("autolink", "linkify") else "link"
                link_stack.append(len(self.links))
                self.links.append(Link(str(href), where, kind_name, "", note))
            elif kind == "link_close":
                if link_stack:
                    link_stack.pop()
            elif kind == "image":
                src = str(child.attrs.get("src", ""))
                self.links.append(Link(src, self._locate_url(block, src), "image", child.content, note))
                plain.append(child.content)
            elif kind == "footnote_ref":
                label = child.meta.get("label")
                if label is None:  # an inline note `^[...]`, which Python-Markdown does not have
                    continue
                self.footnote_refs.append(FootnoteRef(label, block.locate(f"[^{label}]")))
            elif kind == "html_inline":
                self._html(child.content, block, note)
        text = "".join(plain).strip()
        if text:
            self.blocks.append(TextBlock(text, Location(self.file, block.first + 1, 1), note))

    def _locate_url(self, block: _Block, url: str) -> Location:
        from urllib.parse import unquote

        for needle in (url, unquote(url)):
            if needle and needle in block.text:
                return block.locate(needle, "url")
        return Location(self.file, block.first + 1, None)

    def _text(self, content: str, block: _Block, segment: str) -> None:
        if "[" in content:
            for match in UNRESOLVED_FOOTNOTE_RE.finditer(content):
                self.unresolved.append(Unresolved("footnote", match.group(1), match.group(0), block.locate(match.group(0))))
            for match in UNRESOLVED_REFERENCE_RE.finditer(content):
                if match.group(1).startswith("^"):
                    continue
                label = match.group(2) or match.group(1)
                self.unresolved.append(Unresolved("reference", label, match.group(0), block.locate(match.group(0))))
            if "](" in content:
                for match in SPACED_LINK_RE.finditer(content):
                    kind = "image" if match.group(0).startswith("!") else "link"
                    where = block.locate(match.group(0))
                    self.links.append(Link(match.group(2), where, kind, match.group(1), None))
        if not self.numbers_wanted:
            return
        for match in NUMBER_RE.finditer(UNRESOLVED_FOOTNOTE_RE.sub(_blank, content)):
            written = match.group(0)
            where = block.locate(written)
            for value in canonical_numbers(written):
                self.numbers.append(Number(value, written, where, segment))

    def _html(self, content: str, block: _Block, note: str | None) -> None:
        if "<" not in content:
            return
        tree = LexborHTMLParser(content)
        root = tree.root
        if root is None:
            return
        lowered = block.text.lower()
        for node in root.traverse(include_text=False):
            tag = node.tag or ""
            if tag in WRAPPER_TAGS or tag.startswith("-") or tag.startswith("!"):
                continue
            attrs = tuple((str(k), "" if v is None else str(v)) for k, v in node.attributes.items())
            index = lowered.find(f"<{tag}", block.cursors["text"])
            if index < 0:
                index = lowered.find(f"<{tag}")
            where = block.at(index) if index >= 0 else Location(self.file, block.first + 1, None)
            if index >= 0:
                block.cursors["text"] = index + 1
            self.html_tags.append(HtmlTag(tag, attrs, where))
            for name, value in attrs:
                if name == "id" or (name == "name" and tag == "a"):
                    self.other_ids.add(value)
                elif name in ("href", "src"):
                    self.links.append(Link(value, where, "html", node.text(deep=True, strip=True) or "", note))
                elif name == "srcset":
                    for url in _srcset_urls(value):
                        self.links.append(Link(url, where, "html", "", note))

    # -- result ---------------------------------------------------------------------------------
    def facts(self, used_refs: set[str]) -> PageFacts:
        slugify = self.slugify.function()
        taken = set(self.explicit_ids) | set(self.other_ids)
        headings = []
        for heading in self.headings:
            if heading.explicit:
                headings.append(heading)
            else:
                slug = unique(slugify(heading.text, self.slugify.separator), taken)
                headings.append(Heading(heading.level, heading.text, slug, False, heading.where))
        ids = {h.id for h in headings} | self.other_ids
        for definition in self.footnote_defs:
            ids.add(f"fn:{definition.label}")
        counts: dict[str, int] = {}
        for ref in self.footnote_refs:
            counts[ref.label] = counts.get(ref.label, 0) + 1
            n = counts[ref.label]
            ids.add(f"fnref:{ref.label}" if n == 1 else f"fnref{n}:{ref.label}")
        return PageFacts(
            file=self.file,
            headings=tuple(headings),
            ids=frozenset(ids),
            links=tuple(self.links),
            footnote_refs=tuple(self.footnote_refs),
            footnote_defs=tuple(self.footnote_defs),
            ref_defs=tuple(self.ref_defs),
            used_refs=frozenset(used_refs),
            unresolved=tuple(self.unresolved),
            html_tags=tuple(self.html_tags),
            numbers=tuple(self.numbers),
            blocks=tuple(self.blocks),
            meta=self.meta,
        )


def _with_markdown_in_html(tokens: list[Token], env: dict[str, Any]) -> list[Token]:
    """Python-Markdown's md_in_html reads the inside of `<aside markdown>` (`<div markdown="1">`
    ...) as Markdown, which markdown-it leaves as raw HTML: read it as the site does, with the
    page's link definitions and notes, each item at its own line."""
    found: list[Token] = []
    for token in tokens:
        match = MARKDOWN_HTML_RE.match(token.content) if token.type == "html_block" else None
        if match is None or not token.map:
            found.append(token)
            continue
        inner, closing = token.content[match.end():], ""
        close = re.search(rf"</{match.group(1)}\s*>\s*$", inner, re.IGNORECASE)
        if close is not None:
            inner, closing = inner[: close.start()], close.group(0)
        shift = token.map[0] + token.content[: match.end()].count("\n")
        nested_env = {"references": env["references"], "footnotes": env.get("footnotes", {})}
        nested = _parsed(inner, nested_env)
        found.append(token.copy(content=match.group(0) + closing))
        for child in _with_markdown_in_html(nested_env.get("pre_tail_tokens", nested), nested_env):
            found.append(child.copy(map=[line + shift for line in child.map]) if child.map else child)
    return found


def decode(data: bytes, file: str) -> tuple[str, Location | None]:
    """The page's text (BOM dropped, line ends made `\\n`) and where undecodable bytes start."""
    try:
        text = data.decode("utf-8-sig")
        bad = None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = Location(file, line, column)
        text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd"), bad


def _parsed(text: str, env: dict[str, Any]) -> list:
    """markdown-it's tokens of `text`. A text block of unclosed `[` and `<` makes its link and note
    rules search to the block's end from each one, which grows with the square of the block (60 KB
    of `[^` takes minutes); such a page is read with its brackets as plain text, in linear time.
    It is refused anyway (`page-limits`, refcheck/safehtml/limits.py), and the build would hang on it."""
    if limits.bracket_work(text)[1] > limits.MAX_BRACKET_WORK:
        text = text.replace("\\", "\\\\").replace("[", "\\[").replace("<", "\\<")
    return parser().parse(text, env)


def extract(data: bytes, file: str, options: SlugifySpec | ExtractOptions = ExtractOptions(),
            depth: int = 0) -> PageFacts:
    """All the facts of one page; `file` is the path findings will name (relative to the root)."""
    if isinstance(options, SlugifySpec):
        options = ExtractOptions(options)
    text, bad = decode(data, file)
    included: tuple[str, ...] = ()
    if options.templates is not None:
        text, included = blank_templates(text)
    env: dict[str, Any] = {"references": _UsedReferences()}
    tokens = _parsed(text, env)
    extractor = _Extractor(text, file, options.slugify, numbers=options.text)
    extractor.run(_with_markdown_in_html(env.get("pre_tail_tokens", tokens), env))
    facts = extractor.facts(env["references"].used)
    complete, files, ids = True, [], set(facts.ids)
    if included or COMPUTED in text:
        # Computed addresses are the plugin's to resolve; computed headings make ids unknown.
        links = tuple(link for link in facts.links if COMPUTED not in unquote(link.url))
        complete = not any(COMPUTED in heading.text for heading in facts.headings)
        facts = dataclasses.replace(facts, links=links)
    for name in included:
        found = find_include(name, options.templates) if options.templates else None
        if found is None or depth >= MAX_INCLUDE_DEPTH:
            complete = False
            continue
        inner = extract(found.read_bytes(), file, options, depth + 1)
        ids |= {heading.id for heading in inner.headings}
        complete = complete and inner.ids_complete
        files += [str(found), *inner.includes]
    if not options.text:  # (blocks served the notes' text above; no rule of this run reads them)
        facts = dataclasses.replace(facts, blocks=(), numbers=())
    blocks = prose.blocks_from_tokens(text, tokens) if options.text else ()
    return dataclasses.replace(facts, decode_error=bad, prose=blocks,
                               ids=frozenset(ids), ids_complete=complete, includes=tuple(files))
