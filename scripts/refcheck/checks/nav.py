"""Rule 5: the nav names files that exist, and lists every page."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project, _excluded, plugin_settings
from refcheck.uitext import _

NAV_MISSING_FILE = Rule(
    "nav-missing-file",
    "A nav entry in mkdocs.yml names a file that does not exist.",
    Severity.ERROR,
    "The menu shows an entry that leads nowhere, in every language.",
    "nav:\n  - due-proces.md",
    "nav:\n  - due-process.md",
)
NAV_OMITTED_PAGE = Rule(
    "nav-omitted-page",
    "A page exists but no nav entry lists it (and `not_in_nav` does not exempt it).",
    Severity.WARNING,
    "Readers can only reach the page by a link or a search: usually a page added without its menu entry.",
    "docs/en/annex.md, and no `annex.md` in nav",
    "nav:\n  - annex.md",
)
RULES = [NAV_MISSING_FILE, NAV_OMITTED_PAGE]


def nav_key(project: Project, path: str) -> str:
    """The page a nav entry names, as static-i18n finds it: in the folder layout an entry may
    start with a language's folder (`en/index.md`), which names the page of the language built."""
    key = posixpath.normpath(path[2:] if path.startswith("./") else path)
    named = project.docs_paths.get(key)
    if named is not None and named.explicit_language:
        return named.key  # `index.en.md` (suffix) or `en/index.md` (folder): that file's page
    first, _, rest = key.partition("/")
    if project.structure == "folder" and rest and first in project.locales:
        return rest
    return "index.md" if key == "." else key


def _made_by_plugin(project: Project, key: str, path: str) -> bool:
    """A page a plugin fills and links itself, which needs no nav entry: the tags plugin's index
    (`tags_file`, `tags_extra_files`) and listings (`<!-- material/tags -->`), the blog's posts."""
    tags = plugin_settings(project.config, "tags", "material/tags")
    if tags is not None:
        named = {str(tags.get("tags_file") or "")} | {str(name) for name in tags.get("tags_extra_files") or {}}
        if key in named:
            return True
        directive = f"<!-- {tags.get('listings_directive') or 'material/tags'}"
        try:  # only the pages no nav entry lists are read again
            if directive in (project.docs_dir / path).read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass
    blog = plugin_settings(project.config, "blog", "material/blog")
    if blog is not None:
        folder = str(blog.get("blog_dir") or "blog").strip("/")
        return folder in ("", ".") or key.startswith(f"{folder}/")
    return False


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
            if (page.language != language or page.key in keys or _excluded(page.key, project.not_in_nav)
                    or _made_by_plugin(project, page.key, page.source.path)):
                continue
            yield Finding.at(
                NAV_OMITTED_PAGE, Location(page.file, 1, 1),
                _("page `{page}` is in no nav entry; add it to nav in {config} or to not_in_nav").format(page=page.key, config=project.config_file),
            )
