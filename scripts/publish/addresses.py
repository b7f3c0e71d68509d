"""Outside addresses on paper, printed once each.

Paper loses where a link leads, so the print stylesheet (`overrides/assets/stylesheets/print.css`)
and the PDF (`pdf.py`) print each outside address after its link text. A link whose text is its
address already (`<https://…>` in Markdown, as in the addresses this edition restored in the notes)
would then show it twice: such a link is marked `edition-address` on every page, and neither prints
its address again.
"""

from __future__ import annotations

import html
import re

SHOWN_ADDRESS_CLASS = "edition-address"
# An outside link: (its opening tag, its address, its text with any markup inside it).
EXTERNAL_LINK = re.compile(r'(<a\b[^>]*?\bhref="(https?://[^"]+)"[^>]*>)(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CLASS = re.compile(r'\bclass="([^"]*)"')


def shows_its_address(href: str, text: str) -> bool:
    """Whether the link's text (HTML) reads as its address (`href` as written in the HTML)."""
    return html.unescape(_TAG.sub("", text)).strip() == html.unescape(href)


def _with_class(opening: str) -> str:
    if _CLASS.search(opening):
        return _CLASS.sub(lambda match: f'class="{match.group(1)} {SHOWN_ADDRESS_CLASS}"', opening, count=1)
    return opening[:-1] + f' class="{SHOWN_ADDRESS_CLASS}">'


def mark_shown_addresses(fragment: str) -> str:
    """Mark each outside link whose text is its address (`class="edition-address"`)."""

    def mark(match: re.Match) -> str:
        opening, href, text = match.groups()
        if not shows_its_address(href, text):
            return match.group(0)
        return f"{_with_class(opening)}{text}</a>"

    return EXTERNAL_LINK.sub(mark, fragment)
