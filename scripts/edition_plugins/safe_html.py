"""Safe HTML by construction in the build (the logic is in scripts/refcheck/safehtml/; this plugin adapts it to MkDocs).

- Before a page renders: its size, nesting depth and footnotes are checked; a page past a limit is
  an error and is published as a one-line notice instead of being rendered (minutes, gigabytes).
  Front-matter text that carries markup is an error too.
- After it renders: its HTML passes through the allowlist sanitizer; each removal is an error at
  the Markdown line it came from, in the words the reference checker uses. Front-matter values,
  and the mkdocs.yml strings and nav titles that templates print, are escaped.
- After the templates: the page gets its Content-Security-Policy, with the hashes of the inline
  scripts the templates wrote.

Errors are logged as warnings, which `mkdocs build --strict` counts, as the refcheck plugin does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from mkdocs.exceptions import BuildError

from refcheck import uitext
from refcheck.safehtml import budget, csp, escape, page as safe_page, policy
from refcheck.safehtml.authored import Guard
from refcheck.uitext.shown import visible_lines

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
NOT_FOUND = "404.html"
# A page past a limit is published as this notice (the build fails under --strict anyway).
TOO_LARGE = "This page could not be published: it is past the size or nesting limits of this site."


class SafeHtmlPlugin(BasePlugin):
    """`edition-safe-html` in mkdocs.yml: list it last, after every plugin that changes a page."""

    def __init__(self) -> None:
        self.sources: dict[str, safe_page.Source] = {}
        # Lines already logged in this build: static-i18n builds a fallback page once per language.
        self.reported: set[str] = set()
        # `mkdocs serve`: MkDocs' live-reload script runs inline (see safehtml.csp.policy).
        self.preview = False
        self.config_escapes = ConfigEscapes()
        # Last of the Markdown extensions: it judges the attributes the page's author set (authored.py).
        self.guard = Guard()

    def on_startup(self, command: str, dirty: bool) -> None:
        self.preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The checker, run by the refcheck plugin in this process, leaves these pages to the build,
        # except in the preview, where its findings make each page's banner (and the build logs none).
        safe_page.BUILD_REPORTS_PAGES = not self.preview
        policy.set_own_site(config.site_url)
        if not any(isinstance(extension, Guard) for extension in config.markdown_extensions):
            config.markdown_extensions.append(self.guard)
        return config

    def on_build_error(self, error: Exception) -> None:
        budget.stop()

    # After the i18n plugin has set the language being built.
    @event_priority(-120)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is None or getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None)):
            self.reported.clear()  # a new build (`mkdocs serve` rebuilds): report everything again

    def on_env(self, env, config: MkDocsConfig, files):
        env.filters["striptags"] = escape.striptags
        return env

    def report(self, page: Page, config: MkDocsConfig, problems: list[safe_page.Problem]) -> None:
        if not problems or self.preview:
            return  # the preview: the refcheck plugin's banner and log say them
        file = _file(page, config)
        for problem in problems:
            line = f"{file}:{problem.line}: {problem.rule}: {visible_lines(problem.in_language(uitext._))}"
            if line not in self.reported:
                self.reported.add(line)
                log.warning(line)

    # Before every other plugin sees the Markdown.
    @event_priority(200)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        # MkDocs has read the front matter: the Markdown it hands on is what follows it.
        text = page.file.content_string
        source = safe_page.Source(text, page.meta, len(text) - len(markdown) if text.endswith(markdown) else 0)
        self.sources[page.file.src_uri] = source
        self.report(page, config, safe_page.front_matter_problems(source) + safe_page.bidi_problems(source))
        breaches = safe_page.limit_problems(source)
        if breaches:
            self.report(page, config, breaches)
            return TOO_LARGE
        # Until on_page_content below: Python-Markdown and every plugin's work on the page's HTML.
        late = safe_page.out_of_time(source)
        budget.start(budget.PAGE_SECONDS, lambda: BuildError(
            f"{_file(page, config)}:{late.line}: {late.rule}: {late.in_language(uitext._)}"))
        return markdown

    # After every other plugin changed the HTML: what is published is what was checked.
    @event_priority(-1000)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        budget.stop()
        source = self.sources.pop(page.file.src_uri, None) or safe_page.Source.read(page.file.content_string)
        cleaned, problems = safe_page.sanitize(html, source)
        cleaned, repeated = safe_page.unique_ids(cleaned, source)
        self.report(page, config, problems + safe_page.refusal_problems(self.guard.refused, source) + repeated)
        escape.in_place(page.meta)
        for item in _toc_items(page.toc):
            item.title = escape.markup_text(item.title)
        return cleaned

    # Last: after the i18n plugin and the other plugins have set this language's values.
    @event_priority(-1000)
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        self.config_escapes.escape(config)
        _escape_nav(getattr(nav, "items", None))
        return context

    @event_priority(-1000)
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        self.config_escapes.escape(config)
        return context

    # Last: the hashes are those of the final page.
    @event_priority(-1000)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.config_escapes.restore()
        # A script holding the page's own values (front matter, title) gets no hash: only the theme's run.
        page_data = [text for _, text in safe_page.strings_of(page.meta)] + [str(page.title or "")]
        return csp.with_policy(output, preview=self.preview, page_data=page_data)

    # Before edition-per-language-outputs keeps each language's 404 page.
    @event_priority(100)
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        self.config_escapes.restore()
        return csp.with_policy(output, preview=self.preview) if template_name.endswith(".html") else output

    # After edition-per-language-outputs (-200) has written each language's 404 page. Hosts such as
    # GitHub Pages answer every unknown address with the root 404.html, whose script then writes the
    # language's own 404 page into the document: both policies apply to it, so every 404 page allows
    # the inline scripts of all of them.
    @event_priority(-300)
    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        i18n = config.plugins.get("i18n")
        folders = [site_dir] + [site_dir / language for language in getattr(i18n, "build_languages", None) or []]
        pages = {folder / NOT_FOUND: (folder / NOT_FOUND).read_text(encoding="utf-8")
                 for folder in folders if (folder / NOT_FOUND).is_file()}
        hashes: list[str] = []
        for page in pages.values():
            hashes += [source for source in csp.inline_script_hashes(page) if source not in hashes]
        for path, page in pages.items():
            path.write_text(csp.with_policy(page, hashes, preview=self.preview), encoding="utf-8")


def _file(page: Page, config: MkDocsConfig) -> str:
    root = Path(config.config_file_path).resolve().parent
    try:
        return Path(page.file.abs_src_path).resolve().relative_to(root).as_posix()
    except ValueError:
        return page.file.src_uri


def _toc_items(items):
    for item in items or []:
        yield item
        yield from _toc_items(getattr(item, "children", None))


class ConfigEscapes:
    """Config values swapped for escaped copies while a template renders, and put back afterwards,
    so that plugins (static-i18n compares types when it switches languages) and later pages see
    mkdocs.yml's values as they were."""

    def __init__(self) -> None:
        self.swapped: list[tuple[object, str, object]] = []  # (container, key, original value)
        # Escaped copies by the identity and text of what they copy (mkdocs.yml's values change only
        # between languages; a plugin may still change one in place, which its text shows).
        self.copies: dict[int, tuple[object, str, object]] = {}

    def swap(self, container, key: str, value) -> None:
        self.swapped.append((container, key, container[key]))
        container[key] = value

    def escaped_copy(self, value):
        original, text, copy = self.copies.get(id(value), (None, "", None))
        if original is not value or text != repr(value):
            copy = escape.escaped_copy(value)
            self.copies[id(value)] = (value, repr(value), copy)
        return copy

    def escape(self, config: MkDocsConfig) -> None:
        self.restore()
        for key in ("site_name", "site_description", "site_author"):
            self.swap(config, key, escape.text(config.get(key)))
        self.swap(config, "copyright", escape.markup(config.get("copyright")))
        for key in ("edition", "alternate"):
            if config.extra.get(key) is not None:
                self.swap(config.extra, key, self.escaped_copy(config.extra[key]))
        if config.theme.get("palette"):
            self.swap(config.theme, "palette", self.escaped_copy(config.theme["palette"]))

    def restore(self) -> None:
        while self.swapped:
            container, key, original = self.swapped.pop()
            container[key] = original


def _escape_nav(items) -> None:
    for item in items or []:
        # Titles given in mkdocs.yml (nav, nav_translations); titles from a page's heading are
        # already HTML text, and those from its front matter were escaped with its meta.
        if isinstance(item, (Section, Link)) or (isinstance(item, Page) and "title" in vars(item)):
            item.title = escape.text(item.title)
        _escape_nav(getattr(item, "children", None))
