"""Stage 1: read mkdocs.yml and find every page of every language (static-i18n `folder` or `suffix`).

A page's *key* is its path without its language: `docs/es/due-process.md` (folder layout) and
`docs/due-process.es.md` (suffix layout) both have the key `due-process.md`, which is how a page
and its translations find each other. Each language sees a tree of keys: its own files, then the
default language's files where it has none (static-i18n's fallback).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any


from refcheck.mdsource import symlinks
from refcheck.cache import FactsCache, bytes_digest, content_key
from refcheck.facts import ExtractOptions, PageFacts, SlugifySpec
from refcheck.findings import Location
from refcheck.mkdocsconfig import (  # noqa: F401  (CannotRun, Language, NavEntry: re-exported)
    CannotRun, Language, MkDocsConfig, NavEntry, find_config, language_navs, languages_of, nav_entries,
    plugin_settings, read_config, slugify_spec, structure_of,
)
from refcheck.templates import MACROS_PLUGINS, templates_of

MARKDOWN_SUFFIXES = (".md", ".markdown")
# static-i18n's own test of a locale code (mkdocs_static_i18n.config.RE_LOCALE): a folder or a
# suffix that passes it is a language's, and is never built unless mkdocs.yml lists the language.
LOCALE_RE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 300


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
    problems: tuple[tuple[str, Location, str], ...] = field(default=())  # (kind, where, message)
    cache_dir: Path | None = None  # where rules may keep answers between runs (None: nowhere)
    read_options: ExtractOptions = ExtractOptions()  # how the pages were read: slugify, templates, text
    # A digest of each page's bytes as this run read them, by file (pages read through the cache).
    page_digests: Mapping[str, str] = field(default_factory=dict)

    @property
    def slugify(self) -> SlugifySpec:
        """How the site makes heading ids (the toc extension's slugify, as mkdocs.yml sets it)."""
        return self.read_options.slugify

    def text_facts(self, page: Page) -> PageFacts:
        """The page's facts with its text (`blocks`, `prose`, `numbers`): read again, once, when this
        run read pages without it (a rule that rarely needs the text asks for it page by page)."""
        if self.read_options.text:
            return page.facts
        if page.file not in self._with_text:
            data = _read_bytes(str(self.docs_dir / page.source.path), page.file)
            self._with_text[page.file] = extract(data, page.file, replace(self.read_options, text=True))
        return self._with_text[page.file]

    @cached_property
    def _with_text(self) -> dict[str, PageFacts]:
        return {}

    @cached_property
    def memo(self) -> dict[str, Any]:
        """Answers the rules of one run share (the untranslated passages both their rules ask for)."""
        return {}

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

    @cached_property
    def site_files(self) -> dict[str, SourceFile]:
        """Built-site file -> its source, in every built language (refcheck/urls.py)."""
        from refcheck.urls import site_files

        return site_files(self)

    def is_built(self, source: SourceFile) -> bool:
        """Whether static-i18n builds the file in any language (a folder or suffix of a language
        missing from mkdocs.yml, or one with `build: false`, never is)."""
        return source.language is None or source.language in self.built_locales or (
            source.language == self.default_language)

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
                            and not symlinks.entry_leads_outside(os.path.join(directory, d), str(docs_dir)))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = f"{relative}/{name}" if relative != "." else name
            full = os.path.join(directory, name)
            if os.path.islink(full):
                if not os.path.exists(full):
                    problems.append(("broken-symlink", Location(f"{prefix}/{path}"), f"{prefix}/{path} is a symbolic link to nothing (or a loop)"))
                    continue
                if symlinks.leads_outside(full, str(docs_dir)):
                    continue
            found.append(path)
    return found, problems


def markdown_files(root: Path, config: Mapping[str, Any]) -> list[tuple[str, Path]]:
    """(file as findings name it, its path) of every Markdown file under docs_dir, found as
    `load_project` finds them (exclude_docs aside); none when docs_dir is not inside root."""
    root = root.resolve()
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir() or not docs_dir.is_relative_to(root):
        return []
    prefix = docs_dir.relative_to(root).as_posix()
    try:
        paths, _problems = _walk(docs_dir, prefix)
    except CannotRun:
        return []
    return [(f"{prefix}/{path}", docs_dir / path) for path in paths if path.endswith(MARKDOWN_SUFFIXES)]


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


def _names_language(code: str, locales: tuple[str, ...]) -> bool:
    return code in locales or LOCALE_RE.match(code) is not None


def _classify(path: str, structure: str, locales: tuple[str, ...], default: str, prefix: str) -> SourceFile:
    """As static-i18n 1.x sorts files: a folder (or suffix) that looks like a locale code is that
    language's, listed in mkdocs.yml or not; every other file is the default language's."""
    file = f"{prefix}/{path}" if prefix not in ("", ".") else path
    if structure == "folder":
        first, _, rest = path.partition("/")
        if rest and _names_language(first, locales):
            return SourceFile(path, file, first, rest, True)
        return SourceFile(path, file, default, path, False)
    if structure == "suffix":
        pure = PurePosixPath(path)
        parts = pure.name.split(".")
        if len(parts) >= 3 and _names_language(parts[-2], locales):
            key = str(pure.with_name(".".join(parts[:-2] + parts[-1:])))
            return SourceFile(path, file, parts[-2], key, True)
        return SourceFile(path, file, default, path, False)
    return SourceFile(path, file, default, path, False)


