"""The whole brief on one page (`/brief/`, `/es/brief/`) and as a PDF per language.

MkDocs glue only; the work is in scripts/publish/ (see its docstring). For each language built:

* `on_files` adds the page `brief.md` (generated: there is nothing for translators to keep up) to
  the language's files, out of the navigation and out of search (its text is every other page's),
  and into the sitemap with its translations as alternates;
* `on_env` joins the rendered pages of the navigation, in order (`publish.onepage`): MkDocs has
  converted every page's Markdown by then (no plugin changes a page's HTML after that) and has not
  yet begun to write the site. It has the PDF written (`extra.edition.pdf_file` in the
  language's folder) by `publish.pdf` in a worker process (`publish.background`) right then,
  while MkDocs copies the theme's files and writes the pages, rather than after them: the last
  language's PDF is what the whole build waits for. The site's files that the PDF reads
  (images) are copied first. The brief page's `on_page_context` fills it with the joined text;
* `on_page_content` marks each outside link whose text is its own address, which paper then
  prints once (`publish.addresses`, `overrides/assets/stylesheets/print.css`);
* the outermost build's `on_post_build` waits for every PDF. `mkdocs serve` skips the PDFs, so
  that a translator's preview stays fast, and so does a build with the setting `pdf: false` or
  PUBLISH_PDF=off (scripts/benchmarks/bench_publish.py compares the two); `pdf_cache: false` or
  PUBLISH_PDF_CACHE=off makes every PDF afresh.

The links to both are in `overrides/main.html` (every page) and on the About pages.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from edition.build_languages import BuildLanguages
from publish import addresses, onepage
from refcheck.safehtml import policy

if TYPE_CHECKING:
    from publish.background import PdfWorkers
    from publish.pdf import Job

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
BRIEF_PAGE = "brief.md"
OFF = ("off", "0", "no")


@dataclass(frozen=True)
class JoinedBrief:
    page: onepage.JoinedPage  # for the one-page brief: this edition's preface, then the brief
    pdf_fragment: str  # for the PDF: the brief without the preface (its title page says it)
    url: str  # the one-page brief's address, where the fragments' relative links start


class PublishConfig(base.Config):
    pdf = c.Type(bool, default=True)  # a PDF per language (PUBLISH_PDF=off turns it off too)
    pdf_cache = c.Type(bool, default=True)  # reuse an unchanged PDF (PUBLISH_PDF_CACHE=off: never)


class PublishPlugin(BasePlugin[PublishConfig]):
    """`edition-publish` in mkdocs.yml, after the i18n plugin."""

    def __init__(self) -> None:
        self.command = "build"
        self.joined: dict[str, JoinedBrief] = {}  # language -> its joined brief in the current build (on_env)
        self.brief_urls: dict[str, str] = {}  # language -> the address of its one-page brief (on_files)
        self.navs: dict = {}  # language -> its navigation in the current build (on_nav)
        self.workers: PdfWorkers | None = None  # the PDF workers of the current site build

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command

    def pdfs_wanted(self) -> bool:
        return (self.command != "serve" and self.config.pdf
                and os.environ.get("PUBLISH_PDF", "").lower() not in OFF)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.joined.pop(BuildLanguages.of(config).current, None)  # joined afresh in each build
        if self.pdfs_wanted() and _outermost_build(config) and self.workers is None:
            from publish import background
            from publish.pdf_cache import PdfCache

            cache = None
            if self.config.pdf_cache and os.environ.get("PUBLISH_PDF_CACHE", "").lower() not in OFF:
                cache = PdfCache(Path(config.config_file_path).resolve().parent / ".cache" / "publish")
            self.workers = background.PdfWorkers(cache)

    def on_build_error(self, error: Exception) -> None:
        if self.workers is not None:
            self.workers.cancel()
            self.workers = None

    # After the i18n plugin (-100) has chosen this language's files.
    @event_priority(-150)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.brief_urls[BuildLanguages.of(config).current] = _add_brief_page(files, config)
        return files

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Paper: a link whose text is its address is marked, so that print.css doesn't print it twice."""
        return addresses.mark_shown_addresses(html)

    # After the i18n plugin (-100) has translated the navigation.
    @event_priority(-150)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.navs[BuildLanguages.of(config).current] = nav
        return nav

    # Last: every page's HTML is final (the plugins' on_page_content have run); nothing is written yet.
    @event_priority(-300)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        current = BuildLanguages.of(config).current
        if current in self.brief_urls and current in self.navs:
            self.joined[current] = _join(config, self.navs.pop(current), self.brief_urls[current])
            job = self.pdf_job(config, self.joined[current])
            if job is not None:
                _copy_files_read(job, files)
                self.workers.submit(job)
        return env

    # After the i18n plugin (50) and the other plugins have set up the page's context.
    @event_priority(-100)
    def on_page_context(self, context: dict, page, config: MkDocsConfig, nav) -> dict:
        joined = self.joined.get(BuildLanguages.of(config).current)
        if _is_brief(page) and joined is not None:
            page.content = joined.page.html
            page.toc = get_toc([_token(heading) for heading in joined.page.headings])
        return context

    def pdf_job(self, config: MkDocsConfig, joined: JoinedBrief) -> Job | None:
        """The PDF to make for this language, or None when none is to be made."""
        languages = BuildLanguages.of(config)
        current = languages.current
        edition = config.extra.get("edition") or {}
        if not edition.get("pdf_file") or (self.pdfs_wanted() and self.workers is None):
            return None
        if not self.pdfs_wanted():
            from refcheck.uitext import _

            reason = "PUBLISH_PDF=off" if self.config.pdf else "pdf: false"
            if self.command == "serve":
                reason = _("the preview skips it (`python3 scripts/site.py build` makes it)")
            log.info(_("PDF ({language}) not made: {reason}").format(language=current, reason=reason))
            return None
        from publish import pdf

        if not pdf.PDF_FILE_NAME.fullmatch(str(edition["pdf_file"])):
            log.error(f"extra.edition.pdf_file ({current}): {edition['pdf_file']!r} is not a plain file name "
                      "such as remain-in-mexico.pdf: no PDF made")
            return None
        from citation.citation_data import FACTS_FILE, CitationError, load_facts

        try:  # this edition's date and version, from its record beside mkdocs.yml
            facts = load_facts(Path(config.config_file_path).resolve().parent / FACTS_FILE.name)
        except CitationError as error:
            log.error(f"PDF ({current}) not made: {error}")
            return None
        record = pdf.Edition.from_settings(
            current, edition, title=config.site_name, publisher=config.site_author or "",
            description=config.site_description or "", address=urljoin(config.site_url or "", languages.folder()),
            edited=facts.edition_date, version=facts.version,
        )
        site_url, site_dir = config.site_url or "", Path(config.site_dir)
        return pdf.Job(record, joined.pdf_fragment, base_url=urljoin(site_url, joined.url), site_url=site_url,
                       site_dir=site_dir, target=site_dir / languages.folder() / edition["pdf_file"])

    # Last of all: after static-i18n (-100) has built the other languages, and after the other plugins.
    @event_priority(-300)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.workers is None or not _outermost_build(config):
            return
        started = time.perf_counter()
        outcomes, self.workers = self.workers.finish(), None
        waited = time.perf_counter() - started
        for outcome in outcomes:
            name = outcome.target.relative_to(config.site_dir)
            if outcome.size is None:
                log.error(f"PDF not made: {name}: {outcome.error}")
            else:
                log.info(f"PDF: {name}, {outcome.size // 1024} KB" + (" (unchanged: kept from the last build)"
                                                                          if outcome.reused else ""))
        log.info(f"PDFs: the build waited {waited:.1f} s for them at its end")
        # Their size and page count in every page's header block (scripts/publish/pdf_facts.py).
        from publish import pdf_facts

        pdf_facts.fill_site(Path(config.site_dir), [outcome.target for outcome in outcomes if outcome.size is not None])


