"""What the tests know about the brief and the built pages (one place, read by every site test)."""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from sitebuild import DEFAULT_LANGUAGE, LANGUAGES, ROOT

ORIGINAL = ROOT / "source" / "remain-in-mexico-2018-11-30.txt"
# The publisher's web-page navigation at the end of the copy: not part of the brief.
PUBLISHER_NAVIGATION = "Back to resources"

# Page (as built, relative to a language root) -> the brief's note numbers it shows.
BRIEF_PAGES = {
    "index.html": [1],
    "not-safe-to-wait/index.html": [2, 3, 4],
    "mexico-lacks-capacity/index.html": [5, 6],
    "due-process/index.html": [],
}
EDITION_PAGES = ["sources/index.html", "about/index.html", "changes/index.html"]
ALL_PAGES = [*BRIEF_PAGES, *EDITION_PAGES]
# Notes whose text (1) or address (5, 6) the copy of the brief lacks; this edition restored them.
RESTORED_NOTES = [1, 5, 6]
LANGUAGE_ROOTS = {language: "" if language == DEFAULT_LANGUAGE else f"{language}/" for language in LANGUAGES}

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalize(text: str) -> str:
    """Collapse white space and straighten typographic quotes."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


def original_sentences() -> list[str]:
    """Every sentence of the brief, note markers removed, in reading order."""
    sentences = []
    for paragraph in original_text().split("\n"):
        paragraph = normalize(re.sub(r"^\[\d\]|\[\d\]", "", paragraph))
        if not paragraph or paragraph == PUBLISHER_NAVIGATION:
            continue
        # Split after a full stop followed by a capital; "U.S." inside a sentence stays whole.
        sentences += [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", paragraph) if s]
    return sentences


def page_path(site_dir: Path, language: str, page: str) -> Path:
    return site_dir / LANGUAGE_ROOTS[language] / page


def parse(path: Path) -> HTMLParser:
    return HTMLParser(path.read_text(encoding="utf-8"))


def article(tree: HTMLParser) -> Node:
    node = tree.css_first("article.md-content__inner")
    assert node is not None, "page has no article"
    return node


def article_text(tree: HTMLParser, *, drop: tuple[str, ...] = ()) -> str:
    """The article's text without permalinks and footnote markers (and any `drop` selectors)."""
    node = article(tree)
    for selector in ("a.headerlink", "sup[id^='fnref']", "a.footnote-backref", *drop):
        for element in node.css(selector):
            element.decompose()
    return normalize(node.text(separator=""))
