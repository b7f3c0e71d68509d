"""Show the brief's own note numbers and back-link titles in the page's language.

The Markdown extension is `edition.note_numbers` (scripts/edition/note_numbers.py); this hook adds it to
the configuration and gives it the back-link title of the language being built.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))  # for the import below
from edition.note_numbers import (  # noqa: E402
    DEFAULT_BACKLINK_TITLE, DEFAULT_NOTES_HEADING, DEFAULT_REFERENCE_LABEL, BriefFootnotesExtension)

EXTENSION = BriefFootnotesExtension()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if EXTENSION not in config.markdown_extensions:
        config.markdown_extensions.append(EXTENSION)
    return config


# After the i18n plugin has switched `extra` to the language being built.
@event_priority(-100)
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:
    edition = config.extra.get("edition") or {}
    EXTENSION.backlink_title = edition.get("footnote_backlink") or DEFAULT_BACKLINK_TITLE
    EXTENSION.reference_label = edition.get("footnote_label") or DEFAULT_REFERENCE_LABEL
    EXTENSION.notes_heading = edition.get("notes_label") or DEFAULT_NOTES_HEADING
    return markdown
