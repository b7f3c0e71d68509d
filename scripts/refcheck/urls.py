"""Where each source file ends up in the built site, and which file a site address is served from.

MkDocs rewrites a Markdown link only when it names a documentation file; anything else (`./#id`,
`../other/`, every raw-HTML `href` and `src`) is left as written and the browser resolves it
against the page's *address*, which with `use_directory_urls` is one folder deeper than its source
file. These functions let the checker resolve such links the way the browser will.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.project import Project, SourceFile


def language_prefix(project: "Project", language: str) -> str:
    return "" if language == project.default_language or project.structure == "none" else f"{language}/"


def dest_path(project: "Project", source: "SourceFile", language: str) -> str:
    """The site file a source becomes in a language's build, e.g. `es/sources/index.html`."""
    prefix = language_prefix(project, language)
    key = source.key
    if not source.is_page:
        # static-i18n publishes a default-language asset once, at the root: a translation that
        # has none of its own uses that one (Markdown links are rewritten to it; raw HTML is not).
        own = source.language == language and source.explicit_language
        return (prefix if own else language_prefix(project, source.language or project.default_language)) + key
    stem, _ = posixpath.splitext(key)
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        path = f"{head}/index.html" if head else "index.html"
    elif project.use_directory_urls:
        path = f"{stem}/index.html"
    else:
        path = f"{stem}.html"
    return prefix + path


def page_address(project: "Project", source: "SourceFile", language: str) -> str:
    """The page's address in the site, relative to its root: `es/sources/` or `es/sources.html`."""
    path = dest_path(project, source, language)
    return path[: -len("index.html")] if path.endswith("index.html") else path


def site_files(project: "Project") -> dict[str, "SourceFile"]:
    """Site file -> the source it is built from, over every built language (fallbacks included)."""
    index: dict[str, SourceFile] = {}
    for language in project.built_locales:
        for source in project.tree(language).values():
            index.setdefault(dest_path(project, source, language), source)
    return index


def served_file(index: dict[str, "SourceFile"], address: str) -> "SourceFile | None":
    """The source behind a site address (a folder address serves its index.html)."""
    address = address.lstrip("/")
    if address in ("", "."):
        return index.get("index.html")
    if address.endswith("/"):
        return index.get(address + "index.html")
    return index.get(address) or index.get(address + "/index.html")
