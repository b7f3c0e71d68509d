"""`add-language`: a new language in mkdocs.yml, with its pages copied and marked untranslated."""

from __future__ import annotations

import json
import re
from pathlib import Path

from refcheck.translation.originals import store_original
from refcheck.translation.pages import (
    NEW_LANGUAGE_TEMPLATE,
    TRANSLATION_OF,
    TRANSLATION_STATE,
    UNTRANSLATED,
    Project,
    TranslationError,
    english_hash,
    i18n_config,
    load_mkdocs_yml,
    load_project,
    set_front_matter,
)
from refcheck.uitext import _

# --------------------------------------------------------------------------------------------
# Adding a language


LOCALE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")


def language_name(locale: str) -> str:
    """The language's own name for itself (`fr` -> `Français`), from Babel when it knows it."""
    try:
        from babel import Locale

        name = Locale.parse(locale.replace("-", "_")).get_display_name(locale.replace("-", "_"))
        return name[:1].upper() + name[1:] if name else locale
    except Exception:  # Babel missing, or a locale it does not know: the code is a fine name
        return locale


def _languages_block(lines: list[str]) -> tuple[int, int, str]:
    """(index of the i18n `languages:` line, index after the list's last line, item indentation)."""
    plugin = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s*i18n:\s*(#.*)?$", line)), None)
    if plugin is None:
        raise TranslationError(_("mkdocs.yml has no `- i18n:` plugin entry"))
    plugin_indent = len(lines[plugin]) - len(lines[plugin].lstrip())
    start = None
    for i in range(plugin + 1, len(lines)):
        stripped = lines[i].strip()
        indent = len(lines[i]) - len(lines[i].lstrip())
        if stripped and not stripped.startswith("#") and indent <= plugin_indent:
            break
        if re.match(r"^\s*languages:\s*(#.*)?$", lines[i]):
            start = i
            break
    if start is None:
        raise TranslationError(_("the i18n plugin in mkdocs.yml has no `languages:` list written as a block"))
    key_indent = len(lines[start]) - len(lines[start].lstrip())
    item_indent = None
    end = start + 1
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        if item_indent is None:
            if not stripped.startswith("- "):
                raise TranslationError(_("the i18n `languages:` list in mkdocs.yml is not a block list"))
            item_indent = indent
        if indent < item_indent or (indent <= key_indent and not stripped.startswith("- ")):
            break
        end = i + 1
    if item_indent is None:
        raise TranslationError(_("the i18n `languages:` list in mkdocs.yml is empty"))
    return start, end, " " * item_indent


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def language_entry(project: Project, config: dict, locale: str, name: str, template: str) -> str:
    """The new language's entry, from translations/new-language.yml, unindented."""
    i18n = i18n_config(config)
    nav_keys: list[str] = []
    for entry in i18n.get("languages") or []:
        for key in (entry or {}).get("nav_translations") or {}:
            if key not in nav_keys:
                nav_keys.append(str(key))
    nav = "".join(f"\n    {_yaml_string(key)}: {_yaml_string(key)}" for key in nav_keys) or " {}"
    entry = (template.replace("{locale}", locale).replace("{name}", _yaml_string(name))
             .replace("{site_name}", _yaml_string(str(config.get("site_name") or "")))
             .replace("{site_description}", _yaml_string(" ".join(str(config.get("site_description") or "").split())))
             .replace(" {nav_translations}", nav))
    # Interface strings added to mkdocs.yml after the template was written: the English text.
    english = (config.get("extra") or {}).get("edition") or {}
    lines = entry.splitlines(keepends=True)
    edition = next((i for i, line in enumerate(lines) if re.match(r"^    edition:\s*$", line)), None)
    if edition is None:
        return entry
    end = edition + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    present = {m.group(1) for line in lines[edition + 1:end] if (m := re.match(r"^      (\w+):", line))}
    missing = [f"      {key}: {_yaml_string(str(value))}\n" for key, value in english.items()
               if key not in present and value]
    return "".join(lines[:end] + missing + lines[end:])


def _old_locales(config: dict) -> list[str]:
    return [str(e.get("locale")) for e in i18n_config(config).get("languages") or [] if isinstance(e, dict)]


def add_language(project: Project, locale: str, name: str | None = None) -> list[Path]:
    """Add `locale` to mkdocs.yml's i18n languages and create its pages, marked untranslated."""
    if not LOCALE.match(locale):
        raise TranslationError(_("{locale!r} is not a language code such as fr or pt_BR").format(locale=locale))
    if locale in project.languages:
        raise TranslationError(_("{locale} is already a language of this site").format(locale=locale))
    config_path = project.root / "mkdocs.yml"
    template_path = project.root / NEW_LANGUAGE_TEMPLATE
    if not template_path.is_file():
        raise TranslationError(_("{template} is missing: it holds the new language's mkdocs.yml entry").format(
            template=NEW_LANGUAGE_TEMPLATE))
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    _start, end, indent = _languages_block(lines)
    config = load_mkdocs_yml(config_path)
    template = "".join(
        line for line in template_path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("#!")  # the template's own documentation
    )
    entry = language_entry(project, config, locale, name or language_name(locale), template)
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "".join(indent + line if line.strip() else line for line in entry.strip("\n").splitlines(keepends=True))
    block = block.replace("\r\n", "\n").replace("\n", newline) + newline
    if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    updated = "".join(lines[:end]) + block + "".join(lines[end:])
    # Check the result before writing it: valid YAML, and the new language where static-i18n reads it.
    scratch = config_path.with_name(f".{config_path.name}.{locale}.tmp")
    scratch.write_text(updated, encoding="utf-8")
    try:
        locales = [str(e.get("locale")) for e in i18n_config(load_mkdocs_yml(scratch)).get("languages") or []]
    finally:
        scratch.unlink()
    if locales != [*(str(e) for e in _old_locales(config)), locale]:
        raise TranslationError(_("could not add the language to mkdocs.yml's i18n list: edit it by hand"))
    config_path.write_text(updated, encoding="utf-8")

    created = []
    new_project = load_project(project.root)
    for page in project.pages():
        english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
        path = new_project.path(locale, page)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        marked = set_front_matter(english_text, {TRANSLATION_OF: english_hash(english_text), TRANSLATION_STATE: UNTRANSLATED})
        path.write_text(marked, encoding="utf-8")
        store_original(project.root, page, english_text)
        created.append(path)
    return created


# --------------------------------------------------------------------------------------------
# Removing a language


def _entry_span(lines: list[str], start: int, end: int, indent: str, locale: str) -> tuple[int, int] | None:
    """The lines [first, after) of the list item `- locale: <locale>` in the languages block."""
    items = [i for i in range(start + 1, end) if lines[i].startswith(indent + "- ")]
    for n, first in enumerate(items):
        after = items[n + 1] if n + 1 < len(items) else end
        body = "".join(lines[first:after])
        if re.search(rf"""(?m)^\s*-?\s*locale:\s*["']?{re.escape(locale)}["']?\s*(#.*)?$""", body):
            # Comment lines just above the next item belong to it, not to this one.
            while after - 1 > first and lines[after - 1].strip().startswith("#"):
                after -= 1
            return first, after
    return None


def language_files(project: Project, locale: str) -> Path:
    return project.docs_dir / locale


def remove_language(project: Project, locale: str) -> Path | None:
    """Remove `locale` from mkdocs.yml's i18n languages and delete its folder of pages.

    Returns the folder deleted (None when there was none). The glossary, word lists and stored
    English originals are left as they are: they may serve the language again.
    """
    import shutil

    if locale == project.default:
        raise TranslationError(_("{locale} is the site's original language; it cannot be removed").format(locale=locale))
    config_path = project.root / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, end, indent = _languages_block(lines)
    span = _entry_span(lines, start, end, indent, locale)
    folder = language_files(project, locale)
    if span is None and not folder.is_dir():
        raise TranslationError(_("{locale} is not a language of this site (languages: {languages})").format(
            locale=locale, languages=", ".join(project.languages)))
    if span is not None:
        updated = "".join(lines[:span[0]] + lines[span[1]:])
        scratch = config_path.with_name(f".{config_path.name}.{locale}.tmp")
        scratch.write_text(updated, encoding="utf-8")
        try:
            locales = _old_locales(load_mkdocs_yml(scratch))
        finally:
            scratch.unlink()
        if locales != [code for code in _old_locales(load_mkdocs_yml(config_path)) if code != locale]:
            raise TranslationError(_("could not remove the language from mkdocs.yml's i18n list: edit it by hand"))
        config_path.write_text(updated, encoding="utf-8")
    if folder.is_dir():
        shutil.rmtree(folder)
        return folder
    return None
