"""Stage 1: read mkdocs.yml and find every page of every language (static-i18n `folder` or `suffix`).

A page's *key* is its path without its language: `docs/es/due-process.md` (folder layout) and
`docs/due-process.es.md` (suffix layout) both have the key `due-process.md`, which is how a page
and its translations find each other. Each language sees a tree of keys: its own files, then the
default language's files where it has none (static-i18n's fallback).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from mdsource import symlinks, yamlsafe
from refcheck.extract import PageFacts, SlugifySpec, extract
from refcheck.findings import Location

MARKDOWN_SUFFIXES = (".md", ".markdown")
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
# Slugify functions the checker may import by name from mkdocs.yml (importing runs no config code).
SLUGIFY_MODULES = ("markdown.extensions.toc", "pymdownx.slugs")
# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 300


class CannotRun(Exception):
    """The project cannot be checked at all: reported in one line, exit status 2."""


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    default: bool
    build: bool = True
    nav: Any = None


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to docs_dir, posix
    file: str  # relative to the project root, posix: what findings name
    language: str | None  # None: shared by every language
    key: str  # the path without its language
    explicit_language: bool  # the path itself names the language (docs/en/..., page.en.md)

    @property
    def is_page(self) -> bool:
        return self.path.lower().endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True)
class Page:
    source: SourceFile
    facts: PageFacts

    @property
    def language(self) -> str:
        return self.source.language or ""

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def file(self) -> str:
        return self.source.file


@dataclass(frozen=True)
class NavEntry:
    language: str  # the language whose nav names it
    title: str | None
    path: str
    where: Location


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: str
    config: Mapping[str, Any]
    docs_dir: Path
    docs_prefix: str  # docs_dir relative to the root, posix ("docs")
    structure: str  # "folder", "suffix" or "none" (no static-i18n)
    languages: tuple[Language, ...]
    default_language: str
    fallback: bool
    files: tuple[SourceFile, ...]
    pages: tuple[Page, ...]
    nav: tuple[NavEntry, ...] | None  # None: no nav in mkdocs.yml, every page is listed
    not_in_nav: tuple[str, ...]
    use_directory_urls: bool
    site_url: str | None
    slugify: SlugifySpec
    problems: tuple[tuple[str, Location, str], ...] = field(default=())  # (kind, where, message)

    # -- indexes the checks share -----------------------------------------------------------------
    @cached_property
    def locales(self) -> tuple[str, ...]:
        return tuple(language.locale for language in self.languages)

    @cached_property
    def built_locales(self) -> tuple[str, ...]:
        return tuple(language.locale for language in self.languages if language.build)

    @cached_property
    def _pages_by_language(self) -> dict[str, dict[str, Page]]:
        index: dict[str, dict[str, Page]] = {locale: {} for locale in self.locales}
        for page in self.pages:
            index.setdefault(page.language, {})[page.key] = page
        return index

    @cached_property
    def _pages_by_file(self) -> dict[str, Page]:
        return {page.source.path: page for page in self.pages}

    @cached_property
    def _trees(self) -> dict[str, dict[str, SourceFile]]:
        """Per language: key -> the file a reader of that language gets (own, shared or fallback)."""
        own: dict[str, dict[str, SourceFile]] = {locale: {} for locale in self.locales}
        shared: dict[str, SourceFile] = {}
        for source in self.files:
            if source.language is None:
                shared[source.key] = source
            else:
                own.setdefault(source.language, {})[source.key] = source
        default = own.get(self.default_language, {})
        trees = {}
        for locale in self.locales:
            tree = dict(shared)
            if locale != self.default_language:
                for key, source in default.items():
                    if self.fallback or not source.is_page:
                        tree[key] = source
            tree.update(own.get(locale, {}))
            trees[locale] = tree
        return trees

    @cached_property
    def docs_paths(self) -> dict[str, SourceFile]:
        return {source.path: source for source in self.files}

    @cached_property
    def directories(self) -> frozenset[str]:
        found = set()
        for source in self.files:
            parent = PurePosixPath(source.path).parent
            while str(parent) not in ("", "."):
                found.add(str(parent))
                parent = parent.parent
        return frozenset(found)

    def page(self, language: str, key: str) -> Page | None:
        """The page a language has of its own at `key` (no fallback)."""
        return self._pages_by_language.get(language, {}).get(key)

    def page_for(self, source: SourceFile) -> Page | None:
        return self._pages_by_file.get(source.path)

    def tree(self, language: str) -> dict[str, SourceFile]:
        return self._trees.get(language, {})

    def translations(self, key: str) -> dict[str, Page]:
        """Every language's own page at `key`."""
        return {locale: pages[key] for locale, pages in self._pages_by_language.items() if key in pages}

    def language_name(self, locale: str) -> str:
        for language in self.languages:
            if language.locale == locale:
                return language.name or locale
        return locale


# -- reading mkdocs.yml ---------------------------------------------------------------------------
def find_config(root: Path) -> Path:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    if not root.is_dir():
        raise CannotRun(f"{root} is not a directory")
    raise CannotRun(f"no mkdocs.yml in {root}: give the MkDocs project's folder with --root")


