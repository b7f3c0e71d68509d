"""Safe HTML by construction in the build (the logic is in scripts/refcheck/safehtml/; this adapts it to MkDocs).

- Before a page renders: its size, nesting depth and footnotes are checked; a page past a limit is
  an error and is published as a one-line notice instead of being rendered (minutes, gigabytes).
  Front-matter text that carries markup is an error too.
- After it renders: its HTML passes through the allowlist sanitizer; each removal is an error at
  the Markdown line it came from, in the words the reference checker uses. Front-matter values,
  and the mkdocs.yml strings and nav titles that templates print, are escaped.
- After the templates: the page gets its Content-Security-Policy, with the hashes of the inline
  scripts the templates wrote.

Errors are logged as warnings, which `mkdocs build --strict` counts, as the reference_check hook does.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from mkdocs.exceptions import BuildError  # noqa: E402

from refcheck.safehtml import budget, csp, escape, page as safe_page, policy  # noqa: E402
from refcheck import uitext  # noqa: E402
from refcheck.safehtml.authored import Guard  # noqa: E402
from refcheck.uitext.shown import visible_lines  # noqa: E402

log = logging.getLogger("mkdocs.hooks.safe_html")
NOT_FOUND = "404.html"
# A page past a limit is published as this notice (the build fails under --strict anyway).
TOO_LARGE = "This page could not be published: it is past the size or nesting limits of this site."
_sources: dict[str, safe_page.Source] = {}
# Lines already logged in this build: static-i18n builds a fallback page once per language.
_reported: set[str] = set()


def _file(page: Page, config: MkDocsConfig) -> str:
    root = Path(config.config_file_path).resolve().parent
    try:
        return Path(page.file.abs_src_path).resolve().relative_to(root).as_posix()
    except ValueError:
        return page.file.src_uri


def _report(page: Page, config: MkDocsConfig, problems: list[safe_page.Problem]) -> None:
    if not problems or _preview:
        return  # the preview: the reference_check hook's banner and log say them
    file = _file(page, config)
    for problem in problems:
        line = f"{file}:{problem.line}: {problem.rule}: {visible_lines(problem.in_language(uitext._))}"
        if line not in _reported:
            _reported.add(line)
            log.warning(line)


# `mkdocs serve`: MkDocs' live-reload script runs inline (see safehtml.csp.policy).
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The checker, run by the reference_check hook in this process, leaves these pages to the build,
    # except in the preview, where its findings make each page's banner (and the build logs none).
    safe_page.BUILD_REPORTS_PAGES = not _preview
    policy.set_own_site(config.site_url)
    # Last of the extensions: it judges the attributes the page's author set (authored.py).
    if not any(isinstance(extension, Guard) for extension in config.markdown_extensions):
        config.markdown_extensions.append(_guard)
    return config


_guard = Guard()


# After the i18n plugin has set the language being built.
@event_priority(-120)
def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None)):
        _reported.clear()  # a new build (`mkdocs serve` rebuilds): report everything again


def on_env(env, config: MkDocsConfig, files):
    env.filters["striptags"] = escape.striptags
    return env


# Before every other hook and plugin sees the Markdown.
@event_priority(200)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    # MkDocs has read the front matter: the Markdown it hands on is what follows it.
    text = page.file.content_string
    source = safe_page.Source(text, page.meta, len(text) - len(markdown) if text.endswith(markdown) else 0)
    _sources[page.file.src_uri] = source
    _report(page, config, safe_page.front_matter_problems(source) + safe_page.bidi_problems(source))
    breaches = safe_page.limit_problems(source)
    if breaches:
        _report(page, config, breaches)
        return TOO_LARGE
    # Until on_page_content below: Python-Markdown and every hook's work on the page's HTML.
    late = safe_page.out_of_time(source)
    budget.start(budget.PAGE_SECONDS, lambda: BuildError(
        f"{_file(page, config)}:{late.line}: {late.rule}: {late.in_language(uitext._)}"))
    return markdown


def on_build_error(error: Exception) -> None:
    budget.stop()


# After every other hook and plugin changed the HTML: what is published is what was checked.
@event_priority(-1000)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    budget.stop()
    source = _sources.pop(page.file.src_uri, None) or safe_page.Source.read(page.file.content_string)
    cleaned, problems = safe_page.sanitize(html, source)
    cleaned, repeated = safe_page.unique_ids(cleaned, source)
    _report(page, config, problems + safe_page.refusal_problems(_guard.refused, source) + repeated)
    escape.in_place(page.meta)
    for item in _toc_items(page.toc):
        item.title = escape.markup_text(item.title)
    return cleaned


def _toc_items(items):
    for item in items or []:
        yield item
        yield from _toc_items(getattr(item, "children", None))


# (container, key, original value): config values swapped for escaped copies while a template
# renders, and put back afterwards, so that plugins (static-i18n compares types when it switches
# languages) and later pages see mkdocs.yml's values as they were.
_swapped: list[tuple[object, str, object]] = []


# Escaped copies by the identity and text of what they copy (mkdocs.yml's values change only
# between languages; a hook may still change one in place, which its text shows).
_escaped: dict[int, tuple[object, str, object]] = {}


def _swap(container, key: str, value) -> None:
    _swapped.append((container, key, container[key]))
    container[key] = value


def _escaped_copy(value):
    original, text, copy = _escaped.get(id(value), (None, "", None))
    if original is not value or text != repr(value):
        copy = escape.escaped_copy(value)
        _escaped[id(value)] = (value, repr(value), copy)
    return copy


def _escape_config(config: MkDocsConfig) -> None:
    _restore_config()
    for key in ("site_name", "site_description", "site_author"):
        _swap(config, key, escape.text(config.get(key)))
    _swap(config, "copyright", escape.markup(config.get("copyright")))
    for key in ("edition", "alternate"):
        if config.extra.get(key) is not None:
            _swap(config.extra, key, _escaped_copy(config.extra[key]))
    if config.theme.get("palette"):
        _swap(config.theme, "palette", _escaped_copy(config.theme["palette"]))


def _restore_config() -> None:
    while _swapped:
        container, key, original = _swapped.pop()
        container[key] = original


def _escape_nav(items) -> None:
    for item in items or []:
        # Titles given in mkdocs.yml (nav, nav_translations); titles from a page's heading are
        # already HTML text, and those from its front matter were escaped with its meta.
        if isinstance(item, (Section, Link)) or (isinstance(item, Page) and "title" in vars(item)):
            item.title = escape.text(item.title)
        _escape_nav(getattr(item, "children", None))


# Last: after the i18n plugin and the other hooks have set this language's values.
@event_priority(-1000)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    _escape_config(config)
    _escape_nav(getattr(nav, "items", None))
    return context


@event_priority(-1000)
def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    _escape_config(config)
    return context


# Last: the hashes are those of the final page.
@event_priority(-1000)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _restore_config()
    # A script holding the page's own values (front matter, title) gets no hash: only the theme's run.
    page_data = [text for _, text in safe_page.strings_of(page.meta)] + [str(page.title or "")]
    return csp.with_policy(output, preview=_preview, page_data=page_data)


# Before per_language_outputs.py keeps each language's 404 page.
@event_priority(100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    _restore_config()
    return csp.with_policy(output, preview=_preview) if template_name.endswith(".html") else output


# After per_language_outputs.py (-200) has written each language's 404 page. Hosts such as GitHub
# Pages answer every unknown address with the root 404.html, whose script then writes the
# language's own 404 page into the document: both policies apply to it, so every 404 page allows
# the inline scripts of all of them.
@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    i18n = config.plugins.get("i18n")
    folders = [site_dir] + [site_dir / language for language in getattr(i18n, "build_languages", None) or []]
    pages = {folder / NOT_FOUND: (folder / NOT_FOUND).read_text(encoding="utf-8")
             for folder in folders if (folder / NOT_FOUND).is_file()}
    hashes: list[str] = []
    for page in pages.values():
        hashes += [source for source in csp.inline_script_hashes(page) if source not in hashes]
    for path, page in pages.items():
        path.write_text(csp.with_policy(page, hashes, preview=_preview), encoding="utf-8")
