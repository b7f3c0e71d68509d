"""The boundary's settings, read from mkdocs.yml as the checker reads it, and the judgement of one file.

The checker and the build hook both build `Settings` from the same plain mapping (the checker's safe
reading of mkdocs.yml, refcheck.mkdocsconfig), so neither trusts MkDocs' own loader for them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from refcheck.boundary import Problem, files, frontmatter
from refcheck.mkdocsconfig import i18n_settings, structure_of

SETTING = "boundary"


@dataclass(frozen=True)
class Settings:
    layout: files.Layout
    allow_files: tuple[str, ...] = ()  # globs of files (as findings name them) maintainers allow
    allow_keys: Mapping[str, frozenset[str]] = field(default_factory=dict)  # file -> extra keys

    def keys_for(self, shown: str) -> frozenset[str]:
        return self.allow_keys.get(shown, frozenset())


def configured(config: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """`extra.refcheck.boundary`, or None where the project has not set it (the rules are then off)."""
    extra = config.get("extra")
    refcheck = extra.get("refcheck") if isinstance(extra, Mapping) else None
    value = refcheck.get(SETTING) if isinstance(refcheck, Mapping) else None
    return value if isinstance(value, Mapping) else ({} if refcheck and SETTING in refcheck else None)


def read(config: Mapping[str, Any], root: Path, config_file: str = "mkdocs.yml") -> Settings:
    """The settings of a project (mkdocs.yml as a plain mapping); malformed entries allow nothing."""
    structure, languages, _fallback = structure_of(config, config_file)
    default = next((language.locale for language in languages if language.default), languages[0].locale)
    layout = files.Layout(structure, tuple(language.locale for language in languages), default,
                          _theme_dirs(config, root), frozenset(_pdf_files(config)))
    boundary = configured(config) or {}
    allow_files = boundary.get("allow_files")
    allow_keys = boundary.get("allow_keys")
    return Settings(
        layout,
        tuple(str(glob) for glob in allow_files) if isinstance(allow_files, list) else (),
        {str(file): frozenset(map(str, keys)) for file, keys in allow_keys.items() if isinstance(keys, list)}
        if isinstance(allow_keys, Mapping) else {},
    )


def _theme_dirs(config: Mapping[str, Any], root: Path) -> tuple[Path, ...]:
    theme = config.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else theme if isinstance(theme, Mapping) else {}
    dirs = []
    if isinstance(theme.get("custom_dir"), str):
        dirs.append(root / theme["custom_dir"])
    if isinstance(theme.get("name"), str):
        found = _installed_theme(theme["name"])
        if found is not None:
            dirs.append(found)
    return tuple(dirs)


@lru_cache(maxsize=8)
def _installed_theme(name: str) -> Path | None:
    """The folder of an installed theme: its package (or its `templates/`) with a mkdocs_theme.yml,
    found without reading every installed package's entry points, as MkDocs does, where possible."""
    try:
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    for base in spec.submodule_search_locations or [] if spec is not None else []:
        for folder in (Path(base), Path(base) / "templates"):
            if (folder / "mkdocs_theme.yml").is_file():
                return folder
    from mkdocs.utils import get_theme_dir

    try:
        return Path(get_theme_dir(name))
    except KeyError:
        return None  # an unknown theme: MkDocs itself reports it


def _pdf_files(config: Mapping[str, Any]) -> list[str]:
    """This edition's PDFs (`extra.edition.pdf_file`, per language), in their language's folder."""
    extras = [config.get("extra")]
    i18n = i18n_settings(config) or {}
    languages = i18n.get("languages")
    extras += [item.get("extra") for item in languages if isinstance(item, Mapping)] if isinstance(languages, list) else []
    names = []
    for extra in extras:
        edition = extra.get("edition") if isinstance(extra, Mapping) else None
        if isinstance(edition, Mapping) and isinstance(edition.get("pdf_file"), str):
            names.append(edition["pdf_file"])
    return names


def page_text(data: bytes) -> str:
    """A page's text as MkDocs reads it (UTF-8 without BOM, universal newlines)."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def judge(relative: str, path: Path, settings: Settings, shown: str) -> list[Problem]:
    """Every problem of one file under docs_dir: its kind and address, then a page's front matter."""
    problems = files.judge(relative, path, settings.layout, settings.allow_files, shown)
    if problems or path.suffix.lower() not in files.PAGE_SUFFIXES:
        return problems
    try:
        text = page_text(path.read_bytes())
    except (OSError, UnicodeDecodeError):
        return problems  # files.judge has said why
    return frontmatter.judge(text, settings.keys_for(shown))
