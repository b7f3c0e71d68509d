"""Where a link in a page leads, resolved the way MkDocs and static-i18n resolve it.

A relative link is first resolved against the page's real folder (`docs/es/` for
`docs/es/index.md`); if nothing is there, against the page's language tree, where static-i18n
puts the default language's file when a translation is missing.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from refcheck.project import Page, Project, SourceFile

EXTERNAL_SCHEMES = ("http", "https")
INDEX_NAMES = ("index.md", "README.md")


@dataclass(frozen=True)
class Target:
    kind: str  # "external", "scheme", "same-page", "absolute", "file", "missing", "outside", "empty"
    source: SourceFile | None = None
    fragment: str = ""
    via: str = ""  # "path": the page's real folder; "language": its language tree
    path: str = ""  # the path the link names, resolved (relative to docs_dir)


def scheme_of(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def is_external(url: str) -> bool:
    try:
        split = urlsplit(url.strip())
    except ValueError:
        return False
    return split.scheme.lower() in EXTERNAL_SCHEMES or (not split.scheme and url.startswith("//"))


def _lookup(index: dict[str, SourceFile], path: str, directories: frozenset[str] | None, trailing: bool) -> SourceFile | None:
    if path in index and not trailing:
        return index[path]
    if trailing or path in (directories or ()) or path in (".", ""):
        for name in INDEX_NAMES:
            candidate = name if path in (".", "") else f"{path}/{name}"
            if candidate in index:
                return index[candidate]
    return None


def resolve_link(project: Project, page: Page, url: str) -> Target:
    url = url.strip()
    if not url:
        return Target("empty")
    try:
        split = urlsplit(url)
    except ValueError:
        return Target("missing", path=url)
    if split.scheme:
        return Target("external" if split.scheme.lower() in EXTERNAL_SCHEMES else "scheme")
    if split.netloc:
        return Target("external")
    path = unquote(split.path)
    fragment = unquote(split.fragment)
    if not path:
        return Target("same-page", page.source, fragment, "path", page.source.path)
    if path.startswith("/"):
        return Target("absolute", fragment=fragment, path=path)
    trailing = path.endswith("/")
    real = posixpath.normpath(posixpath.join(posixpath.dirname(page.source.path), path))
    if real == ".." or real.startswith("../"):
        return Target("outside", fragment=fragment, path=real)
    found = _lookup(project.docs_paths, real, project.directories, trailing)
    if found is not None:
        if page.source.language and found.language != page.source.language and not found.explicit_language:
            # suffix layout: `report.md` in a Spanish page means report.es.md when it exists
            found = project.tree(page.source.language).get(found.key, found)
        return Target("file", found, fragment, "path", real)
    if page.source.language:
        virtual = posixpath.normpath(posixpath.join(posixpath.dirname(page.source.key), path))
        if not (virtual == ".." or virtual.startswith("../")):
            tree = project.tree(page.source.language)
            found = _lookup(tree, virtual, None, trailing) or (
                _lookup(tree, virtual, frozenset([virtual]), True) if not trailing else None
            )
            if found is not None:
                return Target("file", found, fragment, "language", real)
    return Target("missing", fragment=fragment, path=real)
