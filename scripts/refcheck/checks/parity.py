"""Rule 6: a page and each of its translations carry the same references and facts.

Compared for every page key and every built language other than the default: the page exists in
both, the footnote labels, external URLs, explicit heading ids and numbers are the same sets, and
the translation does not link to a default-language page where a translated one exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from refcheck.config import Config
from refcheck.facts import PageFacts
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Page, Project
from refcheck.resolve import is_external, resolve_link

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
    "Figures are the facts a translation must not change. Written forms are compared by value: "
    "5,289 = 5.289 = 5 289, 3.5 = 3,5 and 70 percent = 70 %. Numbers in a note are compared with "
    "the same note of the translation.",
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
    name = project.language_name(original.language)
    for item in sorted(set(ours) - set(theirs)):
        segment = (segment_of or {}).get(item, "")
        where = _where_missing(translation.facts, segment)
        line = ours[item].line
        yield Finding.at(
            rule, where,
            f"{describe} {item} of the {name} page ({original.file}:{line}) is missing here",
        )
    for item in sorted(set(theirs) - set(ours)):
        yield Finding.at(
            rule, theirs[item],
            f"{describe} {item} is not on the {name} page ({original.file}); check it against the original",
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


def _unmatched_heading_ids(original: PageFacts, translation: PageFacts) -> tuple[dict[str, Location], ...]:
    """Explicit ids of each side that the other side lacks: an explicit `{ #id }` matches the other
    page's id whether written there or computed from its heading (as the site computes it)."""
    ours = {k: v for k, v in _heading_ids(original).items() if k[2:-1] not in translation.ids}
    theirs = {k: v for k, v in _heading_ids(translation).items() if k[2:-1] not in original.ids}
    return ours, theirs


def _numbers(facts: PageFacts, ignore: set[str]) -> dict[str, dict[str, Location]]:
    by_segment: dict[str, dict[str, Location]] = {}
    for number in facts.numbers:
        if number.value not in ignore:
            by_segment.setdefault(number.segment, {}).setdefault(number.value, number.where)
    return by_segment


def _compare_numbers(original: Page, translation: Page, project: Project, ignore: set[str]) -> Iterator[Finding]:
    ours, theirs = _numbers(original.facts, ignore), _numbers(translation.facts, ignore)
    name = project.language_name(original.language)
    for segment in sorted(set(ours) | set(theirs)):
        part = f"note [^{segment}]" if segment else "the text"
        mine, yours = ours.get(segment, {}), theirs.get(segment, {})
        for value in sorted(set(mine) - set(yours)):
            where = _where_missing(translation.facts, segment)
            yield Finding.at(
                NUMBER_PARITY, where,
                f"number {value} in {part} of the {name} page ({original.file}:{mine[value].line}) is missing from {part} here",
            )
        for value in sorted(set(yours) - set(mine)):
            yield Finding.at(
                NUMBER_PARITY, yours[value],
                f"number {value} in {part} is not in {part} of the {name} page ({original.file}); check the figure",
            )


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
                    f"no {project.language_name(locale)} translation of this page "
                    f"({expected_path(project, locale, key)}); readers get this page instead",
                )
            elif original is None and translation is not None:
                yield Finding.at(
                    TRANSLATION_ORPHAN, _first_line(translation.facts),
                    f"no {project.language_name(default)} page {expected_path(project, default, key)} for this "
                    "translation; give it the original's path or remove it",
                )
            if original is None or translation is None:
                continue
            yield from _compare_sets(FOOTNOTE_PARITY, original, translation, project,
                                     _labels(original.facts), _labels(translation.facts), "footnote",
                                     {f"[^{d.label}]": d.label for d in original.facts.footnote_defs})
            ours, segments = _urls(original.facts, project, config)
            theirs, _ = _urls(translation.facts, project, config)
            theirs = {url: where for url, where in theirs.items() if url in ours or url not in editions}
            yield from _compare_sets(URL_PARITY, original, translation, project, ours, theirs, "URL", segments)
            yield from _compare_sets(HEADING_ID_PARITY, original, translation, project,
                                     *_unmatched_heading_ids(original.facts, translation.facts), "heading id")
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
                    f"link to the {project.language_name(default)} page {source.file}, which has a "
                    f"{project.language_name(page.language)} translation; link to `{source.key}` relative to this language",
                )
