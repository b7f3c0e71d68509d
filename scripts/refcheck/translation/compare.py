"""Side-by-side views of every translation: `translation-diff --side-by-side`, and the preview's
compare pages (`/_translation/<lang>/<page>/`, written by `serve` only, never by `build`)."""

from __future__ import annotations

from pathlib import Path

from refcheck import uitext
from refcheck.translation import sidebyside
from refcheck.translation.pages import MISSING, STALE, Project, relative
from refcheck.translation.status import page_status

COMPARE_FOLDER = "_translation"


def glossary_terms(project: Project) -> list:
    """The glossary's terms, or none when the project keeps no glossary (or it cannot be read)."""
    from refcheck.translation import terms

    path = project.root / terms.GLOSSARY
    if not path.is_file():
        return []
    try:
        return terms.load(path)
    except terms.GlossaryError:
        return []  # `check` reports an unreadable glossary; the view still shows the page


def page_rows(project: Project, lang: str, page: str, terms: list) -> list[sidebyside.Row] | None:
    """The page and its translation side by side (None: no translation yet). The English words
    changed since the translation was reviewed are marked when that version can be found."""
    status = page_status(project, lang, page)
    if status.state == MISSING:
        return None
    english = project.path(project.default, page).read_text(encoding="utf-8-sig")
    translated = status.path.read_text(encoding="utf-8-sig")
    reviewed = status.original.text if status.state == STALE and status.original is not None else None
    return sidebyside.rows(english, translated, reviewed, terms, lang)


def compare_url(lang: str, page: str) -> str:
    """The preview's address of a page's compare view, relative to the site's root."""
    return f"{COMPARE_FOLDER}/{lang}/{page[: -len('.md')]}/"


def write_compare_pages(project: Project, site_dir: Path) -> list[Path]:
    """Write the compare view of every translated page into a preview's site folder."""
    terms = glossary_terms(project)
    written = []
    for lang in project.translations:
        gettext, _ngettext = uitext.in_language(lang)
        labels = {"missing": gettext("(no block here in the translation)"),
                  "legend": gettext("Each English block beside the translation's. Words the English page "
                                    "changed since the translation was reviewed are marked: removed, added. "
                                    "≈ gives the glossary's renderings of the terms the block uses.")}
        for page in project.pages():
            rows = page_rows(project, lang, page, terms)
            if rows is None:
                continue
            english_file = relative(project, project.path(project.default, page))
            translated_file = relative(project, project.path(lang, page))
            title = gettext("{file} beside {english}").format(file=translated_file, english=english_file)
            target = site_dir / compare_url(lang, page) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(sidebyside.as_html(rows, title=title, english_file=english_file,
                                                 translated_file=translated_file, labels=labels, language=lang),
                              encoding="utf-8")
            written.append(target)
    return written
