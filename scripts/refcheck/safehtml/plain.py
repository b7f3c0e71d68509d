"""Whether a page's Markdown can render to anything the allowlist removes, read from its text alone.

Rendering a page with Python-Markdown to judge it is most of the checker's time on a large site. Most pages are prose with notes and relative links, whose HTML is allowlisted
by construction. `needs_rendering` says False only for such a page, with a configuration whose every
extension is listed in PLAIN_EXTENSIONS (their output from plain text is known: paragraphs,
headings, lists, quotes, tables, notes, admonitions, `<ins>`/`<sup>`/`<del>`/`<mark>`); any other
extension, and any of these in the text, sends the page to the renderer:

* `<` (raw HTML, comments, autolinks), except an inline `<https://...>` autolink inside a line;
* `&` (an entity can spell `javascript:` in an address), and code fences (highlighting options
  such as `anchor_linenums` make ids of their own);
* `{` other than an attribute list of plain ids and classes (`{ #findings }`, `{: .note }`; not the
  theme's `md-*` nor this edition's `edition-*`);
* `![` (images must be the site's own files), and a link or reference address (`](...)`,
  `[label]: ...`) with a scheme other than https, read as a browser reads it (controls and
  spaces inside a scheme are ignored);
* `_` in a line that may be a heading, after compatibility normalization (an id made from a
  heading that starts with `__` is reserved for the theme).

The front matter and the page limits are judged apart (scripts/refcheck/safehtml/page.py), whatever this
says. tests/test_plain_pages.py holds it to the renderer: on every page of this site, of the corpus
projects and of generated ones, a page said not to need rendering renders to nothing removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from refcheck.safehtml.policy import url_scheme

# Extension names as mkdocs.yml may write them, without the "markdown.extensions." prefix.
PLAIN_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "footnotes", "admonition", "attr_list", "abbr", "def_list",
    "sane_lists", "smarty", "nl2br", "md_in_html", "meta",
    "pymdownx.caret", "pymdownx.tilde", "pymdownx.mark", "pymdownx.betterem", "pymdownx.superfences",
    "pymdownx.details", "pymdownx.saneheaders", "pymdownx.smartsymbols",
})
_INLINE_AUTOLINK = re.compile(r"(?m)(^[ \t]*)?<https://[^\s<>\"'`\\&]*>")
# Ids and classes, except the theme's and this edition's classes (refcheck/safehtml/authored.py).
_PLAIN_ATTRIBUTES = re.compile(r"\{:?[ \t]*(?:(?:#|\.(?!(?:md|edition)-))[A-Za-z][\w-]*[ \t]*)+\}", re.IGNORECASE)
_FENCE = re.compile(r"(?m)^[ \t]*(?:```|~~~)")
# An inline link's address runs to its `)` (Python-Markdown lets it start on the next line); a
# reference definition's may be on the line after its label.
_ADDRESS = re.compile(r"\]\(([^)]*)|\[([^\]\n]*)\]:([^\n]*\n?[^\n]*)")
_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")


def extensions_are_plain(extensions: Iterable[str]) -> bool:
    return all(name.removeprefix("markdown.extensions.") in PLAIN_EXTENSIONS for name in extensions)


def _autolinks_removed(body: str) -> str | None:
    """The body without its inline https autolinks; None if one starts a line (it may be raw HTML)."""
    at_line_start = False

    def drop(found: re.Match) -> str:
        nonlocal at_line_start
        at_line_start = at_line_start or found.group(1) is not None
        return ""

    rest = _INLINE_AUTOLINK.sub(drop, body)
    return None if at_line_start else rest


def _unsafe_address(body: str) -> bool:
    for found in _ADDRESS.finditer(body):
        if found.group(1) is not None:
            address = found.group(1)
        elif found.group(2).startswith("^"):
            continue  # a footnote's definition, not a link's
        else:
            address = found.group(3)
        if url_scheme(address) not in ("", "https"):
            return True
    return False


def _heading_underscore(body: str) -> bool:
    lines = body.split("\n")
    for index, line in enumerate(lines):
        # Any line with a `#` may be a heading (in a quote, a list, an admonition): judged as one.
        heading = "#" in line or (index + 1 < len(lines) and _UNDERLINE.match(lines[index + 1]))
        if heading and "_" in unicodedata.normalize("NFKD", line):
            return True
    return False


def needs_rendering(body: str, extensions: Iterable[str]) -> bool:
    """False only when the Markdown `body` (front matter removed) renders to allowlisted HTML."""
    if not extensions_are_plain(extensions):
        return True
    if "&" in body or "![" in body or _FENCE.search(body):
        return True
    if "<" in body:
        rest = _autolinks_removed(body)
        if rest is None or "<" in rest:
            return True
    if "{" in body and "{" in _PLAIN_ATTRIBUTES.sub("", body):
        return True
    return _unsafe_address(body) or _heading_underscore(body)
