"""Tell readers of a translated page when its English original changed since the translation.

Each translated page names the English text it translates in its front matter (`translation_of`,
see scripts/refcheck/translation/). While building a page of another language than the default, this
plugin compares that hash with the English page as it is now and gives the template the page's
`translation_state`:

* "stale": the English page changed since; `overrides/main.html` shows `extra.edition.stale_notice`
  of the page's language, with a link to the English original;
* "untranslated": a copy of the English page made by `scripts/site.py add-language`; the template
  shows `extra.edition.fallback_notice`, as for a page that static-i18n fills in from English;
* "translated" or "unrecorded" (no `translation_of`): the usual translation notice.

It only reads files and adds a template variable: it never warns, so `mkdocs build --strict`
does not fail on a stale translation (the reference checker reports it as a warning).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from refcheck.translation import pages
from refcheck.translation.status import page_status


class TranslationNoticesPlugin(BasePlugin):
    """`edition-translation-notices` in mkdocs.yml."""

    def __init__(self) -> None:
        self.project: pages.Project | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance across rebuilds (MkDocs' plugin cache)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.project = pages.load_project(Path(config.config_file_path).resolve().parent)
        except pages.TranslationError:
            self.project = None  # no i18n languages: nothing to compare
        return config

    # After static-i18n's on_page_context (priority 50), which sets the file's locale.
    @event_priority(-50)
    def on_page_context(self, context: dict, page, config: MkDocsConfig, nav) -> dict:
        context["translation_state"] = _state(self.project, page)
        return context


def _state(project: pages.Project | None, page) -> str | None:
    locale = getattr(page.file, "locale", None)
    page_key = getattr(page.file, "norm_src_uri", None)
    if project is None or not locale or locale == project.default or not page_key:
        return None
    try:
        return page_status(project, locale, page_key, details=False).state
    except (OSError, UnicodeDecodeError):
        return None  # no English page for it (an extra page of this language): nothing to compare
