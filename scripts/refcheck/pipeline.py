"""The whole run, one way: read the project -> extract facts -> run the checks -> findings."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from refcheck import headstart, registry
from refcheck.config import Config, ConfigError, from_mkdocs_config
from refcheck.findings import Finding, Location
from refcheck.mkdocsconfig import MkDocsConfig
from refcheck.project import CannotRun, Project, load_project
from refcheck.resolve import is_external


@dataclass(frozen=True)
class Result:
    project: Project
    config: Config
    findings: list[Finding]


# The rules known not to read a page's text (`PageFacts.prose`, `.blocks`, `.numbers`): when only
# these run, pages are read without it. (A rule not listed here gets the text: a new rule is never
# silently starved of it.)
WITHOUT_TEXT = frozenset({
    "footnote-reference-missing",  # reads the text of the few pages that lost a reference (Project.text_facts)
    "footnote-undefined", "footnote-unused", "footnote-duplicate", "footnote-empty", "footnote-no-source",
    "link-broken", "link-outside-docs", "anchor-missing", "nav-missing-file", "nav-omitted-page",
    "translation-missing", "translation-orphan", "footnote-parity", "url-parity", "heading-id-parity",
    "link-to-default-language", "reference-undefined", "reference-unused",
    "source-not-utf8", "source-symlink-loop", "unsafe-html", "unsafe-event-handler", "unsafe-javascript-url",
    "insecure-http-link", "translation-stale", "translation-unrecorded", "translation-untranslated",
    "page-limits", "config-python-tag", "config-inherit", "source-symlink-outside", "language-folder-unlisted",
    "markup-not-allowed", "bidi-control", "lookalike-domain",
    # The structure rules render the page's file themselves (refcheck/checks/structure.py).
    "structure-parity", "admonition-as-text", "admonition-empty", "footnote-continuation", "inline-unclosed",
    # refcheck.boundary reads the files themselves.
    "docs-file-type", "docs-file-reserved", "docs-image-size", "front-matter-syntax", "front-matter-key",
    "front-matter-value",
})


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a run builds its objects (restored after, as it was).

    A run makes a few hundred thousand small objects that live until its end (page facts, built-site
    links, unpickled caches); the collector would walk them again and again as they accumulate,
    which took a third of a cold run on 2,000 pages. What the run drops is freed by reference
    counting as usual; cycles wait for the collector's next turn.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_config(root: Path, mkdocs: MkDocsConfig | None = None) -> Config:
    """The checker's settings (extra.refcheck); `mkdocs`: mkdocs.yml, if read already."""
    from refcheck.mkdocsconfig import find_config, read_config as read_mkdocs

    if mkdocs is None:
        root = root.resolve()
        mkdocs = read_mkdocs(find_config(root), root)
    try:
        return from_mkdocs_config(mkdocs.data, registry.unknown_rule_ids)
    except ConfigError as error:
        raise CannotRun(f"{mkdocs.file}: {error}") from None


def read(root: Path, jobs: int | None = None, cache_dir: Path | None = None,
         disabled: Sequence[str] = (), started: headstart.Started | None = None) -> tuple[Project, Config]:
    """The project and its checker settings; `cache_dir`: where page facts are kept (None: nowhere);
    `disabled`: rule ids turned off for this run; `started`: what refcheck.headstart.start set
    going, if it ran."""
    with collection_paused():
        return _read(root, jobs, cache_dir, disabled, started)


def _read(root: Path, jobs: int | None, cache_dir: Path | None, disabled: Sequence[str],
          started: headstart.Started | None) -> tuple[Project, Config]:
    from refcheck.cache import FactsCache

    mkdocs = started.mkdocs if started is not None else headstart.mkdocs_ahead(root)
    if started is None:
        headstart.prepare_language_engines(mkdocs, headstart.settings_of(mkdocs), root, disabled, cache_dir)
    config = read_config(root, mkdocs)
    if disabled:
        unknown = sorted(registry.unknown_rule_ids(disabled))
        if unknown:
            raise CannotRun(f"--ignore-rules names no rule {', '.join(unknown)} (see --list-rules)")
        config = replace(config, severity={**config.severity, **{rule: "off" for rule in disabled}})
    text = any(config.enabled(rule) and rule.id not in WITHOUT_TEXT
               for family in registry.source_families() for rule in family.rules)
    project = load_project(root, jobs=jobs, cache=FactsCache(cache_dir) if cache_dir is not None else None, text=text,
                           mkdocs=mkdocs)
    return project, config


def check_sources(project: Project, config: Config, jobs: int | None = 1) -> list[Finding]:
    """Every source rule's findings; `jobs` other than 1: the families that may run in a second
    process do (refcheck/beside.py)."""
    with collection_paused():
        return _check_sources(project, config, jobs)


def _check_sources(project: Project, config: Config, jobs: int | None) -> list[Finding]:
    # A module whose rules are all turned off is not run at all (spelling can be slow).
    families = [family for family in registry.source_families() if family.check is not None
                and (not family.rules or any(config.enabled(rule) for rule in family.rules))]
    from refcheck import beside

    apart = [family for family in families if family.beside] if beside.may_run_beside(jobs) else []
    if len(apart) == len(families):
        apart = []  # nothing would be left to do meanwhile
    waiting = beside.start(project, config, apart) if apart else dict
    found: dict[str, list[Finding]] = {}
    for family in families:
        if family not in apart:
            assert family.check is not None
            found[family.name] = list(family.check(project, config))
    found.update(waiting())
    return [finding for family in families for finding in found[family.name]]


def external_uses(project: Project, config: Config) -> Mapping[str, Sequence[Location]]:
    """Every external URL of every language, once, with every place it is written."""
    uses: dict[str, list[Location]] = defaultdict(list)
    for page in project.pages:
        for link in page.facts.links:
            if is_external(link.url) and not config.ignored_url(link.url):
                uses[link.url].append(link.where)
    return dict(uses)


def run(
    root: Path,
    *,
    site_dir: Path | None = None,
    external: bool = False,
    timeout: float = 10.0,
    cache_path: Path | None = None,
    jobs: int | None = None,
    disabled: Sequence[str] = (),
    cache_dir: Path | None = None,
    started: headstart.Started | None = None,
) -> Result:
    """The whole check; `started`: what refcheck.headstart.start set going (else it starts here)."""
    with collection_paused():
        if started is None:
            started = headstart.start(root, site_dir, cache_dir, disabled)
        try:
            project, config = read(root, jobs, cache_dir, disabled, started=started)
            project.memo.update(started.memo)
            findings = check_sources(project, config, jobs)
            if site_dir is not None:
                from refcheck.builtsite import check_site

                findings.extend(check_site(project, site_dir, cache_dir, started.site))
        finally:
            started.end()
    if external:
        try:
            from refcheck.external import check_external_urls, user_agent_for
        except ImportError as error:
            raise CannotRun(f"--external is not available: {error}") from None
        findings.extend(check_external_urls(
            external_uses(project, config), cache_path=cache_path, timeout=timeout,
            user_agent=user_agent_for(project.config),
        ))
    return Result(project, config, config.apply(findings))
