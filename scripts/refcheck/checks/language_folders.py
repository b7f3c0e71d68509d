"""A folder of translated pages whose language is not in mkdocs.yml (folder structure only)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project
from refcheck.uitext import _, language_name

LANGUAGE_FOLDER_UNLISTED = Rule(
    "language-folder-unlisted",
    "A folder of docs_dir mirrors the default language's pages but its language is not in the i18n plugin's list.",
    Severity.WARNING,
    "static-i18n takes a folder named like a locale code for that language's pages and, the "
    "language not being listed, never builds them: readers never see them. Usually a language "
    "removed from mkdocs.yml whose pages were left behind, or one added by hand without its entry. "
    "Other rules say nothing of the folder's pages.",
    "docs/fr/index.md, docs/fr/due-process.md and no `- locale: fr` in mkdocs.yml",
    "docs/fr/... and `- locale: fr` in the i18n plugin's `languages`",
)
RULES = [LANGUAGE_FOLDER_UNLISTED]

# A language code as static-i18n's folders use them (fr, pt, pt_BR, zh-Hant, ...).
CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")


def _is_language(code: str) -> bool:
    """A code Babel knows as a language (fr, pt_BR): `img/` or `api/` folders are not languages."""
    if not CODE.match(code):
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def check(project: Project, config: Config) -> Iterator[Finding]:
    if project.structure != "folder":
        return
    default_keys = {page.key for page in project.pages if page.language == project.default_language}
    folders: dict[str, list[str]] = {}
    for path in sorted(project.docs_paths):
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] in project.locales or not _is_language(parts[0]):
            continue
        # A language folder repeats the default language's pages: an `img/` or `api/` folder does not.
        if PurePosixPath(*parts[1:]).as_posix() in default_keys:
            folders.setdefault(parts[0], []).append(path)
    for code, paths in folders.items():
        yield Finding.at(
            LANGUAGE_FOLDER_UNLISTED, Location(f"{project.docs_prefix}/{paths[0]}", 1, 1),
            _("{folder}/ repeats {n} of the {default} pages, but {code} is not a language in {config}: static-i18n "
              "never builds the folder; add the language "
              "(`python3 scripts/site.py add-language {code}`) or delete the folder "
              "(`python3 scripts/site.py remove-language {code} --yes`)").format(
                folder=f"{project.docs_prefix}/{code}", n=len(paths), code=code, config=project.config_file,
                default=language_name(project.default_language, project.language_name(project.default_language))),
        )
