"""What the sanitizer took away: the page HTML before and after `policy.clean`, compared.

Both versions are parsed with the same HTML5 parser (lexbor, through selectolax) and their
elements listed in document order. The sanitizer removes whole elements (outside the allowlist)
and attributes, and never removes an element whose tag is allowed (except inside an element it
removes with its content, whose inside is not listed), so the cleaned list is a subsequence of the
original one: walking both in step, an original element that does not match the next cleaned one
was removed, and a matched pair that lost an attribute lost it to the sanitizer. Comments are
removed without a finding: a reader never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from refcheck.safehtml import policy


@dataclass(frozen=True)
class Element:
    tag: str
    attributes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Removal:
    """One element (attribute None) or one attribute the sanitizer removed."""

    tag: str
    attribute: str | None = None
    value: str = ""


def _elements(html: str, skip_inside: frozenset[str]) -> list[Element]:
    body = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>").body
    found: list[Element] = []
    if body is None:
        return found
    stack: list[LexborNode] = []
    child = body.last_child
    while child is not None:
        stack.append(child)
        child = child.prev
    while stack:  # a loop, not recursion: the nesting depth is the page's to choose
        node = stack.pop()
        tag = node.tag or ""
        if tag.startswith("-") or tag == "_text":
            continue
        attributes = tuple((name, value or "") for name, value in node.attributes.items())
        found.append(Element(tag, attributes))
        if tag in skip_inside:
            continue
        child = node.last_child
        while child is not None:
            stack.append(child)
            child = child.prev
    return found


def removals(original: str, cleaned: str) -> list[Removal]:
    """Every element and attribute of `original` that `cleaned` no longer has, in document order."""
    before = _elements(original, policy.CLEAN_CONTENT_TAGS)
    after = _elements(cleaned, frozenset())
    found: list[Removal] = []
    position = 0
    for element in before:
        if position < len(after) and after[position].tag == element.tag:
            kept = dict(after[position].attributes)
            position += 1
            for name, value in element.attributes:
                if kept.get(name) != value:
                    found.append(Removal(element.tag, name, value))
        else:
            found.append(Removal(element.tag))
    return found
