"""`mark-translated`: record that translations follow the English pages as they are now."""

from __future__ import annotations

from pathlib import Path

from refcheck.uitext import _

from refcheck.translation.originals import original_path, store_original
from refcheck.translation.pages import (
    ORIGINALS_DIR,
    TRANSLATION_OF,
    TRANSLATION_STATE,
    Project,
    TranslationError,
    english_hash,
    read_front_matter,
    relative,
    set_front_matter,
)

# --------------------------------------------------------------------------------------------
# Marking pages as up to date


def mark_translated(project: Project, lang: str, page: str) -> tuple[Path, str, str | None]:
    """Record that the translation of `page` follows the English page as it is now.

    Returns (path, new hash, previous hash). Also stores that English text in translations/originals/.
    """
    if lang == project.default:
        raise TranslationError(_("{page}: the {lang} pages are the originals; name a translation").format(page=page, lang=lang))
    english = project.path(project.default, page)
    if not english.is_file():
        raise TranslationError(_("{file} does not exist: {page} has no English page").format(
            file=relative(project, english), page=page))
    path = project.path(lang, page)
    if not path.is_file():
        raise TranslationError(_("{file} does not exist: translate the page first").format(file=relative(project, path)))
    english_text = english.read_text(encoding="utf-8-sig")
    digest = english_hash(english_text)
    text = path.read_text(encoding="utf-8")
    previous = read_front_matter(text).values.get(TRANSLATION_OF)
    updated = set_front_matter(text, {TRANSLATION_OF: digest, TRANSLATION_STATE: None})
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    store_original(project.root, page, english_text)
    return path, digest, previous


def prune_originals(project: Project) -> list[Path]:
    """Remove stored English versions that no translation names any more."""
    folder = project.root / ORIGINALS_DIR
    if not folder.is_dir():
        return []
    wanted = set()
    for lang in project.translations:
        for page in project.pages():
            path = project.path(lang, page)
            if path.is_file():
                digest = read_front_matter(path.read_text(encoding="utf-8-sig")).values.get(TRANSLATION_OF)
                if digest:
                    wanted.add(original_path(project.root, page, digest).resolve())
    removed = []
    for path in sorted(folder.rglob("*.md")):
        if path.resolve() not in wanted:
            path.unlink()
            removed.append(path)
    return removed


