"""Where a link in a page leads, resolved the way MkDocs and static-i18n resolve it.

A relative link is first resolved against the page's real folder (`docs/es/` for
`docs/es/index.md`); if nothing is there, against the page's language tree, where static-i18n
puts the default language's file when a translation is missing. What MkDocs leaves as written (a
link that names no documentation file, such as `./#id`, and every raw-HTML `href`/`src`) is
resolved as the browser resolves it: against the page's address (refcheck/urls.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from refcheck.project import Page, Project, SourceFile
from refcheck.urls import page_address, served_file

EXTERNAL_SCHEMES = ("http", "https")
MARKDOWN_SUFFIXES = (".md", ".markdown")
INDEX_NAMES = ("index.md", "README.md")


@dataclass(frozen=True)
class Target:
    kind: str  # "external", "scheme", "same-page", "absolute", "file", "missing", "outside", "empty"
    source: SourceFile | None = None
    fragment: str = ""
    via: str = ""  # "path": the page's real folder; "language": its language tree; "unbuilt"
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


def resolve_address(project: Project, page: Page, path: str, fragment: str, language: str | None = None) -> Target:
    """A relative link resolved against the page's address in the built site (as a browser does);
    `language`: the build the page stands in (its own, unless it is another's fallback)."""
    language = language or page.source.language or project.default_language
    base = page_address(project, page.source, language)
    trailing = path.endswith("/") or path in (".", "..")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base) if not base.endswith("/") else base, path))
    if joined == ".." or joined.startswith("../"):
        return Target("outside", fragment=fragment, via="address", path=joined)
    address = "" if joined == "." else joined + ("/" if trailing else "")
    found = served_file(project.site_files, address)
    if found is None:
        return Target("missing", fragment=fragment, path=address or "/", via="address")
    if found.path == page.source.path or (found.key == page.source.key and found.is_page):
        return Target("same-page", page.source, fragment, "address", address)
    return Target("file", found, fragment, "address", address)


def resolve_link(project: Project, page: Page, url: str, as_written: bool = False) -> Target:
    """Where a link of `page` leads; `as_written`: raw HTML, which MkDocs never rewrites."""
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
    if as_written:
        return resolve_address(project, page, path, fragment)
    trailing = path.endswith("/")
    real = posixpath.normpath(posixpath.join(posixpath.dirname(page.source.path), path))
    if real == ".." or real.startswith("../"):
        if not path.lower().endswith(MARKDOWN_SUFFIXES):
            # Above the page's folder names no documentation file, so MkDocs leaves the link as
            # written and the browser resolves it from the page's address, one folder deeper
            # under use_directory_urls: `../../guide/x/` from /guide/walkthrough/ is /guide/x/.
            by_address = resolve_address(project, page, path, fragment)
            if by_address.kind != "outside":
                return by_address
        return Target("outside", fragment=fragment, path=real)
    found = _lookup(project.docs_paths, real, project.directories, trailing)
    if found is not None and not project.is_built(found):
        # A folder or suffix static-i18n takes for a language mkdocs.yml does not list: never built.
        return Target("missing", found, fragment, "unbuilt", real)
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
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        # MkDocs leaves a link that names no documentation file as written: the browser resolves it.
        by_address = resolve_address(project, page, path, fragment)
        if by_address.kind in ("file", "same-page"):
            return by_address
    return Target("missing", fragment=fragment, path=real)
