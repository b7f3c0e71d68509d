"""Run the reference checker's source checks inside MkDocs (scripts/check_references.py, offline).

Two modes, told apart by MkDocs' `on_startup` event:

* `mkdocs build` (`site.py build`, CI): each finding is logged with its real severity; errors are
  logged at ERROR level, which `--strict` counts, so a published build fails on them. Warnings are
  logged at INFO level (their line says "warning"), since `--strict` would fail on a WARNING.
* `mkdocs serve` (`site.py serve`, the translator's preview): a finding never stops the preview.
  Strict mode is turned off for the preview's builds, even `mkdocs serve --strict` (an aborted
  rebuild leaves the browser waiting for a page that never comes), each finding is printed once per rebuild at its own level,
  and every page shows a banner listing the findings in the page's language (its own file's first),
  gone on the next rebuild once they are fixed. The banner is plain HTML and CSS
  (overrides/assets/stylesheets/preview.css): no script, so it works under a Content-Security-Policy.
  The static-i18n plugin's settings dumps (five long lines per rebuild) are left out of the terminal.

The checks run once per build (before the default language, static-i18n builds each language in
turn); in the preview, once more per other language that has findings, so that the banner of a
Spanish page speaks Spanish. Severities and exclusions come from `extra.refcheck` in mkdocs.yml, as
for the command line. Set REFCHECK_HOOK=off to skip them.
Page facts are kept in the checker's cache (refcheck/cache.py, outside the project), so a rebuild
after saving one page parses that page only; REFCHECK_CACHE=off keeps nothing.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
log = logging.getLogger("mkdocs.hooks.reference_check")
# MkDocs loads this module afresh for every rebuild of the preview, and only the first load sees
# `on_startup`: the preview mode is kept in the process's environment.
PREVIEW_FLAG = "REFCHECK_PREVIEW"
PREVIEW_CSS = "assets/stylesheets/preview.css"
CHECK_COMMAND = "python3 scripts/site.py check"
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">')
BODY = re.compile(r"<body[^>]*>")

# This build's findings, by the language their messages speak, and the two in use now.
_findings: dict[str, list] = {}
TERMINAL, PAGE = "terminal", "page"


def _scripts_importable() -> None:
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))


def _preview() -> bool:
    return os.environ.get(PREVIEW_FLAG) == "1"


def _disabled() -> bool:
    return os.environ.get("REFCHECK_HOOK", "").lower() in ("off", "0", "no")


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[PREVIEW_FLAG] = "1"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _preview():
        # The preview shows findings in the page instead of refusing to build (site.py build and
        # CI still build strictly), and keeps static-i18n's settings dumps out of the terminal.
        _no_strict_abort()
        logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
        if PREVIEW_CSS not in config.extra_css:
            config.extra_css.append(PREVIEW_CSS)
    return config


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


def _check(root: Path, lang: str) -> list:
    from refcheck import pipeline
    from refcheck import uitext

    from refcheck.cache import choose_cache_dir

    uitext.use(lang)
    no_cache = os.environ.get("REFCHECK_CACHE", "").lower() in ("off", "0", "no")
    project, settings = pipeline.read(root, jobs=1, cache_dir=choose_cache_dir(root, None, no_cache))
    return settings.apply(pipeline.check_sources(project, settings))


def _log(findings: list) -> None:
    from refcheck import report
    from refcheck.findings import Severity

    levels = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}
    if not _preview():  # a WARNING fails a strict build; warnings do not fail the published build
        levels[Severity.WARNING] = logging.INFO
    for finding in findings:
        # One line per finding: a stale translation's word changes are in the banner and `check`.
        log.log(levels[finding.severity], report.line(finding).splitlines()[0])
    if findings:
        log.info(report.summary(findings, CHECK_COMMAND))


def _check_in(root: Path, ui: str) -> list:
    """The findings with messages in `ui`, checked once per language and build."""
    if ui not in _findings:
        _findings[ui] = _check(root, ui)
    return _findings[ui]


# After the i18n plugin has set the language being built.
@event_priority(-120)
def on_pre_build(config: MkDocsConfig) -> None:
    if _preview():
        _remove_alias(config)
    if _disabled():
        return
    _scripts_importable()
    from refcheck import uitext
    from refcheck.project import CannotRun

    lang, default = _languages(config)
    root = Path(config.config_file_path).resolve().parent
    try:
        if lang in (None, default):
            _findings.clear()
            # The terminal speaks the translator's language (LANG / LC_ALL / LC_MESSAGES).
            _findings[TERMINAL] = _check_in(root, uitext.supported(uitext.from_environment()))
            _log(_findings[TERMINAL])
        if _preview() and _findings.get(TERMINAL):
            # Each page's banner speaks the page's language.
            _findings[PAGE] = _check_in(root, uitext.supported(lang or config.theme.get("language")))
    except CannotRun as error:
        log.error(uitext._("reference check could not run: {error}").format(error=error))


def on_post_build(config: MkDocsConfig) -> None:
    """The preview's compare pages (/_translation/<lang>/<page>/, scripts/refcheck/translation/compare.py);
    `serve --lang es` builds Spanish at the root: serve it at /es/ too, where links to it point."""
    lang, default = _languages(config)
    if _preview() and not _disabled() and lang in (None, default):
        _scripts_importable()
        from refcheck.translation import compare
        from refcheck.translation.pages import TranslationError, load_project

        try:
            compare.write_compare_pages(load_project(Path(config.config_file_path).resolve().parent),
                                        Path(config.site_dir))
        except (TranslationError, OSError) as error:
            log.warning("compare pages not written: %s", error)
    only = os.environ.get("BUILD_ONLY_LOCALE")
    # static-i18n makes that language the default one: it is built at the root.
    if _preview() and only and re.fullmatch(r"[A-Za-z_-]+", only):
        alias = Path(config.site_dir) / only
        if not alias.exists():
            alias.symlink_to(".", target_is_directory=True)


def _remove_alias(config: MkDocsConfig) -> None:
    # MkDocs empties the site folder before each build and cannot remove a link to a folder.
    only = os.environ.get("BUILD_ONLY_LOCALE")
    if only:
        alias = Path(config.site_dir) / only
        if alias.is_symlink():
            alias.unlink()


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    if not _preview() or _disabled() or not _findings.get(PAGE):
        return output
    lang, _default = _languages(config)
    root = Path(config.config_file_path).resolve().parent
    try:
        source = Path(page.file.abs_src_path).resolve().relative_to(root).as_posix()
    except (TypeError, ValueError):
        source = ""
    _scripts_importable()
    from refcheck import preview

    compare_href = None
    if lang and lang != _default and source.startswith(f"{config.docs_dir and Path(config.docs_dir).name}/{lang}/"):
        from urllib.parse import urlsplit

        from refcheck.translation.compare import compare_url

        key = source.split(f"/{lang}/", 1)[1]
        compare_href = (urlsplit(config.site_url or "/").path.rstrip("/") or "") + "/" + compare_url(lang, key)
    banner = preview.banner(_findings[PAGE], source, lang or config.theme.get("language") or "en", CHECK_COMMAND,
                            compare_href=compare_href)
    place = ARTICLE.search(output) or BODY.search(output)
    if place is None:
        return banner + output
    return output[:place.end()] + banner + output[place.end():]
