"""The PDF's size and page count in the header block of every page, read from the PDF as built.

The pages are written while the PDF is still being made (scripts/edition_plugins/publish.py), so each page
carries an empty marker, `<span class="edition-pdf-facts" data-pdf="es/x.pdf" data-template="...">`
(overrides/partials/edition-masthead.html), which `fill_site` fills once every PDF is written.
A build without PDFs (`serve`, PUBLISH_PDF=off) leaves the markers empty: the link shows no figures.
"""

from __future__ import annotations

import html
import re
import zlib
from pathlib import Path

MARKER = re.compile(r'<span class="edition-pdf-facts" data-pdf="([^"]+)" data-template="([^"]*)"></span>')
_STREAM = re.compile(rb"stream\r?\n")
# The page tree's root: `/Type /Pages` with the document's page count (in either order).
_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")


def page_count(pdf: bytes) -> int | None:
    """The number of pages, from the page tree's `/Count`; None when no page tree is found.

    WeasyPrint (pydyf) keeps the page tree in a compressed object stream, so each stream is
    inflated in turn; the root `/Pages` node has the largest count (a nested tree's nodes count
    their own pages only)."""
    counts = [int(a or b) for a, b in _PAGES.findall(pdf)]
    for start in _STREAM.finditer(pdf):
        try:
            data = zlib.decompressobj().decompress(pdf[start.end():])
        except zlib.error:
            continue
        counts += [int(a or b) for a, b in _PAGES.findall(data)]
    return max(counts) if counts else None


def describe(template: str, size: int, pages: int) -> str:
    """"84 KB, 9 pages" from the language's template (`{kb}`, `{pages}`)."""
    return template.replace("{kb}", str(max(1, round(size / 1024)))).replace("{pages}", str(pages))


def fill_page(text: str, pdfs: dict[str, tuple[int, int]]) -> str:
    """The page with each marker of a PDF in `pdfs` (site path -> size, pages) filled."""

    def fill(match: re.Match) -> str:
        facts = pdfs.get(html.unescape(match.group(1)))
        if facts is None:
            return match.group(0)
        words = html.escape(describe(html.unescape(match.group(2)), *facts), quote=False)
        return match.group(0).replace("></span>", f">{words}</span>")

    return MARKER.sub(fill, text)


def fill_site(site_dir: Path, pdf_paths: list[Path]) -> int:
    """Fill every page's markers from the PDFs written; returns the number of pages changed."""
    pdfs = {}
    for path in pdf_paths:
        data = path.read_bytes()
        pages = page_count(data)
        if pages:
            pdfs[path.relative_to(site_dir).as_posix()] = (len(data), pages)
    changed = 0
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="edition-pdf-facts"' not in text:
            continue
        filled = fill_page(text, pdfs)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
            changed += 1
    return changed
