"""Rule 5: the nav names files that exist, and lists every page."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project, _excluded
from refcheck.uitext import _

NAV_MISSING_FILE = Rule(
    "nav-missing-file",
    "A nav entry in mkdocs.yml names a file that does not exist.",
    Severity.ERROR,
    "The menu shows an entry that leads nowhere, in every language.",
    "nav:\n  - due-proces.md",
    "nav:\n  - due-process.md",
    needs_text=False,
)
NAV_OMITTED_PAGE = Rule(
    "nav-omitted-page",
    "A page exists but no nav entry lists it (and `not_in_nav` does not exempt it).",
    Severity.WARNING,
    "Readers can only reach the page by a link or a search: usually a page added without its menu entry.",
    "docs/en/annex.md, and no `annex.md` in nav",
    "nav:\n  - annex.md",
    needs_text=False,
)
RULES = [NAV_MISSING_FILE, NAV_OMITTED_PAGE]


def nav_key(project: Project, path: str) -> str:
    """The page a nav entry names, as static-i18n finds it: in the folder layout an entry may
    start with a language's folder (`en/index.md`), which names the page of the language built."""
    key = posixpath.normpath(path[2:] if path.startswith("./") else path)
    first, _, rest = key.partition("/")
    if project.structure == "folder" and rest and first in project.locales:
        return rest
    return "index.md" if key == "." else key


def check(project: Project, config: Config) -> Iterator[Finding]:
    if project.nav is None:
        return
    listed: dict[str, set[str]] = {}
    for entry in project.nav:
        key = nav_key(project, entry.path)
        listed.setdefault(entry.language, set()).add(key)
        tree = project.tree(entry.language)
        if key not in tree and f"{key}/index.md" not in tree:
            yield Finding.at(
                NAV_MISSING_FILE, entry.where,
                _("nav entry `{path}` names no file in {folder}").format(path=entry.path, folder=f"{project.docs_prefix}/"
                + (f"{entry.language}/" if project.structure == "folder" else "")),
            )
    for language, keys in listed.items():
        for page in project.pages:
            if page.language != language or page.key in keys or _excluded(page.key, project.not_in_nav):
                continue
            yield Finding.at(
                NAV_OMITTED_PAGE, Location(page.file, 1, 1),
                _("page `{page}` is in no nav entry; add it to nav in {config} or to not_in_nav").format(page=page.key, config=project.config_file),
            )
