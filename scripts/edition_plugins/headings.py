"""Headings' permalinks (¶), as readers meet them.

* The ¶ stays on the line of the heading's last word: Python-Markdown's toc puts it after the
  heading text, where a line break may fall before it, leaving an empty line under the heading
  (seen on /es/sources/). The last word and the ¶ are wrapped in one `white-space: nowrap` span
  (`.edition-heading-end` in edition.css).
* Its tooltip is in the page's language: toc's `permalink_title` is one text for the whole site;
  each language gives its own as `extra.edition.permalink_title`, and the link says which language
  that is (a Spanish page's heading may be an English title, marked `lang="en"`).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

DEFAULT_TITLE = "Permanent link"  # Python-Markdown's toc default
# The last word of a heading (text up to a space or a tag) and the permalink toc appends to it.
_HEADING_END = re.compile(r'([^\s<>]+)(<a class="headerlink" href="[^"]*" title=")([^"]*)("[^>]*>[^<]*</a>)(?=</h[1-6]>)')


class HeadingsPlugin(BasePlugin):
    """`edition-headings` in mkdocs.yml."""

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        return keep_permalinks_on_the_line(html, config)


def keep_permalinks_on_the_line(html: str, config: MkDocsConfig) -> str:
    configured = (config.mdx_configs.get("toc") or {}).get("permalink_title") or DEFAULT_TITLE
    title = (config.extra.get("edition") or {}).get("permalink_title") or configured
    language = config.theme.get("language") or ""

    def keep_together(match: re.Match) -> str:
        word, start, _, end = match.groups()
        start = start.replace('<a class="headerlink"', f'<a class="headerlink" lang="{language}"', 1)
        return f'<span class="edition-heading-end">{word}{start}{title}{end}</span>'

    return _HEADING_END.sub(keep_together, html)
