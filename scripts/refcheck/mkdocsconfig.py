"""Stage 1a: read mkdocs.yml as MkDocs and mkdocs-static-i18n read it, without running any of it.

- `INHERIT: base.yml` is followed (relative to the file that names it, never outside the project,
  never round a loop) and merged as MkDocs merges it: mappings key by key, the child's value winning
  for everything else (mergedeep's REPLACE strategy, which MkDocs uses).
- static-i18n's two configuration generations: 1.x (`languages:` a list of `locale:` mappings) and
  0.x (`default_language:` plus `languages:` a mapping of locale -> name or settings).
- Every nav entry keeps the file and line it was written at, in whichever file of the chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from refcheck.mdsource import yamlsafe
from refcheck.mdsource.yamlsafe import merge

from refcheck.facts import SlugifySpec
from refcheck.findings import Location

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
# Slugify functions the checker may import by name from mkdocs.yml (importing runs no config code).
SLUGIFY_MODULES = ("markdown.extensions.toc", "pymdownx.slugs")
MAX_INHERIT_DEPTH = 10
# static-i18n 0.x: `languages: {default: {name: ...}, fr: ...}` names the root version's settings.
DEFAULT_VERSION_KEY = "default"


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
class NavEntry:
    language: str  # the language whose nav names it
    title: str | None
    path: str
    where: Location


@dataclass(frozen=True)
class ConfigFile:
    """One file of the INHERIT chain: its name (relative to the root) and its node tree."""

    name: str
    node: yaml.Node | None


@dataclass(frozen=True)
class MkDocsConfig:
    data: Mapping[str, Any]  # merged, as MkDocs sees it
    chain: tuple[ConfigFile, ...]  # the project's mkdocs.yml first, then what it inherits

    @property
    def file(self) -> str:
        return self.chain[0].name

    def node(self, path: tuple[str, ...]) -> tuple[str, yaml.Node] | None:
        """The node at a chain of keys, from the first file of the chain that has it."""
        for config_file in self.chain:
            found = yamlsafe.find_lines(config_file.node, path)
            if found is not None:
                return config_file.name, found
        return None


def find_config(root: Path) -> Path:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    if not root.is_dir():
        raise CannotRun(f"{root} is not a directory")
    raise CannotRun(f"no mkdocs.yml in {root}: give the MkDocs project's folder with --root")


def _read_one(path: Path, shown: str) -> tuple[dict[str, Any], yaml.Node | None]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CannotRun(f"{shown} is not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise CannotRun(f"cannot read {shown}: {error.strerror or error}") from None
    try:
        data, node = yamlsafe.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CannotRun(f"{shown} is not valid YAML{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CannotRun(f"{shown} must be a mapping of settings, not {type(data).__name__}")
    return data, node


def read_config(path: Path, root: Path | None = None) -> MkDocsConfig:
    """mkdocs.yml and every file it INHERITs, merged; `root` bounds where INHERIT may lead."""
    root = (root or path.parent).resolve()
    chain: list[ConfigFile] = []
    layers: list[dict[str, Any]] = []
    seen: set[Path] = set()
    current = path.resolve()
    while True:
        shown = current.relative_to(root).as_posix() if current.is_relative_to(root) else current.name
        data, node = _read_one(current, shown)
        seen.add(current)
        chain.append(ConfigFile(shown, node))
        parent = data.pop("INHERIT", None)
        layers.append(data)
        if parent is None:
            break
        following = (current.parent / parent).resolve() if isinstance(parent, str) and parent.strip() else None
        # An INHERIT that names nothing, leaves the project, loops or names no file is not followed:
        # the `config-inherit` rule reports it at its line (MkDocs would fail, or read outside).
        if (following is None or not following.is_relative_to(root) or following in seen
                or len(chain) > MAX_INHERIT_DEPTH or not following.is_file()):
            break
        current = following
    merged: dict[str, Any] = {}
    for layer in reversed(layers):
        merged = merge(merged, layer)
    return MkDocsConfig(merged, tuple(chain))


def plugin_items(config: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        yield from plugins.items()
        return
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            yield item, {}
        elif isinstance(item, Mapping):
            yield from item.items()


def plugin_settings(config: Mapping[str, Any], *names: str) -> Mapping[str, Any] | None:
    for name, settings in plugin_items(config):
        if name in names:
            return settings if isinstance(settings, Mapping) else {}
    return None


def i18n_settings(config: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return plugin_settings(config, "i18n")


def read_languages(i18n: Mapping[str, Any], config_file: str) -> list[Language]:
    """Both static-i18n generations: 1.x `languages: [{locale: ...}]`, 0.x `languages: {fr: ...}`."""
    languages_setting = i18n.get("languages")
    found: list[Language] = []
    if isinstance(languages_setting, list):
        for item in languages_setting:
            if isinstance(item, Mapping) and item.get("locale"):
                found.append(Language(str(item["locale"]), str(item.get("name") or item["locale"]),
                                      bool(item.get("default")), item.get("build", True) is not False, item.get("nav")))
        return found
    if isinstance(languages_setting, Mapping) or "default_language" in i18n:
        # static-i18n 0.x: `default_language: en` and `languages: {en: English, fr: {name: ...}}`.
        default = i18n.get("default_language")
        if not isinstance(default, str) or not default:
            raise CannotRun(f"{config_file}: the i18n plugin's 0.x settings need `default_language:` "
                            "(or write them as 1.x `languages:` with `locale:` entries)")
        mapping = dict(languages_setting) if isinstance(languages_setting, Mapping) else {}
        # `default:` is 0.x's entry for the version built at the site's root, not a language.
        root_version = mapping.pop(DEFAULT_VERSION_KEY, None)
        for locale, value in mapping.items():
            settings = value if isinstance(value, Mapping) else {"name": value}
            found.append(Language(str(locale), str(settings.get("name") or locale), str(locale) == default,
                                  settings.get("build", True) is not False, settings.get("nav")))
        if default not in {language.locale for language in found}:
            name = root_version.get("name") if isinstance(root_version, Mapping) else None
            found.insert(0, Language(default, str(name or default), True))
        return found
    if languages_setting is not None:
        raise CannotRun(f"{config_file}: the i18n plugin's `languages` must be a list of `locale:` entries "
                        f"(1.x) or a mapping of locales (0.x), not {type(languages_setting).__name__}")
    return found


def slugify_spec(config: Mapping[str, Any]) -> SlugifySpec:
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


def nav_entries(node: yaml.Node | None, language: str, config_file: str) -> list[NavEntry]:
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


def language_navs(config: MkDocsConfig) -> list[NavEntry]:
    """Every language's own `nav` inside the i18n plugin settings (1.x list or 0.x mapping)."""
    found: list[NavEntry] = []
    located = config.node(("plugins",))
    if located is None:
        return found
    file, plugins = located
    candidates: list[yaml.Node] = []
    if isinstance(plugins, yaml.SequenceNode):
        candidates = [item for item in plugins.value if isinstance(item, yaml.MappingNode)]
    elif isinstance(plugins, yaml.MappingNode):
        candidates = [plugins]
    for candidate in candidates:
        languages = yamlsafe.find_lines(candidate, ("i18n", "languages"))
        if isinstance(languages, yaml.SequenceNode):
            pairs = [(yamlsafe.find_lines(item, ("locale",)), item) for item in languages.value]
        elif isinstance(languages, yaml.MappingNode):
            default = yamlsafe.find_lines(candidate, ("i18n", "default_language"))
            pairs = [(default if getattr(key, "value", None) == DEFAULT_VERSION_KEY else key, item)
                     for key, item in languages.value]
        else:
            continue
        for locale, item in pairs:
            nav = yamlsafe.find_lines(item, ("nav",))
            if isinstance(locale, yaml.ScalarNode) and nav is not None:
                found += nav_entries(nav, locale.value, file)
    return found


def languages_of(config: Mapping[str, Any], config_file: str) -> list[Language]:
    """The languages of a project as static-i18n reads them from mkdocs.yml (one without the plugin)."""
    return structure_of(config, config_file)[1]


def structure_of(config: Mapping[str, Any], config_file: str) -> tuple[str, list[Language], bool]:
    """(docs_structure, languages, fallback) as static-i18n reads them; no plugin: one language."""
    i18n = i18n_settings(config)
    languages = read_languages(i18n, config_file) if i18n is not None else []
    if not languages:
        theme = config.get("theme")
        locale = str(theme.get("language") or "en") if isinstance(theme, Mapping) else "en"
        return "none", [Language(locale, locale, True)], False
    assert i18n is not None
    structure = str(i18n.get("docs_structure") or "suffix")
    if structure not in ("folder", "suffix"):
        raise CannotRun(f"unknown static-i18n docs_structure {structure!r} (expected folder or suffix)")
    return structure, languages, bool(i18n.get("fallback_to_default", True))
