"""Which pages are translated, stale, unrecorded, untranslated or missing, and the words left."""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from refcheck.translation.originals import Original, find_original
from refcheck.translation.pages import (
    MISSING,
    STALE,
    STATES,
    TRANSLATED,
    TRANSLATION_OF,
    TRANSLATION_STATE,
    UNRECORDED,
    UNTRANSLATED,
    Project,
    TranslationError,
    english_hash,
    normalize,
    read_front_matter,
    relative,
)
from refcheck.uitext import _, language_name, ngettext, number, state_name
from refcheck.uitext.shown import code_span, visible

# --------------------------------------------------------------------------------------------
# Status


def _words(markdown: str) -> list[str]:
    """Words a translator translates: prose, not code or addresses."""
    try:
        from refcheck.mdsource.prose import words_of  # markdown-it-py, inside .venv/
    except ImportError:
        text = re.sub(r"https?://\S+|`[^`]*`", " ", markdown)
        return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)
    return words_of(markdown)


def _count_words(markdown: str) -> int:
    return len(_words(markdown))


def changed_words(original: str, current: str) -> int:
    """English words added or changed since `original`: the paragraphs that changed are found first,
    then the words within them, so two changed words count two, not their paragraph or page."""
    old, new = normalize(original).split("\n\n"), normalize(current).split("\n\n")
    count = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("insert", "replace"):
            before, after = _words("\n\n".join(old[i1:i2])), _words("\n\n".join(new[j1:j2]))
            matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
            count += sum(b2 - b1 for op, _a1, _a2, b1, b2 in matcher.get_opcodes() if op in ("insert", "replace"))
    return count


@dataclass(frozen=True)
class PageStatus:
    lang: str
    page: str
    path: Path
    state: str
    recorded: str | None  # the hash in translation_of
    current: str  # the hash of the English page now
    words: int  # words left to translate: the page, or the changed paragraphs of a stale page
    line: int | None  # the line of translation_of (or 1)
    original: Original | None = None


def page_status(project: Project, lang: str, page: str, details: bool = True) -> PageStatus:
    """The state of one translated page; without `details`, no word counts and no English diff."""
    english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
    current = english_hash(english_text)
    path = project.path(lang, page)

    def count_words(markdown: str) -> int:
        return _count_words(markdown) if details else 0

    if not path.is_file():
        return PageStatus(lang, page, path, MISSING, None, current, count_words(english_text), None)
    front = read_front_matter(path.read_text(encoding="utf-8-sig"))
    recorded = front.values.get(TRANSLATION_OF) or None
    line = front.lines.get(TRANSLATION_OF, 1)
    if front.values.get(TRANSLATION_STATE) == UNTRANSLATED:
        return PageStatus(lang, page, path, UNTRANSLATED, recorded, current, count_words(english_text), line)
    if recorded is None:
        return PageStatus(lang, page, path, UNRECORDED, None, current, 0, 1)
    if recorded == current:
        return PageStatus(lang, page, path, TRANSLATED, recorded, current, 0, line)
    original = find_original(project, page, recorded) if details else None
    if original is None:
        words = count_words(english_text)
    else:
        words = changed_words(original.text, english_text)
    return PageStatus(lang, page, path, STALE, recorded, current, words, line, original)


def project_status(project: Project, languages: Iterable[str] | None = None) -> dict[str, list[PageStatus]]:
    pages = project.pages()
    wanted = list(languages) if languages else list(project.translations)
    for lang in wanted:
        if lang not in project.translations:
            raise TranslationError(
                _("{lang!r} is not a translation of this site (languages: {languages})").format(
                    lang=lang, languages=", ".join(project.languages))
            )
    return {lang: [page_status(project, lang, page) for page in pages] for lang in wanted}




def advice(project: Project, status: PageStatus, where: str | None = None) -> str:
    """What to do about the page; `where` stands for its path in the text (Markdown passes a mark)."""
    where = relative(project, status.path) if where is None else where
    if status.state == STALE:
        return _("the English page changed since this translation: update it (see `python3 scripts/site.py "
                 "translation-diff {where}`), then run `python3 scripts/site.py mark-translated {where}`").format(where=where)
    if status.state == UNRECORDED:
        return _("does not record which English version it translates: compare it with the English page, "
                 "then run `python3 scripts/site.py mark-translated {where}`").format(where=where)
    if status.state == UNTRANSLATED:
        return _("still the English text: translate it, then run `python3 scripts/site.py mark-translated {where}`").format(where=where)
    if status.state == MISSING:
        return _("no translation: readers get the English page (`python3 scripts/site.py add-language {lang}` creates it)").format(lang=status.lang)
    return _("up to date")


