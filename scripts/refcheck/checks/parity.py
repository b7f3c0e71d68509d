"""Rule 6: a page and each of its translations carry the same references and facts.

Compared for every page key and every built language other than the default: the page exists in
both, the footnote labels, external URLs, explicit heading ids and numbers are the same sets, and
the translation does not link to a default-language page where a translated one exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from refcheck.checks.footnotes import FOOTNOTE_UNDEFINED, added_reference
from refcheck.checks.numbers import readings
from refcheck.config import Config
from refcheck.engines import alignment
from refcheck.facts import PageFacts
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Page, Project
from refcheck.resolve import is_external, resolve_link
from refcheck.uitext import _, language_name

TRANSLATION_MISSING = Rule(
    "translation-missing",
    "A page has no translation in a built language (static-i18n shows the default-language page).",
    Severity.WARNING,
    "The reader who chose the language gets the original without knowing why; it also lists what is left to translate.",
    "docs/en/due-process.md and no docs/es/due-process.md",
    "docs/en/due-process.md and docs/es/due-process.md",
)
TRANSLATION_ORPHAN = Rule(
    "translation-orphan",
    "A translated page has no default-language page with the same path.",
    Severity.ERROR,
    "Usually the original was renamed or removed: the translation is no longer linked from the "
    "language switcher, and readers of the original never reach it.",
    "docs/es/due-proces.md and no docs/en/due-proces.md",
    "docs/es/due-process.md and docs/en/due-process.md",
)
FOOTNOTE_PARITY = Rule(
    "footnote-parity",
    "A page and its translation do not use the same set of footnote labels.",
    Severity.ERROR,
    "A note was dropped or added in translation: one language cites a source the other does not.",
    "en: `...law.[^5]`  es: `...ley.` (no [^5])",
    "en: `...law.[^5]`  es: `...ley.[^5]`",
)
URL_PARITY = Rule(
    "url-parity",
    "A page and its translation do not link to the same set of external URLs.",
    Severity.WARNING,
    "A source address was mistyped, dropped or changed in one language. Where a translation links "
    "a translated edition of a source on purpose, list that address under the rule's option "
    "`translated_editions`: a translation may add it, and it is still checked like any link.",
    "en: `<https://www.gob.mx/difnacional>`  es: `<https://www.gob.mx/difnacion>`",
    "en: `<https://www.gob.mx/difnacional>`  es: `<https://www.gob.mx/difnacional>`",
)
HEADING_ID_PARITY = Rule(
    "heading-id-parity",
    "A page and its translation do not have the same explicit heading ids (`{ #id }`).",
    Severity.ERROR,
    "Links from other pages and the language switcher keep the `#id`: a changed id sends readers "
    "of one language to the top of the page.",
    "en: `## The brief { #the-brief }`  es: `## El informe { #el-informe }`",
    "en: `## The brief { #the-brief }`  es: `## El informe { #the-brief }`",
)
NUMBER_PARITY = Rule(
    "number-parity",
    "A number in a page is missing from its translation, or the translation has one the original lacks.",
    Severity.WARNING,
    "Figures are the facts a translation must not change. Written forms are compared by value, in "
    "each language's conventions: English 5,289 = Spanish 5289 = 5 289 (and 5.289, which "
    "`number-style` reports), 3.5 = 3,5, and 70 percent = 70 % = 70 por ciento. A changed figure "
    "is reported at the translation's number; a dropped one at the sentence that lost it. Numbers "
    "in a note are compared with the same note of the translation.",
    "en: `reported 5,289 crimes`  es: `registró 5.298 delitos`",
    "en: `reported 5,289 crimes`  es: `registró 5.289 delitos`",
)
LINK_TO_DEFAULT_LANGUAGE = Rule(
    "link-to-default-language",
    "A translated page links to a default-language page for which a translation exists.",
    Severity.WARNING,
    "The reader is switched to the original language in the middle of reading a translation.",
    "docs/es/index.md: `[Fuentes](../en/sources.md)`",
    "docs/es/index.md: `[Fuentes](sources.md)`",
)
RULES = [
    TRANSLATION_MISSING, TRANSLATION_ORPHAN, FOOTNOTE_PARITY, URL_PARITY, HEADING_ID_PARITY,
    NUMBER_PARITY, LINK_TO_DEFAULT_LANGUAGE,
]


def expected_path(project: Project, locale: str, key: str) -> str:
    if project.structure == "folder":
        return f"{project.docs_prefix}/{locale}/{key}"
    pure = PurePosixPath(key)
    return f"{project.docs_prefix}/{pure.with_name(f'{pure.stem}.{locale}{pure.suffix}')}"


def _first_line(facts: PageFacts) -> Location:
    return Location(facts.file, 1, 1)


def _note_location(facts: PageFacts, label: str) -> Location:
    for definition in facts.footnote_defs:
        if definition.label == label:
            return definition.where
    return _first_line(facts)


def _where_missing(facts: PageFacts, segment: str) -> Location:
    return _note_location(facts, segment) if segment else _first_line(facts)


def _compare_sets(
    rule: Rule, original: Page, translation: Page, project: Project,
    ours: dict[str, Location], theirs: dict[str, Location], describe: str, segment_of: dict[str, str] | None = None,
) -> Iterator[Finding]:
    """`ours`/`theirs`: item -> where it stands (original / translation)."""
    name = language_name(original.language, project.language_name(original.language))
    for item in sorted(set(ours) - set(theirs)):
        segment = (segment_of or {}).get(item, "")
        where = _where_missing(translation.facts, segment)
        line = ours[item].line
        yield Finding.at(
            rule, where,
            _("{describe} {item} of the {language} page ({file}:{line}) is missing here").format(
                describe=describe, item=item, language=name, file=original.file, line=line),
        )
    for item in sorted(set(theirs) - set(ours)):
        yield Finding.at(
            rule, theirs[item],
            _("{describe} {item} is not on the {language} page ({file}); check it against the original").format(
                describe=describe, item=item, language=name, file=original.file),
        )


def _firsts(pairs: Iterable[tuple[str, Location]]) -> dict[str, Location]:
    found: dict[str, Location] = {}
    for item, where in pairs:
        found.setdefault(item, where)
    return found


def _labels(facts: PageFacts) -> dict[str, Location]:
    return _firsts([(f"[^{r.label}]", r.where) for r in facts.footnote_refs]
                   + [(f"[^{u.label}]", u.where) for u in facts.unresolved if u.kind == "footnote"]
                   + [(f"[^{d.label}]", d.where) for d in facts.footnote_defs])


def _urls(facts: PageFacts, project: Project, config: Config) -> tuple[dict[str, Location], dict[str, str]]:
    links = [l for l in facts.links if is_external(l.url) and not config.ignored_url(l.url)]
    return _firsts((l.url, l.where) for l in links), {l.url: l.footnote or "" for l in links}


def _heading_ids(facts: PageFacts) -> dict[str, Location]:
    return _firsts((f"`#{h.id}`", h.where) for h in facts.headings if h.explicit)


@dataclass(frozen=True)
class _Figure:
    """One number as written, with every value it can have in its page's language."""

    text: str
    values: frozenset[str]
    where: Location


