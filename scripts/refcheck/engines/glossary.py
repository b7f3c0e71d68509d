"""The edition's glossary (translations/glossary.yml) and the terminology checks that read it.

`check_translation(english, translated, language, terms)` compares a translated page with its
English page: a term the English page uses whose approved rendering the translation lacks, and
every form the glossary says not to use. The reference checker's rules (refcheck/checks/
glossary.py) turn these into findings; the file format is documented in the glossary itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.mdsource import prose
from refcheck.translation.terms import (  # noqa: F401  (the glossary's model, re-exported for the rules)
    GLOSSARY,
    RESERVED,
    GlossaryError,
    Rendering,
    Term,
    load,
    parse,
    pattern,
)
from refcheck.uitext import _


@dataclass(frozen=True)
class Occurrence:
    text: str
    line: int
    column: int | None


def find(blocks: list[prose.Block], text: str, case_sensitive: bool) -> list[Occurrence]:
    found = []
    regex = pattern(text, case_sensitive)
    for block in blocks:
        content = block.text()
        for match in regex.finditer(content):
            line, column = block.locate(match.start())
            found.append(Occurrence(match.group(0), line, column))
    return found


@dataclass(frozen=True)
class Issue:
    kind: str  # "missing" or "forbidden"
    term: Term
    rendering: Rendering
    line: int
    column: int | None
    message: str


def check_translation(english: str | tuple[prose.Block, ...], translated: str | tuple[prose.Block, ...],
                      language: str, terms: list[Term]) -> list[Issue]:
    """Terminology problems of a translated page (Markdown text), given its English page."""
    english_blocks = prose.blocks(english) if isinstance(english, str) else english
    translated_blocks = prose.blocks(translated) if isinstance(translated, str) else translated
    issues = []
    for term in terms:
        rendering = term.renderings.get(language)
        if rendering is None:
            continue
        for avoided in rendering.avoid:
            for hit in find(translated_blocks, avoided, term.case_sensitive):
                advice = _("write {words}").format(words=_either(rendering.use)) if rendering.use else _("see the glossary's note")
                issues.append(Issue("forbidden", term, rendering, hit.line, hit.column,
                                    _("“{text}” is marked not to use for “{term}” in {glossary}: {advice}").format(
                                        text=hit.text, term=term.term, glossary=GLOSSARY.as_posix(), advice=advice)
                                    + _note(rendering)))
        if not rendering.use:
            continue
        used = [hit for form in term.forms for hit in find(english_blocks, form, term.case_sensitive)]
        if not used:
            continue
        if any(find(translated_blocks, wanted, term.case_sensitive) for wanted in rendering.use):
            continue
        first = min(used, key=lambda hit: (hit.line, hit.column or 0))
        line = _aligned_line(english_blocks, translated_blocks, first.line)
        issues.append(Issue("missing", term, rendering, line, None,
                            _("the English page uses “{text}” (line {line}) but this page has no {words}, the "
                              "rendering {glossary} approves").format(text=first.text, line=first.line,
                                                                      words=_either(rendering.use), glossary=GLOSSARY.as_posix())
                            + _note(rendering)))
    return sorted(issues, key=lambda issue: (issue.line, issue.column or 0))


def _either(options: tuple[str, ...]) -> str:
    quoted = [f"“{option}”" for option in options]
    return quoted[0] if len(quoted) == 1 else _("{first} or {last}").format(first=", ".join(quoted[:-1]), last=quoted[-1])


def _note(rendering: Rendering) -> str:
    return f" ({rendering.note})" if rendering.note else ""


def _aligned_line(english: list[prose.Block], translated: list[prose.Block], line: int) -> int:
    """The translated block that stands where the English one does, when both have as many blocks."""
    index = next((i for i, block in enumerate(english) if block.pieces and block.line <= line
                  and (i + 1 == len(english) or english[i + 1].line > line)), None)
    if index is not None and len(english) == len(translated):
        return translated[index].line
    return translated[0].line if translated else 1


def accepted_words(terms: list[Term], language: str, default_language: str) -> set[str]:
    """Words the spelling rule accepts on a page of `language`: the glossary's own terms."""
    words: set[str] = set()
    for term in terms:
        texts = []
        if language == default_language:  # the English pages cite the official names too
            texts += [*term.forms, *(use for r in term.renderings.values() for use in r.use)]
        elif language in term.renderings:
            texts += term.renderings[language].use
        for text in texts:
            words.update(word for _, word in prose.words(text))
    return words
