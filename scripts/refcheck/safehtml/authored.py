"""What a page's author may set on elements: the attribute allowlist for attr_list and raw HTML.

The sanitizer (policy.py) sees the rendered HTML, where an attribute an author wrote looks like one
Python-Markdown made: `[x](https://real){ href="https://other" }` is a plain https link there, and
`<span id="fn:2">` an id like the note's. So the author's markup is judged where it is still the
author's, inside Python-Markdown, by a `Guard` extension loaded after the others:

* attr_list (`{ #id .class lang=en }`) may set an id, classes, `lang`, `hreflang`, a `title`, `aria-*`
  and an image's `alt` and size, nothing else (no `href`, `src`, `dir`, `style`, `target`, `data-*`
  ...): anything else is refused and left off the element;
* an id an author sets (attr_list or raw HTML) must not take the name of one the site generates:
  notes (`fn:*`, `fnref:*`) and the theme's (`__*`); one that repeats another id of the page (a
  heading's) is refused by `page.duplicate_ids`;
* classes of the theme (`md-*`) and of this edition's templates (`edition-*`) are not the author's;
* no page may set the text direction (`<bdo>`, `dir=`): it reorders figures on screen
  (`<bdo dir="rtl">5289</bdo>` shows 9825) while the text stays the same for every check.

Each refusal is recorded (`Guard.refused`), taken off the element (attr_list) or out of the raw
HTML, and reported at its Markdown line like a sanitizer removal; `dir`, `<bdo>`, `md-*` classes
and `__` ids are the sanitizer's to remove from the whole page (the site's own markup has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

# What an attribute list may set: names, classes, language, and descriptions of what the element
# already is (a link's language, a tooltip, an image's size). Never an address or a behaviour.
ATTR_LIST_NAMES = frozenset({"id", "class", "lang", "hreflang", "title", "alt", "width", "height", "loading"})
ATTR_LIST_PREFIXES = ("aria-",)
# Ids the site generates: Python-Markdown's notes and the theme's elements.
RESERVED_ID = re.compile(r"^\s*(?:__|fn:|fnref:)", re.IGNORECASE)
RESERVED_CLASS = re.compile(r"^(?:md|edition)-", re.IGNORECASE)
# What fenced_code, superfences and codehilite keep in the stash: their markup, not the author's.
CODE_BLOCK = re.compile(r"^\s*<(?:pre|div class=\"highlight|table class=\"highlighttable)")
DIRECTION_ATTRIBUTES = frozenset({"dir"})


@dataclass(frozen=True)
class Refusal:
    tag: str
    attribute: str | None  # None: the element itself
    value: str
    reason: str  # "attr-list", "reserved-id", "reserved-class", "direction"
    taken_off: bool = False  # the guard left it off the element (attr_list); raw HTML goes to the sanitizer


def id_refusal(value: str) -> bool:
    return bool(RESERVED_ID.match(value))


def reserved_classes(value: str) -> list[str]:
    return [name for name in value.split() if RESERVED_CLASS.match(name)]


def _judge_attribute(tag: str, name: str, value: str, from_attr_list: bool) -> str | None:
    lowered = name.lower()
    if from_attr_list and lowered not in ATTR_LIST_NAMES and not lowered.startswith(ATTR_LIST_PREFIXES):
        return "attr-list"
    if lowered == "id" and id_refusal(value):
        return "reserved-id"
    if lowered == "class" and reserved_classes(value):
        return "reserved-class"
    if lowered in DIRECTION_ATTRIBUTES:
        return "direction"
    return None


class _GuardedAttrList(AttrListTreeprocessor):
    """attr_list, keeping only what an author may set (the refused attributes stay as they were)."""

    def __init__(self, md: Markdown, guard: "Guard") -> None:
        super().__init__(md)
        self.guard = guard

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        before = dict(elem.attrib)
        remainder = super().assign_attrs(elem, attrs_string, strict=strict)
        for name, value in list(elem.attrib.items()):
            if name in before and before[name] == value:
                continue
            written = value or ""
            if name == "class" and name in before:
                written = " ".join(written.split()[len((before[name] or "").split()):])
            reason = _judge_attribute(elem.tag, name, written, from_attr_list=True)
            if reason is None:
                continue
            if reason == "reserved-class":
                written = " ".join(reserved_classes(written))
            self.guard.refused.append(Refusal(elem.tag, name, written, reason, taken_off=True))
            if name == "class" and reason == "reserved-class":
                kept = [token for token in (value or "").split() if not RESERVED_CLASS.match(token)]
                elem.set("class", " ".join(kept)) if kept else elem.attrib.pop("class")
            elif name in before:
                elem.set(name, before[name])
            else:
                del elem.attrib[name]
        return remainder


class _RawHtmlCheck(Treeprocessor):
    """The raw HTML of the page (Python-Markdown keeps it aside, in its stash, until the end)."""

    def __init__(self, md: Markdown, guard: "Guard") -> None:
        super().__init__(md)
        self.guard = guard

    def run(self, root: Element) -> None:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            text = block if isinstance(block, str) else ""
            if "<" not in text or CODE_BLOCK.match(text):
                continue  # highlighted code is the extensions' markup (its line ids start with "__")
            body = LexborHTMLParser(f"<body>{text}</body>").body
            for node in body.css("*") if body is not None else []:
                for name, value in node.attributes.items():
                    refusal = _raw_refusal(node.tag or "", name, value or "")
                    if refusal is not None:
                        text = _without_attribute(text, name, value or "")
                        self.guard.refused.append(refusal)
            blocks[index] = text if isinstance(block, str) else block


def _raw_refusal(tag: str, name: str, value: str) -> Refusal | None:
    """What raw HTML sets that the sanitizer cannot tell from the site's own markup: a note's id, this
    edition's classes. (The theme's `__` ids and `md-*` classes, `dir` and `<bdo>` never come from
    the site's pages: the sanitizer removes them from the whole page, and says so.)"""
    reason = _judge_attribute(tag, name, value, from_attr_list=False)
    if reason == "reserved-id" and not value.lstrip().startswith("__"):
        return Refusal(tag, name, value, reason, taken_off=True)
    if reason == "reserved-class":
        own = [name for name in reserved_classes(value) if not name.lower().startswith("md-")]
        return Refusal(tag, name, " ".join(own), reason, taken_off=True) if own else None
    return None


def _without_attribute(html: str, name: str, value: str) -> str:
    """`html` without the attribute `name` where it holds `value` (quoted either way, or bare)."""
    quoted = re.escape(value)
    pattern = re.compile(rf"""\s{re.escape(name)}\s*=\s*(?:"{quoted}"|'{quoted}'|{quoted}(?=[\s/>]))""", re.IGNORECASE)
    return pattern.sub("", html)


class Guard(Extension):
    """Load after every other extension; `refused` holds the last page's refusals."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.refused: list[Refusal] = []

    def extendMarkdown(self, md: Markdown) -> None:
        self.refused = []
        if "attr_list" in md.treeprocessors:
            md.treeprocessors.register(_GuardedAttrList(md, self), "attr_list", 8)
        md.treeprocessors.register(_RawHtmlCheck(md, self), "refcheck_raw_html", 7)
        md.registerExtension(self)

    def reset(self) -> None:
        self.refused = []