def _figures(facts: PageFacts, language: str, ignore: set[str]) -> dict[str, list[_Figure]]:
    """Segment ("" for the text, else a note's label) -> its numbers, first writing of each value."""
    values_of: dict[tuple[str, Location, str], set[str]] = {}
    for number in facts.numbers:  # one written list (1.2.3) gives several Number records
        values_of.setdefault((number.text, number.where, number.segment), set()).add(number.value)
    by_segment: dict[str, list[_Figure]] = {}
    for (text, where, segment), canonical in values_of.items():
        values = readings(text, language) or frozenset(canonical)
        if len(canonical) > 1:  # a list of numbers: each is a figure of its own
            figures = [_Figure(value, frozenset({value}), where) for value in sorted(canonical)]
        else:
            figures = [_Figure(text, values, where)]
        for figure in figures:
            if figure.values & ignore:
                continue
            known = by_segment.setdefault(segment, [])
            if not any(other.values == figure.values for other in known):
                known.append(figure)


    return by_segment


def _unmatched_heading_ids(original: PageFacts, translation: PageFacts) -> tuple[dict[str, Location], ...]:
    """Explicit ids of each side that the other side lacks: an explicit `{ #id }` matches the other
    page's id whether written there or computed from its heading (as the site computes it)."""
    ours = {k: v for k, v in _heading_ids(original).items() if k[2:-1] not in translation.ids}
    theirs = {k: v for k, v in _heading_ids(translation).items() if k[2:-1] not in original.ids}
    return ours, theirs


