"""Work a check starts before it imports its rules and reads the pages, so that a second core is
busy while the first imports: hunspell reading its dictionaries, Lingua its models (only for a
language without a dictionary: refcheck/engines/screen.py), and, in one worker process, the built
site read and the pages judged for unsafe HTML (refcheck.checks.unsafe.judge_ahead: rendering
them starts with 0.04 s of Python-Markdown's set-up). It reads mkdocs.yml for what to start; a
problem with it is left for the run to report.

Imports here are the few that reading mkdocs.yml needs; the rest is imported where it runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.config import Config, ConfigError, from_mkdocs_config
from refcheck.mkdocsconfig import CannotRun, MkDocsConfig, find_config, languages_of, read_config

# The rules that ask hunspell's dictionaries and Lingua.
LANGUAGE_RULES = ("untranslated-text", "spelling")


@dataclass(frozen=True)
class Started:
    """What `start` set going: `site` waits for the built site's reading (None: no site); `memo`
    holds, for `project.memo`, functions that wait for what the worker did for a rule. Only the
    main process may call them (a process forked later would wait for ever)."""

    site: Callable[[], Any] | None
    memo: dict[str, Callable[[], Any]] = field(default_factory=dict)
    mkdocs: MkDocsConfig | None = None  # mkdocs.yml as read then (None: it could not be; the run says why)
    end: Callable[[], None] = lambda: None  # waits for the worker process to end (once its answers are used)


def start(root: Path, site_dir: Path | None, cache_dir: Path | None, disabled: Sequence[str]) -> Started:
    mkdocs = mkdocs_ahead(root)
    settings = settings_of(mkdocs)
    site = None
    memo: dict[str, Callable[[], Any]] = {}
    end: Callable[[], None] = lambda: None
    if (os.cpu_count() or 1) < 2:
        if site_dir is not None:
            site = lambda: _read_site(site_dir, _site_url(mkdocs), cache_dir)  # noqa: E731
    else:
        # The worker is forked before the rules are imported: it imports what it needs meanwhile.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        try:
            if _judges_pages(settings, disabled, cache_dir):
                from refcheck.checks.unsafe import JUDGED_AHEAD

                memo[JUDGED_AHEAD] = pool.submit(_judge_ahead, root).result
            if site_dir is not None and site_dir.is_dir():
                site = pool.submit(_read_site, site_dir, _site_url(mkdocs), cache_dir).result
        finally:
            pool.shutdown(wait=False)
        end = lambda: pool.shutdown(wait=True)  # noqa: E731
    prepare_language_engines(mkdocs, settings, root, disabled, cache_dir)
    return Started(site, memo, mkdocs, end)


def _site_url(mkdocs: MkDocsConfig | None) -> str | None:
    site_url = mkdocs.data.get("site_url") if mkdocs is not None else None
    return site_url if isinstance(site_url, str) else None


def settings_of(mkdocs: MkDocsConfig | None) -> Config | None:
    """The checker's settings in mkdocs.yml; None where they cannot be read (the run says why)."""
    if mkdocs is None:
        return None
    try:
        return from_mkdocs_config(mkdocs.data, lambda ids: set())  # rule ids are checked by the run
    except ConfigError:
        return None


def _judges_pages(settings: Config | None, disabled: Sequence[str], cache_dir: Path | None) -> bool:
    """Whether the unsafe-HTML rules will judge pages this run, with no cache of judgements."""
    from refcheck.checks.unsafe import JUDGEMENTS_FILE, RULES

    if settings is None or (cache_dir is not None and (cache_dir / JUDGEMENTS_FILE).is_file()):
        return False
    return any(settings.enabled(rule.id) and rule.id not in disabled for rule in RULES)


def _judge_ahead(root: Path) -> Any:
    from refcheck.checks.unsafe import judge_ahead  # imported by the worker

    return judge_ahead(root)


def mkdocs_ahead(root: Path) -> MkDocsConfig | None:
    """mkdocs.yml, read ahead of the project; None if it cannot be read (reading the project then says why)."""
    try:
        return read_config(find_config(root.resolve()), root.resolve())
    except CannotRun:
        return None


def prepare_language_engines(mkdocs: MkDocsConfig | None, settings: Config | None, root: Path,
                             disabled: Sequence[str], cache_dir: Path | None) -> None:
    """When this run will ask hunspell or Lingua, start them now: hunspell reads its dictionaries
    (refcheck.engines.hunspell.warm), and Lingua its models (refcheck.engines.languageid.prepare)
    for a language without a dictionary (with both dictionaries, their vote picks the sentences
    Lingua reads, most often none). Not when the checker's cache has their answers."""
    from refcheck.checks.spellcheck import CACHE as SPELLING_FILE
    from refcheck.checks.untranslated import PASSAGES_FILE

    if mkdocs is None or settings is None:
        return
    if cache_dir is not None and all((cache_dir / name).is_file() for name in (SPELLING_FILE, PASSAGES_FILE)):
        return
    try:
        languages = languages_of(mkdocs.data, mkdocs.file)
    except CannotRun:
        return
    if not any(settings.enabled(rule) and rule not in disabled for rule in LANGUAGE_RULES):
        return
    default = next((language.locale for language in languages if language.default), None)
    from refcheck.engines import hunspell, languageid
    from refcheck.engines.screen import DictionaryScreen

    spelling = settings.options("spelling")
    spellers = hunspell.Spellers(hunspell.word_lists_dir(root.resolve(), spelling), hunspell.chosen_dictionaries(spelling))
    for language in languages:
        if language.build and not spellers(language.locale).unavailable:
            hunspell.warm(spellers(language.locale).dictionary)
        if default is not None and language.locale != default and language.build:
            if DictionaryScreen.of(spellers, language.locale, default) is None:
                languageid.prepare(language.locale, default)


def _read_site(site_dir: Path, site_url: str | None, cache_dir: Path | None) -> Any:
    from refcheck.builtsite import read_site  # imported by the worker, not before it starts

    return read_site(site_dir, site_url, cache_dir)
