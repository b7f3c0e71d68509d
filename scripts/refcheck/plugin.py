"""The reference checker as a MkDocs plugin: `refcheck` under `plugins:` runs the source checks
(offline, as the `refcheck` command does) in `mkdocs build` and `mkdocs serve`.

* `mkdocs build`: each finding is logged with its real severity; errors are logged at ERROR level,
  which `--strict` counts, so a published build fails on them. Warnings are logged at INFO level
  (their line says "warning"), since `--strict` would fail on a WARNING.
* `mkdocs serve` (the translator's preview): a finding never stops the preview. Strict mode is
  turned off for the preview's builds, even `mkdocs serve --strict` (an aborted rebuild leaves the
  browser waiting for a page that never comes), each finding is printed once per rebuild at its own
  level, and, with `banner: true`, every page shows a banner listing the findings in the page's
  language (its own file's first), gone on the next rebuild once they are fixed. The banner is plain
  HTML and CSS (theme/assets/refcheck/preview.css, added to the theme): no script, so it works under
  a Content-Security-Policy. With `compare_pages: true`, each translated page is also written beside
  its original (/_translation/<lang>/<page>/) and its banner links there. static-i18n's settings
  dumps (five long lines per rebuild) are left out of the terminal.

The checks run once per build (before the default language: static-i18n builds each language in
turn); in the preview, once more per other language that has findings, so that the banner of a
Spanish page speaks Spanish. Severities and exclusions come from `extra.refcheck` in mkdocs.yml, as
for the command line. REFCHECK_HOOK=off in the environment skips the checks (`refcheck --build`
sets it for the build it checks). MkDocs keeps this plugin's instance across the preview's rebuilds
(it defines `on_startup`), so the mode it records there holds for every rebuild.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

log = logging.getLogger("mkdocs.plugins.refcheck")
THEME = Path(__file__).resolve().parent / "theme"
PREVIEW_CSS = "assets/refcheck/preview.css"
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">')
BODY = re.compile(r"<body[^>]*>")
TERMINAL, PAGE = "terminal", "page"
OFF = ("off", "0", "no")


class RefcheckConfig(base.Config):
    # The page banner that `mkdocs serve` shows while the project has findings.
    banner = c.Type(bool, default=True)
    # The command that messages tell the reader to run for the whole report.
    check_command = c.Type(str, default="refcheck")
    # Keep page facts in the checker's cache (outside the project), so a rebuild after saving one
    # page parses that page only. REFCHECK_CACHE=off in the environment keeps nothing either.
    cache = c.Type(bool, default=True)
    # In `mkdocs serve`, each translated page beside its original at /_translation/<lang>/<page>/,
    # linked from the banner.
    compare_pages = c.Type(bool, default=True)


class RefcheckPlugin(BasePlugin[RefcheckConfig]):
    """`refcheck` in mkdocs.yml's `plugins:` (after `i18n` when the project has one)."""

    def __init__(self) -> None:
        self.preview = False
        # This build's findings, by the language their messages speak, and the two in use now.
        self.findings: dict[str, list] = {}

    def on_startup(self, command: str, dirty: bool) -> None:
        self.preview = command == "serve"

    def disabled(self) -> bool:
        return os.environ.get("REFCHECK_HOOK", "").lower() in OFF

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.preview:
            # The preview shows findings in the page instead of refusing to build (builds and CI
            # stay strict), and keeps static-i18n's settings dumps out of the terminal.
            _no_strict_abort()
            logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
            if self.config.banner and not self.disabled():
                if str(THEME) not in config.theme.dirs:
                    config.theme.dirs.append(str(THEME))
                if PREVIEW_CSS not in config.extra_css:
                    config.extra_css.append(PREVIEW_CSS)
        return config

    # After the i18n plugin has set the language being built.
    @event_priority(-120)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.disabled():
            return
        from refcheck import uitext
        from refcheck.project import CannotRun

        lang, default = _languages(config)
        root = Path(config.config_file_path).resolve().parent
        try:
            if lang in (None, default):
                self.findings.clear()
                # The terminal speaks the translator's language (LANG / LC_ALL / LC_MESSAGES).
                self.findings[TERMINAL] = self.check_in(root, uitext.supported(uitext.from_environment()))
                self.log(self.findings[TERMINAL])
            if self.preview and self.config.banner and self.findings.get(TERMINAL):
                # Each page's banner speaks the page's language.
                self.findings[PAGE] = self.check_in(root, uitext.supported(lang or config.theme.get("language")))
        except CannotRun as error:
            log.error(uitext._("reference check could not run: {error}").format(error=error))

    def check_in(self, root: Path, ui: str) -> list:
        """The findings with messages in `ui`, checked once per language and build."""
        if ui not in self.findings:
            no_cache = not self.config.cache or os.environ.get("REFCHECK_CACHE", "").lower() in OFF
            self.findings[ui] = _check(root, ui, no_cache)
        return self.findings[ui]

    def log(self, findings: list) -> None:
        from refcheck import report
        from refcheck.findings import Severity

        levels = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}
        if not self.preview:  # a WARNING fails a strict build; warnings do not fail the published build
            levels[Severity.WARNING] = logging.INFO
        for finding in findings:
            # One line per finding: a stale translation's word changes are in the banner and the command.
            log.log(levels[finding.severity], report.line(finding).splitlines()[0])
        if findings:
            log.info(report.summary(findings, self.config.check_command))

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The preview's compare pages (/_translation/<lang>/<page>/, refcheck/translation/compare.py)."""
        lang, default = _languages(config)
        if self.preview and self.config.compare_pages and not self.disabled() and lang in (None, default):
            from refcheck.translation import compare
            from refcheck.translation.pages import TranslationError, load_project

            try:
                compare.write_compare_pages(load_project(Path(config.config_file_path).resolve().parent),
                                            Path(config.site_dir))
            except (TranslationError, OSError) as error:
                log.warning("compare pages not written: %s", error)

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        if not self.preview or not self.config.banner or self.disabled() or not self.findings.get(PAGE):
            return output
        from refcheck import preview

        lang, default = _languages(config)
        root = Path(config.config_file_path).resolve().parent
        try:
            source = Path(page.file.abs_src_path).resolve().relative_to(root).as_posix()
        except (TypeError, ValueError):
            source = ""
        compare_href = None
        if (self.config.compare_pages and lang and lang != default
                and source.startswith(f"{config.docs_dir and Path(config.docs_dir).name}/{lang}/")):
            from refcheck.translation.compare import compare_url

            key = source.split(f"/{lang}/", 1)[1]
            compare_href = (urlsplit(config.site_url or "/").path.rstrip("/") or "") + "/" + compare_url(lang, key)
        banner = preview.banner(self.findings[PAGE], source, lang or config.theme.get("language") or "en",
                                self.config.check_command, compare_href=compare_href)
        place = ARTICLE.search(output) or BODY.search(output)
        if place is None:
            return banner + output
        return output[:place.end()] + banner + output[place.end():]


def _no_strict_abort() -> None:
    """Detach the counter that makes `mkdocs serve --strict` abort a rebuild on a warning.

    MkDocs attaches it to the `mkdocs` logger before `on_config`, and an aborted rebuild leaves the
    browser waiting for a page that never comes; the findings are in the banner instead.
    """
    from mkdocs.utils import CountHandler

    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if isinstance(h, CountHandler)]:
        logger.removeHandler(handler)


def _languages(config: MkDocsConfig) -> tuple[str | None, str | None]:
    """(the language being built, the default language); (None, None) without static-i18n."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None, None
    return getattr(i18n, "current_language", None), getattr(i18n, "default_language", None)


def _check(root: Path, lang: str, no_cache: bool) -> list:
    from refcheck import pipeline, uitext
    from refcheck.cache import choose_cache_dir

    uitext.use(lang)
    project, settings = pipeline.read(root, jobs=1, cache_dir=choose_cache_dir(root, None, no_cache))
    return settings.apply(pipeline.check_sources(project, settings))
