"""Show the brief's own note numbers and back-link titles in the page's language.

The Markdown extension is `edition.note_numbers` (scripts/edition/note_numbers.py); this plugin adds it to
the configuration and gives it the back-link title of the language being built.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from edition.note_numbers import (
    DEFAULT_BACKLINK_TITLE, DEFAULT_NOTES_HEADING, DEFAULT_REFERENCE_LABEL, BriefFootnotesExtension)


class BriefFootnotesPlugin(BasePlugin):
    """`edition-footnotes` in mkdocs.yml."""

    def __init__(self) -> None:
        self.extension = BriefFootnotesExtension()

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance across rebuilds (MkDocs' plugin cache)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.extension)
        return config

    # After the i18n plugin has switched `extra` to the language being built.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        edition = config.extra.get("edition") or {}
        self.extension.backlink_title = edition.get("footnote_backlink") or DEFAULT_BACKLINK_TITLE
        self.extension.reference_label = edition.get("footnote_label") or DEFAULT_REFERENCE_LABEL
        self.extension.notes_heading = edition.get("notes_label") or DEFAULT_NOTES_HEADING
        return markdown