def _summary(statuses: list[PageStatus]) -> dict[str, int]:
    counts = {state: sum(1 for s in statuses if s.state == state) for state in STATES}
    counts["pages"] = len(statuses)
    counts["words"] = sum(s.words for s in statuses)
    return counts


def format_status_text(project: Project, report: dict[str, list[PageStatus]]) -> str:
    pages = project.pages()
    total_words = sum(_count_words(project.path(project.default, p).read_text(encoding="utf-8-sig")) for p in pages)
    out = [ngettext("Translations of the {n} {language} page ({words} words)",
                    "Translations of the {n} {language} pages ({words} words)", len(pages)).format(
        n=len(pages), language=language_name(project.default, project.names.get(project.default, project.default)),
        words=number(total_words)), ""]
    header = (_("language"), *(state_name(s) for s in STATES), _("words to translate"))
    rows = [header]
    for lang, statuses in report.items():
        c = _summary(statuses)
        rows.append((f"{lang} ({project.names.get(lang, lang)})", *(f"{c[s]}" for s in STATES), number(c["words"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        out.append("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths))).rstrip())
    for lang, statuses in report.items():
        left = [s for s in statuses if s.state != TRANSLATED]
        if left:
            out += ["", _("{lang}: what is left").format(lang=lang)]
            for s in left:
                words = " (" + ngettext("{n} word", "{n} words", s.words).format(n=number(s.words)) + ")" if s.words else ""
                out.append(f"  {relative(project, s.path)}: {state_name(s.state)}{words}: {advice(project, s)}")
    if all(s.state == TRANSLATED for statuses in report.values() for s in statuses):
        out += ["", _("Every translation is up to date.")]
    return "\n".join(out) + "\n"


# Stands for a page's path in a hint until the hint's code spans are HTML (a path may hold a backtick).
_PATH_MARK = "\x00path\x00"
_CODE = re.compile(r"`([^`]*)`")


def _markdown_hint(hint: str, path: str) -> str:
    """The hint with its commands as `<code>`, which no backtick in the page's path can end."""
    def code(found: re.Match[str]) -> str:
        return f"<code>{html.escape(found.group(1))}</code>"

    coded = _CODE.sub(code, hint)
    return coded.replace(_PATH_MARK, html.escape(visible(path)))


def format_status_markdown(project: Project, report: dict[str, list[PageStatus]]) -> str:
    """The status as a Markdown summary (a pull request's job summary), in the current language."""
    pages = project.pages()
    default = language_name(project.default, project.names.get(project.default, project.default))
    header = (_("language"), *(state_name(s) for s in STATES), _("words to translate"))
    out = ["### " + _("Translation status"), "",
           ngettext("{n} page in {language}.", "{n} pages in {language}.", len(pages)).format(
               n=number(len(pages)), language=default), "",
           "| " + " | ".join(header) + " |",
           "| --- |" + " ---: |" * (len(header) - 1)]
    for lang, statuses in report.items():
        c = _summary(statuses)
        out.append(f"| {project.names.get(lang, lang)} ({code_span(lang)}) | "
                   + " | ".join(number(c[s]) for s in STATES) + f" | {number(c['words'])} |")
    for lang, statuses in report.items():
        left = [s for s in statuses if s.state != TRANSLATED]
        if not left:
            continue
        todo = ngettext("{language}: {n} page to do", "{language}: {n} pages to do", len(left)).format(
            language=project.names.get(lang, lang), n=number(len(left)))
        out += ["", f"<details><summary>{html.escape(todo)}</summary>", ""]
        for s in left:
            words = (", " + ngettext("{n} word", "{n} words", s.words).format(n=number(s.words))) if s.words else ""
            path = relative(project, s.path)
            hint = _markdown_hint(advice(project, s, where=_PATH_MARK), path)
            out.append(f"- {code_span(path)}: **{state_name(s.state)}**{words}. {hint[:1].upper()}{hint[1:]}.")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def format_status_json(project: Project, report: dict[str, list[PageStatus]]) -> str:
    data = {
        lang: {
            "summary": _summary(statuses),
            "pages": [{"page": s.page, "file": relative(project, s.path), "state": s.state,
                       "translation_of": s.recorded, "english": s.current, "words": s.words}
                      for s in statuses],
        }
        for lang, statuses in report.items()
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