def _counterpart(original: PageFacts, translation: PageFacts, where: Location) -> tuple[Location, bool]:
    """The translation's heading that stands where the original's heading at `where` does, and
    whether it is that heading (False: the heading is gone, and this is the one after its place).
    Found by place when both pages have as many headings, else between the headings both pages share ids with."""
    index = next((i for i, h in enumerate(original.headings) if h.where.line == where.line), None)
    if index is None:
        return Location(translation.file, alignment.aligned_line(original, translation, where.line or 0, None), None), True
    if len(original.headings) == len(translation.headings):
        return translation.headings[index].where, True
    position = {h.id: i for i, h in enumerate(translation.headings)}
    before = next((position[h.id] for h in reversed(original.headings[:index]) if h.id in position), -1)
    after = next((position[h.id] for h in original.headings[index + 1:] if h.id in position), len(translation.headings))
    if after - before == 2:
        return translation.headings[before + 1].where, True
    if after < len(translation.headings):
        return translation.headings[after].where, False
    return Location(translation.file, alignment.aligned_line(original, translation, where.line or 0, None), None), True


def _compare_heading_ids(original: Page, translation: Page, project: Project) -> Iterator[Finding]:
    """Each id the translation lost or changed, at the translation's heading: a changed id is one
    finding (the id to put back), not a missing one and an extra one."""
    ours, theirs = _unmatched_heading_ids(original.facts, translation.facts)
    name = language_name(original.language, project.language_name(original.language))
    changed: set[str] = set()
    for item, where in sorted(ours.items(), key=lambda pair: pair[1].line or 0):
        heading, present = _counterpart(original.facts, translation.facts, where)
        if not present:
            yield Finding.at(HEADING_ID_PARITY, heading, _(
                "the heading {item} of the {language} page ({file}:{line}) is missing before this heading; links "
                "and the language switcher use its id").format(item=item, language=name, file=original.file, line=where.line))
            continue
        other = next((key for key, place in theirs.items() if place.line == heading.line and key not in changed), None)
        if other is not None:
            changed.add(other)
            yield Finding.at(HEADING_ID_PARITY, heading, _(
                "the heading id {item} stands where the {language} page has {original} ({file}:{line}); links and the "
                "language switcher use the original's id: write `{{ #{id} }}`").format(
                    item=other, language=name, original=item, file=original.file, line=where.line, id=item[2:-1]))
        else:
            yield Finding.at(HEADING_ID_PARITY, heading, _(
                "this heading lost the id {item} of the {language} page ({file}:{line}); links and the language "
                "switcher use it: add `{{ #{id} }}` to this heading").format(
                    item=item, language=name, file=original.file, line=where.line, id=item[2:-1]))
    for item in sorted(set(theirs) - changed):
        yield Finding.at(HEADING_ID_PARITY, theirs[item], _(
            "{describe} {item} is not on the {language} page ({file}); check it against the original").format(
                describe=_("the heading id"), item=item, language=name, file=original.file))


def _compare_numbers(original: Page, translation: Page, project: Project, ignore: set[str]) -> Iterator[Finding]:
    ours = _figures(original.facts, original.language or project.default_language, ignore)
    theirs = _figures(translation.facts, translation.language, ignore)
    name = language_name(original.language, project.language_name(original.language))
    for segment in sorted(set(ours) | set(theirs)):
        part = _("note [^{label}]").format(label=segment) if segment else _("the text")
        mine, yours = ours.get(segment, []), theirs.get(segment, [])
        missing = [f for f in mine if not any(f.values & other.values for other in yours)]
        extra = [f for f in yours if not any(f.values & other.values for other in mine)]
        pairs = _pairs(original, translation, segment, missing, extra)
        for figure, changed in pairs:
            if changed is not None:
                yield Finding.at(
                    NUMBER_PARITY, changed.where,
                    _("number {value} in {part} stands where the {language} page has {original} ({file}:{line}): "
                      "check the figure against the original").format(
                        value=changed.text, part=part, language=name, original=figure.text, file=original.file,
                        line=figure.where.line),
                )
            else:
                yield Finding.at(
                    NUMBER_PARITY, _where_figure_belongs(original, translation, segment, figure),
                    _("number {value} in {part} of the {language} page ({file}:{line}) is missing from {part} here").format(
                        value=figure.text, part=part, language=name, file=original.file, line=figure.where.line),
                )
        paired = {id(changed) for _, changed in pairs if changed is not None}
        for figure in extra:
            if id(figure) not in paired:
                yield Finding.at(
                    NUMBER_PARITY, figure.where,
                    _("number {value} in {part} is not in {part} of the {language} page ({file}); check the figure").format(
                        value=figure.text, part=part, language=name, file=original.file),
                )


