"""Join the rendered pages of one language into one HTML fragment: the whole brief on one page.

Each page keeps its ids where no earlier page uses them (the brief numbers its notes 1 to 6 across
all pages, so `#fn:5` stays `#fn:5`); an id taken by an earlier page gets the page's name in front
(`about-the-brief`). A link between two of the joined pages becomes a link inside the joined page;
any other link inside the site is rewritten for the joined page's address. The first page keeps
its headings; the others go one level down, so that the joined page has one `<h1>`.

The pages' HTML was sanitized as each page was built, but rewriting changes it (a link to
`../brief/javascript:x` from another page becomes `javascript:x` here), so each section passes
through the caller's sanitizer again after it is rewritten: `join` takes it as a required argument.
"""

from __future__ import annotations

import html as html_text
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Links with these schemes (or a host) leave the site and are kept as they are.
_LEAVES_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_HEADING_TAG = re.compile(r"<(/?)h([1-5])(?=[\s>])", re.IGNORECASE)
_HEADING_LEVEL = re.compile(r"^h([1-6])$")


@dataclass(frozen=True)
class Section:
    """One rendered page: its address relative to the site root (`es/sources/`) and its HTML."""

    url: str
    html: str


@dataclass(frozen=True)
class Heading:
    id: str
    title: str
    level: int
    children: list["Heading"] = field(default_factory=list)


@dataclass(frozen=True)
class JoinedPage:
    html: str
    headings: list[Heading]  # nested by level, for the page's table of contents


def _page_path(url: str) -> str:
    """`/es/sources/index.html` and `/es/sources/` -> `/es/sources/`."""
    path = urlsplit(url).path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.startswith("/") else "/" + path


def _section_name(url: str) -> str:
    parts = [part for part in _page_path(url).split("/") if part]
    return parts[-1] if parts else "start"


def _relative(target_path: str, from_path: str) -> str:
    """A link from the page at `from_path` (a folder URL) to `target_path`, both site-absolute."""
    relative = posixpath.relpath(target_path, from_path)
    if target_path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    if relative == "./" or relative == ".":
        return "./"
    # A first segment with a colon would be read as a scheme (RFC 3986, 4.2): `javascript:x`.
    return "./" + relative if ":" in relative.split("/", 1)[0] else relative


def _unique_ids(trees: list[LexborHTMLParser], sections: list[Section]) -> list[dict[str, str]]:
    """Per section: old id -> id in the joined page (renamed only where an earlier page has it)."""
    taken: set[str] = set()
    renames: list[dict[str, str]] = []
    for tree, section in zip(trees, sections):
        names: dict[str, str] = {}
        for node in tree.body.css("[id]"):
            old = node.attrs.get("id") or ""
            new = old
            if new in taken:
                new = f"{_section_name(section.url)}-{old}"
                suffix = 2
                while new in taken:
                    new, suffix = f"{_section_name(section.url)}-{old}-{suffix}", suffix + 1
            taken.add(new)
            names[old] = new
            if new != old:
                node.attrs["id"] = new
        renames.append(names)
    return renames


def _first_heading_id(tree: LexborHTMLParser) -> str | None:
    heading = tree.body.css_first("h1[id], h2[id]")
    return heading.attrs.get("id") if heading is not None else None


def _rewrite_links(tree, section: Section, page_path: str, anchors: dict[str, str],
                   renames: dict[str, dict[str, str]]) -> None:
    base = "/" + section.url.lstrip("/")
    for node in tree.body.css("a[href], img[src]"):
        attribute = "href" if node.tag == "a" else "src"
        value = node.attrs.get(attribute) or ""
        if not value or _LEAVES_SITE.match(value):
            continue
        target = urlsplit(urljoin(base, value))
        target_page = _page_path(target.path)
        if attribute == "href" and target_page in anchors:
            fragment = renames[target_page].get(target.fragment, target.fragment) if target.fragment else ""
            node.attrs[attribute] = "#" + (fragment or anchors[target_page])
        else:
            path = target.path if not target.path.endswith("/index.html") else target_page
            relative = _relative(path, page_path)
            node.attrs[attribute] = urlunsplit(("", "", relative, target.query, target.fragment))


def _demote_headings(html: str) -> str:
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def _headings(tree: LexborHTMLParser, max_level: int) -> list[Heading]:
    """The joined page's headings (h1 to max_level) with ids, nested by level."""
    root: list[Heading] = []
    stack: list[Heading] = []
    for node in tree.body.css("h1, h2, h3, h4, h5, h6"):
        level = int(_HEADING_LEVEL.match(node.tag).group(1))
        if level > max_level or not node.attrs.get("id"):
            continue
        heading = Heading(id=node.attrs["id"], title=_heading_text(node), level=level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else root).append(heading)
        stack.append(heading)
    return root


def _heading_text(node: LexborNode) -> str:
    """The heading's words without its permalink (¶), wherever the link sits: the headings hook
    wraps it with the last word (scripts/edition_plugins/headings.py)."""
    copy = LexborHTMLParser(node.html)
    for link in copy.css("a.headerlink"):
        link.decompose()
    return re.sub(r"\s+", " ", copy.body.text(deep=True)).strip()


def preface(label: str, note: str, *, pdf_href: str = "", pdf_link: str = "") -> str:
    """This edition's note at the top of the joined page (text from mkdocs.yml, escaped)."""
    link = (f' <a href="{html_text.escape(pdf_href)}" type="application/pdf">{html_text.escape(pdf_link)}</a>'
            if pdf_href else "")
    return (f'<div class="admonition info edition-onepage"><p class="admonition-title">{html_text.escape(label)}'
            f'</p><p>{html_text.escape(note)}{link}</p></div>')


def join(sections: list[Section], page_url: str, *, clean: Callable[[str], str], preface: str = "",
         toc_depth: int = 2) -> JoinedPage:
    """The sections in order as one fragment for the page at `page_url` (relative to the site root).

    `clean`: the site's sanitizer, applied to each section once its links and ids are rewritten.

    `preface` (HTML, this edition's note about the page) goes right after the first heading (and
    the date line beneath it).
    """
    trees = [LexborHTMLParser(section.html) for section in sections]
    paths = [_page_path(section.url) for section in sections]
    renames_list = _unique_ids(trees, sections)
    renames = dict(zip(paths, renames_list))
    anchors = {path: _first_heading_id(tree) or "" for path, tree in zip(paths, trees)}
    page_path = _page_path(page_url)
    parts = []
    for index, (tree, section) in enumerate(zip(trees, sections)):
        _rewrite_links(tree, section, page_path, anchors, renames)
        html = clean(tree.body.inner_html)
        if index == 0:
            if preface:
                # After the title and, where the brief gives it, the date beneath it.
                html = re.sub(r'</h1>(\s*<p class="brief-date">.*?</p>)?',
                              lambda m: f"{m.group(0)}\n{preface}\n", html, count=1, flags=re.DOTALL)
        else:
            html = _demote_headings(html)
        name = _section_name(section.url)
        parts.append(f'<section class="brief-section brief-section--{name}">{html}</section>')
    joined = "\n".join(parts)
    return JoinedPage(html=joined, headings=_headings(LexborHTMLParser(joined), toc_depth))
