"""Headings' permalinks (¶), as readers meet them (the work is in scripts/edition/heading_ends.py).

* The ¶ stays on the line of the heading's last word (seen on /es/sources/ without it).
* Its tooltip is in the page's language: toc's `permalink_title` is one text for the whole site;
  each language gives its own as `extra.edition.permalink_title`, and the link says which language
  that is (a Spanish page's heading may be an English title, marked `lang="en"`).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from edition.heading_ends import keep_together

DEFAULT_TITLE = "Permanent link"  # Python-Markdown's toc default


class HeadingsPlugin(BasePlugin):
    """`edition-headings` in mkdocs.yml."""

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        return keep_permalinks_on_the_line(html, config)


def keep_permalinks_on_the_line(html: str, config: MkDocsConfig) -> str:
    configured = (config.mdx_configs.get("toc") or {}).get("permalink_title") or DEFAULT_TITLE
    title = (config.extra.get("edition") or {}).get("permalink_title") or configured
    return keep_together(html, title, config.theme.get("language") or "")