def _outermost_build(config: MkDocsConfig) -> bool:
    """static-i18n builds the other languages inside the first one's post-build step."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


def _brief_markdown(config: MkDocsConfig) -> str:
    edition = config.extra.get("edition") or {}
    title = edition.get("brief_page_title") or config.site_name
    # JSON is YAML: the title is quoted whatever it holds.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsearch:\n  exclude: true\n---\n"


def _add_brief_page(files: Files, config: MkDocsConfig) -> str:
    """Add this language's one-page brief to its files; its address."""
    languages = BuildLanguages.of(config)
    brief = File.generated(config, languages.folder() + BRIEF_PAGE, content=_brief_markdown(config),
                           inclusion=InclusionLevel.NOT_IN_NAV)
    # What static-i18n records on its own files: the language switcher and the sitemap read
    # `alternates` (the sitemap makes an address of site_url and `url` where `page` has none).
    brief.locale = brief.locale_alternate_of = languages.current
    brief.localization = languages.folder().rstrip("/") or None
    brief.norm_src_uri = BRIEF_PAGE
    brief.alternates = {
        language: SimpleNamespace(url=languages.folder(language) + BRIEF_PAGE.removesuffix(".md") + "/", page=None)
        for language in languages.built
    }
    files.append(brief)
    # static-i18n's sitemap.xml lists the pages it recorded in its own on_files, before this one;
    # record them again with the brief, as static-i18n does itself for pages the blog plugin adds.
    recorded = getattr(config.plugins.get("i18n"), "i18n_files_per_language", None)
    if isinstance(recorded, dict):
        recorded[languages.current] = files.documentation_pages()
    return brief.url


def _is_brief(page) -> bool:
    return getattr(page.file, "norm_src_uri", None) == BRIEF_PAGE and page.file.generated_by is not None


def _preface(config: MkDocsConfig) -> str:
    edition = config.extra.get("edition") or {}
    return onepage.preface(edition.get("added_by_edition", ""), edition.get("brief_page_note", ""),
                           pdf_href=f"../{edition['pdf_file']}" if edition.get("pdf_file") else "",
                           pdf_link=edition.get("pdf_link", ""))


def _join(config: MkDocsConfig, nav, url: str) -> JoinedBrief:
    sections = [onepage.Section(url=p.url, html=p.content or "") for p in nav.pages if not _is_brief(p)]
    # The joined text is sanitized again: the pages' HTML changes after the sanitizer saw it.
    return JoinedBrief(page=onepage.join(sections, url, clean=policy.clean, preface=_preface(config)),
                       pdf_fragment=onepage.join(sections, url, clean=policy.clean).html, url=url)


def _copy_files_read(job: Job, files: Files) -> None:
    """Write the site's files that the PDF reads now: MkDocs copies them only after on_env."""
    wanted = job.site_files_read()
    if not wanted:
        return
    for file in files:
        if Path(file.abs_dest_path).resolve() in wanted:
            file.copy_file()


def _token(heading: onepage.Heading) -> dict:
    return {"level": heading.level, "id": heading.id, "name": heading.title,
            "children": [_token(child) for child in heading.children]}
