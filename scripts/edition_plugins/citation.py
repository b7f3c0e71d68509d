"""Citation data and link previews on every page (the work is done by scripts/citation/).

Setting: `facts`, the edition's citation facts beside mkdocs.yml (default `citation.yml`).

* every page: `citation_head` in the template context, which overrides/partials/citation-head.html
  turns into Highwire, OpenGraph and Twitter tags and JSON-LD;
* "About this edition": its `<!-- citation:... -->` markers become the suggested citations and the
  download links;
* after each language's build: `cite/remain-in-mexico.{bib,ris,json}` and the preview image
  `assets/images/preview.png` in that language's folder; `robots.txt` at the site's root.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from citation import about_section, edition_record, formats, head, masthead, preview_image, styles
from edition.build_languages import BuildLanguages
from edition.dates import ensure_source_date_epoch
from citation.citation_data import FACTS_FILE, CitationError, Edition, Facts, byline, edition_for, load_facts

CITE_FOLDER = "cite/"
PREVIEW_IMAGE = "assets/images/preview.png"


class CitationConfig(base.Config):
    # The project's own facts, beside its mkdocs.yml.
    facts = c.Type(str, default=FACTS_FILE.name)


class CitationPlugin(BasePlugin[CitationConfig]):
    """`edition-citation` in mkdocs.yml, after the i18n plugin."""

    def __init__(self) -> None:
        self.facts: Facts | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance across rebuilds (MkDocs' plugin cache)."""

    # After the i18n plugin (-100) has switched the configuration to the language being built.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            root = Path(config.config_file_path).resolve().parent
            self.facts = load_facts(root / self.config.facts)
            _edition(self.facts, config)  # every language built has its facts
            # Pages (the sitemap's lastmod) and PDFs are dated by git, never by the clock.
            ensure_source_date_epoch(root, self.facts.edition_date)
        except CitationError as error:
            raise PluginError(str(error)) from None
        return config

    @event_priority(-60)
    def on_page_context(self, context: dict, page, config: MkDocsConfig, nav) -> dict:
        context["citation_head"] = _page_head(self.facts, page, config)
        context["edition_masthead"] = masthead.masthead(self.facts, _edition(self.facts, config),
                                                        language_folder=BuildLanguages.of(config).folder())
        return context

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        if edition_record.has_markers(html):
            texts = config.extra.get("edition") or {}
            html = edition_record.fill(html, edition_record.values(
                self.facts, BuildLanguages.of(config).current,
                corrections_text=texts.get("corrections_text", "{address}"),
                no_corrections=texts.get("no_corrections", "")))
        return _about_section(self.facts, html, page, config)

    # Before the i18n plugin (-100) builds the next language, while this one's configuration holds.
    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        _write_downloads(self.facts, config)


def _language_root(config: MkDocsConfig) -> str:
    return urljoin(config.site_url or "/", BuildLanguages.of(config).folder())


def _edition(facts: Facts, config: MkDocsConfig) -> Edition:
    # The PDF that the edition-publish plugin writes in the language's folder.
    pdf = (config.extra.get("edition") or {}).get("pdf_file")
    return edition_for(facts, language=BuildLanguages.of(config).current, title=config.site_name, url=_language_root(config),
                       pdf_url=urljoin(_language_root(config), pdf) if pdf else None)


def _page_title(page, config: MkDocsConfig) -> str:
    """As overrides/main.html titles the page: the site name alone on a language's home page."""
    title = page.title or ""
    home = page.url == (config.extra.get("language_prefix") or "")
    return config.site_name if title == config.site_name or home else f"{title} - {config.site_name}"


def _page_head(facts: Facts, page, config: MkDocsConfig) -> str:
    edition = _edition(facts, config)
    languages = BuildLanguages.of(config)
    alternates = tuple(facts.language(language).og_locale for language in languages.built if language != languages.current)
    description = head.plain_text(page.meta.get("description") or config.site_description)
    page_facts = head.PageFacts(
        title=head.plain_text(_page_title(page, config)), description=description,
        url=page.canonical_url or edition.url, image_url=urljoin(edition.url, PREVIEW_IMAGE),
        image_alt=f"{edition.title} — {byline(facts.original, edition.language)}", site_name=config.site_name,
        alternate_locales=alternates)
    return head.page_head(facts, edition, page_facts)


def _about_section(facts: Facts, html: str, page, config: MkDocsConfig) -> str:
    if not any(marker in html for marker in about_section.MARKERS.values()):
        return html
    edition = _edition(facts, config)
    items = formats.csl_items(facts, edition)
    original, this_edition = styles.suggested_citations(items, edition.language,
                                                        english_title_case=facts.original.title)
    # Relative, so that the links work wherever the site is served: "es/about/" -> "../../es/cite/".
    folder = "../" * page.url.count("/") + BuildLanguages.of(config).folder() + CITE_FOLDER
    return about_section.fill(html, original=original, edition=this_edition, language=edition.language,
                              folder_url=folder)


def _write_downloads(facts: Facts, config: MkDocsConfig) -> None:
    edition = _edition(facts, config)
    languages = BuildLanguages.of(config)
    root = Path(config.site_dir) / languages.folder()
    for name, text in formats.downloads(facts, edition).items():
        _write(root / CITE_FOLDER / name, text.encode("utf-8"))
    text = preview_image.PreviewText(title=edition.title, byline=byline(facts.original, edition.language),
                                     edition_line=facts.language(languages.current).preview_note)
    try:
        _write(root / PREVIEW_IMAGE, preview_image.render(text))
    except CitationError as error:
        raise PluginError(str(error)) from None
    if languages.current == languages.default:
        # One sitemap for the whole site: static-i18n lists every language's pages in the root's.
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url or '/', 'sitemap.xml')}\n"
        _write(Path(config.site_dir) / "robots.txt", robots.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """Write only when changed, so that `serve` does not see its own output as a change."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