def _without_shadowed_readmes(files: list[SourceFile]) -> tuple[SourceFile, ...]:
    """MkDocs drops a README.md beside an index.md (both would be the folder's index.html); with
    static-i18n that holds for a language's files wherever they sit (docs/README.md, docs/en/index.md)."""
    indexes = {(source.language, posixpath.dirname(source.key)) for source in files
               if posixpath.basename(source.key) == "index.md"}
    return tuple(source for source in files if posixpath.basename(source.key) != "README.md"
                 or (source.language, posixpath.dirname(source.key)) not in indexes)


def _read_bytes(full: str, file: str) -> bytes:
    try:
        return Path(full).read_bytes()
    except OSError as error:
        raise CannotRun(f"cannot read {file}: {error.strerror or error}") from None


def extract(data: bytes, file: str, options: ExtractOptions) -> PageFacts:
    # The parser is imported only when a page has to be read (not when every page is in the cache).
    from refcheck.extract import extract as read_markdown

    return read_markdown(data, file, options)


def _read_page(task: tuple[str, str, ExtractOptions]) -> PageFacts:
    full, file, options = task
    return extract(_read_bytes(full, file), file, options)


def _extract_many(tasks: list[tuple[str, str, ExtractOptions]], jobs: int | None) -> list[PageFacts]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        return [_read_page(task) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor  # large sites only: not worth importing otherwise

    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read_page, tasks, chunksize=chunk))


def extract_all(tasks: list[tuple[str, str, ExtractOptions]], jobs: int | None,
                cache: FactsCache | None = None, digests: dict[str, str] | None = None) -> list[PageFacts]:
    """Every page's facts; with a cache, only pages whose bytes changed since are parsed (and
    `digests` gets a digest of each page's bytes, by file, for other rules' caches)."""
    if cache is None:
        return _extract_many(tasks, jobs)
    found: list[PageFacts | None] = []
    keys: list[str] = []
    for full, file, options in tasks:
        data = _read_bytes(full, file)
        if digests is not None:
            digests[file] = bytes_digest(data)
        key = content_key(data, file, options)
        keys.append(key)
        found.append(cache.get(key))
    missing = [index for index, facts in enumerate(found) if facts is None]
    for index, facts in zip(missing, _extract_many([tasks[i] for i in missing], jobs)):
        found[index] = facts
        if not facts.includes:  # its facts depend on other files too: read it again next time
            cache.put(keys[index], facts)
    cache.save()
    return [facts for facts in found if facts is not None]


def load_project(root: Path, *, exclude: Iterable[str] = (), jobs: int | None = None,
                 cache: FactsCache | None = None, text: bool = True, mkdocs: MkDocsConfig | None = None) -> Project:
    """Read the project at root; `exclude`: glob patterns (relative to docs_dir) left unread;
    `cache`: page facts from earlier runs, keyed by each page's content (refcheck/cache.py);
    `text`: False when no rule of the run reads the pages' text (prose, text blocks, numbers);
    `mkdocs`: its mkdocs.yml, if this run has read it already."""
    root = root.resolve()
    if mkdocs is None:
        mkdocs = read_config(find_config(root), root)
    config, config_file = mkdocs.data, mkdocs.file
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise CannotRun(f"docs_dir {config.get('docs_dir') or 'docs'!r} is not a folder in {root}")
    try:
        docs_prefix = docs_dir.relative_to(root).as_posix()
    except ValueError:
        docs_prefix = docs_dir.as_posix()

    structure, languages, fallback = structure_of(config, config_file)
    default = next((language.locale for language in languages if language.default), languages[0].locale)
    locales = tuple(language.locale for language in languages)

    exclude_docs = config.get("exclude_docs")
    patterns = list(exclude)
    if isinstance(exclude_docs, str):
        patterns += exclude_docs.splitlines()
    paths, problems = _walk(docs_dir, docs_prefix)
    files = _without_shadowed_readmes(
        [_classify(path, structure, locales, default, docs_prefix) for path in paths if not _excluded(path, patterns)])
    options = ExtractOptions(slugify_spec(config), templates_of(plugin_settings(config, *MACROS_PLUGINS), root, docs_dir), text)
    page_sources = [source for source in files if source.is_page]
    digests: dict[str, str] = {}
    facts = extract_all([(str(docs_dir / s.path), s.file, options) for s in page_sources], jobs, cache, digests)
    pages = tuple(Page(source, fact) for source, fact in zip(page_sources, facts))

    nav: list[NavEntry] | None = None
    located = mkdocs.node(("nav",))
    if located is not None:
        nav = nav_entries(located[1], default, located[0])
    own_navs = language_navs(mkdocs)
    if own_navs:
        nav = (nav or []) + own_navs
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
        fallback=fallback,
        files=files,
        pages=pages,
        nav=tuple(nav) if nav is not None else None,
        not_in_nav=tuple(not_in_nav.splitlines()) if isinstance(not_in_nav, str) else (),
        use_directory_urls=config.get("use_directory_urls", True) is not False,
        site_url=str(site_url) if isinstance(site_url, str) else None,
        read_options=options,
        page_digests=digests,
        problems=tuple(problems),
        cache_dir=cache.path.parent if cache is not None and cache.path is not None else None,
    )
