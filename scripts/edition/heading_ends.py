"""The end of each heading kept on one line: its last word and its permalink (¶) in one span.

Python-Markdown's toc puts the ¶ after the heading text, where a line break may fall before it,
leaving an empty line under the heading. The last word and the ¶ are wrapped in one
`white-space: nowrap` span (`.edition-heading-end` in edition.css), and the ¶'s tooltip is given
in the page's language.

Linear in the page: the permalink is found by its literal start, and the word before it by one
scan backwards that stops at the previous permalink (a regular expression that starts with the
word, `[^\\s<>]+<a ...`, tries every position of a long word and is quadratic in its length).
"""

from __future__ import annotations

import html as html_text
import re

# toc's permalink at the end of a heading; its title is replaced by the page's language's.
_PERMALINK = re.compile(r'<a class="headerlink" href="[^"<>]*" title="([^"<>]*)"([^<>]*)>([^<]*)</a>(?=</h[1-6]>)')
_WORD_END = frozenset(" \t\n\r\f\v<>")


def keep_together(html: str, title: str, language: str) -> str:
    """`html` with each heading's last word and permalink in one span, titled `title` in `language`."""
    parts: list[str] = []
    done = 0
    for found in _PERMALINK.finditer(html):
        start = found.start()
        word_start = start
        while word_start > done and html[word_start - 1] not in _WORD_END:
            word_start -= 1
        if word_start == start:
            continue  # no word right before the permalink (markup ends the heading): left as it is
        href = found.group(0)[len('<a class="headerlink" '): found.group(0).index(' title="')]
        parts.append(html[done:word_start])
        parts.append(f'<span class="edition-heading-end">{html[word_start:start]}'
                     f'<a class="headerlink" lang="{html_text.escape(language)}" {href} '
                     f'title="{html_text.escape(title)}"{found.group(2)}>{found.group(3)}</a></span>')
        done = found.end()
    parts.append(html[done:])
    return "".join(parts)