def _paragraph(facts: PageFacts, line: int | None) -> int | None:
    found = alignment.paragraph_at(facts, line or 0)
    return found.index if found is not None else None


def _pairs(original: Page, translation: Page, segment: str, missing: list[_Figure],
           extra: list[_Figure]) -> list[tuple[_Figure, _Figure | None]]:
    """Each missing figure with the changed one that took its place (same paragraph, in order), if any."""
    free = list(extra)
    result = []
    for figure in missing:
        if segment:
            target = None
        else:
            aligned = alignment.aligned(original.facts, translation.facts, figure.where.line or 0)
            target = aligned.index if aligned is not None else None
        changed = next((other for other in free if segment or _paragraph(translation.facts, other.where.line) == target), None)
        if changed is not None:
            free.remove(changed)
        result.append((figure, changed))
    return result


def _where_figure_belongs(original: Page, translation: Page, segment: str, figure: _Figure) -> Location:
    if segment:
        return _note_location(translation.facts, segment)
    line = alignment.aligned_line(original.facts, translation.facts, figure.where.line or 0, figure.where.column)
    return Location(translation.file, line, None)


def check(project: Project, config: Config) -> Iterator[Finding]:
    default = project.default_language
    others = [locale for locale in project.built_locales if locale != default]
    if not others:
        return
    ignore = {str(n) for n in config.options(NUMBER_PARITY.id).get("ignore", [])}
    editions = {str(url) for url in config.options(URL_PARITY.id).get("translated_editions", [])}
    keys = sorted({page.key for page in project.pages if page.language})
    for key in keys:
        original = project.page(default, key)
        for locale in others:
            translation = project.page(locale, key)
            if original is not None and translation is None:
                yield Finding.at(
                    TRANSLATION_MISSING, _first_line(original.facts),
                    _("no {language} translation of this page ({path}); readers get this page instead").format(
                        language=language_name(locale, project.language_name(locale)), path=expected_path(project, locale, key)),
                )
            elif original is None and translation is not None:
                yield Finding.at(
                    TRANSLATION_ORPHAN, _first_line(translation.facts),
                    _("no {language} page {path} for this translation; give it the original's path or remove it").format(
                        language=language_name(default, project.language_name(default)), path=expected_path(project, default, key)),
                )
            if original is None or translation is None:
                continue
            # A rule turned off is not worked out (number parity reads every figure of every page).
            if config.enabled(FOOTNOTE_PARITY):
                theirs_labels = _labels(translation.facts)
                if config.enabled(FOOTNOTE_UNDEFINED):  # it reports a reference the original lacks, once
                    theirs_labels = {k: v for k, v in theirs_labels.items()
                                     if not added_reference(project, translation, k[2:-1])}
                yield from _compare_sets(FOOTNOTE_PARITY, original, translation, project,
                                         _labels(original.facts), theirs_labels, _("the footnote"),
                                         {f"[^{d.label}]": d.label for d in original.facts.footnote_defs})
            if config.enabled(URL_PARITY):
                ours, segments = _urls(original.facts, project, config)
                theirs, _segments = _urls(translation.facts, project, config)
                theirs = {url: where for url, where in theirs.items() if url in ours or url not in editions}
                yield from _compare_sets(URL_PARITY, original, translation, project, ours, theirs, _("the URL"), segments)
            if config.enabled(HEADING_ID_PARITY):
                yield from _compare_heading_ids(original, translation, project)
            if config.enabled(NUMBER_PARITY):
                yield from _compare_numbers(original, translation, project, ignore)
    for page in project.pages:
        if page.language in (default, ""):
            continue
        for link in page.facts.links:
            target = resolve_link(project, page, link.url)
            source = target.source
            if (target.kind == "file" and target.via == "path" and source is not None and source.language == default
                    and source.explicit_language and source.is_page and project.page(page.language, source.key)):
                yield Finding.at(
                    LINK_TO_DEFAULT_LANGUAGE, link.where,
                    _("link to the {language} page {file}, which has a {translation} translation; link to `{key}` relative to this language").format(
                        language=language_name(default, project.language_name(default)), file=source.file,
                        translation=language_name(page.language, project.language_name(page.language)), key=source.key),
                )
