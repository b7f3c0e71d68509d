"""The whole run, one way: read the project -> extract facts -> run the checks -> findings."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from refcheck import registry
from refcheck.config import Config, ConfigError, from_mkdocs_config, selection
from refcheck.findings import Finding, Location
from refcheck.mkdocsconfig import MkDocsConfig
from refcheck.project import CannotRun, Project, load_project
from refcheck.resolve import is_external


@dataclass(frozen=True)
class Result:
    project: Project
    config: Config
    findings: list[Finding]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a run builds its objects (restored after, as it was).

    A run makes a few hundred thousand small objects that live until its end (page facts, built-site
    links, records from the cache); the collector would walk them again and again as they
    accumulate (BENCHMARKS.md has what that costs). What the run drops is freed by reference
    counting as usual; cycles wait for the collector's next turn.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_config(root: Path, mkdocs: MkDocsConfig | None = None, select: Sequence[str] | None = None,
                ignore: Sequence[str] = ()) -> Config:
    """The checker's settings (extra.refcheck), with the command line's `--select` and `--ignore`;
    `mkdocs`: mkdocs.yml, if read already."""
    from refcheck.mkdocsconfig import find_config, read_config as read_mkdocs

    if mkdocs is None:
        root = root.resolve()
        mkdocs = read_mkdocs(find_config(root), root)
    try:
        config = from_mkdocs_config(mkdocs.data, registry.unknown_rule_ids, registry.groups())
    except ConfigError as error:
        raise CannotRun(f"{mkdocs.file}: {error}") from None
    try:
        return config.choose(selection(tuple(select), "--select", registry.unknown_rule_ids) if select is not None else None,
                             selection(tuple(ignore), "--ignore", registry.unknown_rule_ids))
    except ConfigError as error:
        raise CannotRun(str(error)) from None


def read(root: Path, cache_dir: Path | None = None, disabled: Sequence[str] = (),
         select: Sequence[str] | None = None) -> tuple[Project, Config]:
    """The project and its checker settings; `cache_dir`: where page facts are kept (None: nowhere);
    `disabled`: rule ids and groups turned off for this run (`--ignore`); `select`: the rule ids
    and groups this run runs in place of the project's selection (`--select`)."""
    with collection_paused():
        return _read(root, cache_dir, disabled, select)


def _read(root: Path, cache_dir: Path | None, disabled: Sequence[str],
          select: Sequence[str] | None) -> tuple[Project, Config]:
    from refcheck.cache import Cache
    from refcheck.mkdocsconfig import find_config, read_config as read_mkdocs

    resolved = root.resolve()
    mkdocs = read_mkdocs(find_config(resolved), resolved)
    config = read_config(root, mkdocs, select, disabled)
    text = any(config.enabled(rule) and rule.needs_text for family in registry.source_families() for rule in family.rules)
    cache = Cache.open(cache_dir, mkdocs.data) if cache_dir is not None else None
    project = load_project(root, cache=cache, text=text, mkdocs=mkdocs)
    return project, config


def enabled_families(config: Config) -> list[registry.RuleFamily]:
    """The rule modules with a rule that runs (a module whose rules are all off is not run at all)."""
    return [family for family in registry.source_families() if family.check is not None
            and (not family.rules or any(config.enabled(rule) for rule in family.rules))]


def check_sources(project: Project, config: Config) -> list[Finding]:
    """Every source rule's findings, family after family."""
    findings: list[Finding] = []
    for family in enabled_families(config):
        assert family.check is not None
        findings.extend(family.check(project, config))
    return findings


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
    disabled: Sequence[str] = (),
    select: Sequence[str] | None = None,
    cache_dir: Path | None = None,
) -> Result:
    """The whole check."""
    with collection_paused():
        project, config = read(root, cache_dir, disabled, select)
        findings = check_sources(project, config)
        if site_dir is not None:
            from refcheck.builtsite import check_site

            findings.extend(check_site(project, site_dir))
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