def read_config(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CannotRun(f"{path.name} is not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise CannotRun(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data, node = yamlsafe.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CannotRun(f"{path.name} is not valid YAML{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CannotRun(f"{path.name} must be a mapping of settings, not {type(data).__name__}")
    return data, node


def _plugin_items(config: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        yield from plugins.items()
        return
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            yield item, {}
        elif isinstance(item, Mapping):
            yield from item.items()


def i18n_settings(config: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for name, settings in _plugin_items(config):
        if name == "i18n":
            return settings if isinstance(settings, Mapping) else {}
    return None


def _slugify_spec(config: Mapping[str, Any]) -> SlugifySpec:
    options: Mapping[str, Any] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, Mapping) and ("toc" in item or "markdown.extensions.toc" in item):
            options = item.get("toc") or item.get("markdown.extensions.toc") or {}
    if not isinstance(options, Mapping):
        return SlugifySpec()
    separator = str(options.get("separator", "-"))
    chosen = options.get("slugify")
    if isinstance(chosen, yamlsafe.Tagged):
        kind, _, dotted = chosen.tag.rpartition(":")
        module, _, name = dotted.rpartition(".")
        if module in SLUGIFY_MODULES:
            if kind.endswith("python/name"):
                return SlugifySpec(module, name, separator=separator)
            if kind.endswith("python/object/apply"):
                kwargs = chosen.value.get("kwds", {}) if isinstance(chosen.value, Mapping) else {}
                return SlugifySpec(module, name, tuple(sorted(kwargs.items())), True, separator)
    return SlugifySpec(separator=separator)


def _nav_entries(node: yaml.Node | None, language: str, config_file: str) -> list[NavEntry]:
    entries: list[NavEntry] = []

    def walk(item: yaml.Node, title: str | None) -> None:
        if isinstance(item, yaml.ScalarNode):
            if item.value and "://" not in item.value and not item.value.startswith(("/", "mailto:")):
                where = Location(config_file, item.start_mark.line + 1, item.start_mark.column + 1)
                entries.append(NavEntry(language, title, str(item.value), where))
        elif isinstance(item, yaml.SequenceNode):
            for child in item.value:
                walk(child, None)
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                walk(value, getattr(key, "value", None))

    if node is not None:
        walk(node, None)
    return entries


def _language_nodes(root_node: yaml.Node | None) -> dict[str, yaml.Node]:
    """locale -> that language's `nav` node inside the i18n plugin settings."""
    found: dict[str, yaml.Node] = {}
    plugins = yamlsafe.find_lines(root_node, ("plugins",))
    candidates: list[yaml.Node] = []
    if isinstance(plugins, yaml.SequenceNode):
        candidates = [item for item in plugins.value if isinstance(item, yaml.MappingNode)]
    elif isinstance(plugins, yaml.MappingNode):
        candidates = [plugins]
    for candidate in candidates:
        languages = yamlsafe.find_lines(candidate, ("i18n", "languages"))
        if isinstance(languages, yaml.SequenceNode):
            for language in languages.value:
                locale = yamlsafe.find_lines(language, ("locale",))
                nav = yamlsafe.find_lines(language, ("nav",))
                if isinstance(locale, yaml.ScalarNode) and nav is not None:
                    found[locale.value] = nav
    return found


# -- finding the files ----------------------------------------------------------------------------
def _walk(docs_dir: Path, prefix: str) -> tuple[list[str], list[tuple[str, Location, str]]]:
    """Every file under docs_dir (following links as MkDocs does, but never round a loop)."""
    found: list[str] = []
    problems: list[tuple[str, Location, str]] = []
    seen: set[str] = set()

    def onerror(error: OSError) -> None:
        raise CannotRun(f"cannot read {error.filename}: {error.strerror or error}")

    for directory, subdirs, files in os.walk(docs_dir, followlinks=True, onerror=onerror):
        real = os.path.realpath(directory)
        relative = Path(directory).relative_to(docs_dir).as_posix()
        if real in seen:
            where = Location(f"{prefix}/{relative}")
            problems.append(("symlink-loop", where, f"{prefix}/{relative} leads back to a folder already read"))
            subdirs[:] = []
            continue
        seen.add(real)
        # A link out of docs_dir is never read (checks/outside_links.py reports it): its target may
        # be /etc or /proc/self/environ, and findings would quote it.
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".")
                            and not symlinks.leads_outside(os.path.join(directory, d), str(docs_dir)))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = f"{relative}/{name}" if relative != "." else name
            full = Path(directory) / name
            if full.is_symlink() and not full.exists():
                problems.append(("broken-symlink", Location(f"{prefix}/{path}"), f"{prefix}/{path} is a symbolic link to nothing (or a loop)"))
                continue
            if symlinks.leads_outside(str(full), str(docs_dir)):
                continue
            found.append(path)
    return found, problems


def _excluded(path: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.strip()
        if not pattern or pattern.startswith("#"):
            continue
        anchored = pattern.lstrip("/").rstrip("/")
        if fnmatch.fnmatch(path, anchored) or fnmatch.fnmatch(path, anchored + "/*") or path.startswith(anchored + "/"):
            return True
        if "/" not in anchored and fnmatch.fnmatch(PurePosixPath(path).name, anchored):
            return True
    return False


def _classify(path: str, structure: str, locales: tuple[str, ...], default: str, prefix: str) -> SourceFile:
    file = f"{prefix}/{path}" if prefix not in ("", ".") else path
    if structure == "folder":
        first, _, rest = path.partition("/")
        if rest and first in locales:
            return SourceFile(path, file, first, rest, True)
        return SourceFile(path, file, None, path, False)
    if structure == "suffix":
        pure = PurePosixPath(path)
        parts = pure.name.split(".")
        if len(parts) >= 3 and parts[-2] in locales:
            key = str(pure.with_name(".".join(parts[:-2] + parts[-1:])))
            return SourceFile(path, file, parts[-2], key, True)
        return SourceFile(path, file, default, path, False)
    return SourceFile(path, file, default, path, False)


def _read_page(task: tuple[str, str, SlugifySpec]) -> PageFacts:
    full, file, slugify = task
    try:
        data = Path(full).read_bytes()
    except OSError as error:
        raise CannotRun(f"cannot read {file}: {error.strerror or error}") from None
    return extract(data, file, slugify)


def extract_all(tasks: list[tuple[str, str, SlugifySpec]], jobs: int | None) -> list[PageFacts]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        return [_read_page(task) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor  # large sites only: not worth importing otherwise

    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read_page, tasks, chunksize=chunk))


def load_project(root: Path, *, exclude: Iterable[str] = (), jobs: int | None = None) -> Project:
    """Read the project at root; `exclude`: glob patterns (relative to docs_dir) left unread."""
    root = root.resolve()
    config_path = find_config(root)
    config, node = read_config(config_path)
    config_file = config_path.name
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise CannotRun(f"docs_dir {config.get('docs_dir') or 'docs'!r} is not a folder in {root}")
    try:
        docs_prefix = docs_dir.relative_to(root).as_posix()
    except ValueError:
        docs_prefix = docs_dir.as_posix()

    i18n = i18n_settings(config)
    languages: list[Language] = []
    if i18n is not None:
        for item in i18n.get("languages") or []:
            if isinstance(item, Mapping) and item.get("locale"):
                languages.append(
                    Language(str(item["locale"]), str(item.get("name") or item["locale"]), bool(item.get("default")),
                             item.get("build", True) is not False, item.get("nav"))
                )
    if not languages:
        theme = config.get("theme")
        locale = str(theme.get("language") or "en") if isinstance(theme, Mapping) else "en"
        languages = [Language(locale, locale, True)]
        structure = "none"
    else:
        structure = str(i18n.get("docs_structure") or "suffix") if i18n is not None else "none"
        if structure not in ("folder", "suffix"):
            raise CannotRun(f"unknown static-i18n docs_structure {structure!r} (expected folder or suffix)")
    default = next((language.locale for language in languages if language.default), languages[0].locale)
    locales = tuple(language.locale for language in languages)

    exclude_docs = config.get("exclude_docs")
    patterns = list(exclude)
    if isinstance(exclude_docs, str):
        patterns += exclude_docs.splitlines()
    paths, problems = _walk(docs_dir, docs_prefix)
    files = tuple(
        _classify(path, structure, locales, default, docs_prefix) for path in paths if not _excluded(path, patterns)
    )
    slugify = _slugify_spec(config)
    page_sources = [source for source in files if source.is_page]
    facts = extract_all([(str(docs_dir / s.path), s.file, slugify) for s in page_sources], jobs)
    pages = tuple(Page(source, fact) for source, fact in zip(page_sources, facts))

    nav: list[NavEntry] | None = None
    nav_node = yamlsafe.find_lines(node, ("nav",))
    if nav_node is not None:
        nav = _nav_entries(nav_node, default, config_file)
    for locale, language_nav in _language_nodes(node).items():
        nav = (nav or []) + _nav_entries(language_nav, locale, config_file)
    not_in_nav = config.get("not_in_nav")
    site_url = config.get("site_url")
    return Project(
        root=root,
        config_file=config_file,
        config=config,
        docs_dir=docs_dir,
        docs_prefix=docs_prefix,
        structure=structure,
        languages=tuple(languages),
        default_language=default,
        fallback=bool(i18n.get("fallback_to_default", True)) if i18n is not None else False,
        files=files,
        pages=pages,
        nav=tuple(nav) if nav is not None else None,
        not_in_nav=tuple(not_in_nav.splitlines()) if isinstance(not_in_nav, str) else (),
        use_directory_urls=config.get("use_directory_urls", True) is not False,
        site_url=str(site_url) if isinstance(site_url, str) else None,
        slugify=slugify,
        problems=tuple(problems),
    )
