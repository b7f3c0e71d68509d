"""Give each language its own search index and its own 404 page.

mkdocs-static-i18n builds the languages one after the other into one site directory. Two outputs
are then shared by all languages where readers need one per language:

* the search index: the plugin merges every language into `search/search_index.json`, so a search
  on a Spanish page returns English pages too, with English and Spanish stemming mixed;
* `404.html`: every language writes it at the root, and the last one built wins.

This plugin splits the merged index into one index per language (`search/search_index.json` for the
default language, `<lang>/search/search_index.json` for the others, each with only its own lunr
language), writes each language's 404 page to its own folder, and tells the templates which
language folder the page belongs to (`extra.language_prefix`), so that `overrides/main.html`
points the theme's search at that language's index. It also gives each language link its whole
address (`href`), which hreflang alternates need, and points the 404 pages' language links at each
language's home page.

In the preview of one language (`scripts/site.py serve --lang es`, static-i18n's `build_only_locale`),
that language is built at the site's root; it is served at `/es/` too, where links to it point.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from edition.build_languages import BuildLanguages
from edition.search_index import split_search_index

NOT_FOUND = "404.html"


def _i18n(config: MkDocsConfig):
    return config.plugins.get("i18n")


class PerLanguageOutputsPlugin(BasePlugin):
    """`edition-per-language-outputs` in mkdocs.yml, after the i18n plugin."""

    def __init__(self) -> None:
        # 404 pages rendered so far, by language; kept across the per-language builds of one site build.
        self.not_found_pages: dict[str, str] = {}
        self.preview = False

    def on_startup(self, command: str, dirty: bool) -> None:
        self.preview = command == "serve"

    # After the i18n plugin (-100) has switched the configuration to the language being built.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra["language_prefix"] = BuildLanguages.of(config).folder()
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.preview:
            _remove_alias(config)
        languages = BuildLanguages.of(config)
        if languages.current == languages.default:
            self.not_found_pages.clear()

    # After the i18n plugin (50) has filled in the template context.
    @event_priority(0)
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        _not_found_alternates(template_name, config)
        return context

    # After the i18n plugin (50) has pointed the language links at this page's translations.
    @event_priority(0)
    def on_page_context(self, context: dict, page, config: MkDocsConfig, nav) -> dict:
        """Give each language link an absolute address too: search engines want hreflang URLs whole."""
        _absolute_alternates(config)
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == NOT_FOUND:
            self.not_found_pages[BuildLanguages.of(config).current] = output
        return output

    # After the i18n plugin (-100) has built the other languages and merged their search entries. The
    # outermost build runs this last, over the complete merged index.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.preview:
            _add_alias(config)
        site_dir = Path(config.site_dir)
        languages = BuildLanguages.of(config)
        for language, output in self.not_found_pages.items():
            path = site_dir / languages.folder(language) / NOT_FOUND
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output, encoding="utf-8")
        split_search_index(site_dir, languages.default, list(languages.built))


def _not_found_alternates(template_name: str, config: MkDocsConfig) -> None:
    """The 404 page belongs to no page: its language links lead to each language's home page."""
    i18n = _i18n(config)
    if template_name == NOT_FOUND and i18n is not None:
        languages = BuildLanguages.of(config)
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        # static-i18n sets `extra.alternate` both as an item and as an attribute; templates read
        # the attribute.
        config.extra["alternate"] = config.extra.alternate = [
            {
                "name": i18n.get_language_config(language).name,
                "link": f"{base}/{languages.folder(language)}",
                "lang": language,
            }
            for language in languages.built
        ]
        _absolute_alternates(config)


def _absolute_alternates(config: MkDocsConfig) -> None:
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["href"] = urljoin(config.site_url or "", alternate.get("link", ""))


def _only_locale(config: MkDocsConfig) -> str | None:
    """The one language a preview builds (static-i18n's `build_only_locale`), or None."""
    only = getattr(getattr(_i18n(config), "config", None), "build_only_locale", None)
    return only if isinstance(only, str) and re.fullmatch(r"[A-Za-z_-]+", only) else None


def _add_alias(config: MkDocsConfig) -> None:
    # static-i18n makes that language the default one: it is built at the root.
    only = _only_locale(config)
    if only:
        alias = Path(config.site_dir) / only
        if not alias.exists():
            alias.symlink_to(".", target_is_directory=True)


def _remove_alias(config: MkDocsConfig) -> None:
    # MkDocs empties the site folder before each build and cannot remove a link to a folder.
    only = _only_locale(config)
    if only:
        alias = Path(config.site_dir) / only
        if alias.is_symlink():
            alias.unlink()
