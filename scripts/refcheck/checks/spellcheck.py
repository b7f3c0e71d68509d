"""Spelling: hunspell over every page's prose, with Debian's dictionaries and the project's word lists.

What counts as prose, which words are left alone (cited titles, names copied from the English page,
capitals, the glossary's terms) and where the word lists are: see refcheck/engines/spelling.py. Where
hunspell or a dictionary is missing, one `spelling-unavailable` note says so and nothing else is
reported for that language. These rules read each page's Markdown, the word lists and the
glossary, and run hunspell; they change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from refcheck.engines import glossary
from refcheck.engines import hunspell, loanwords, spelling
from refcheck.checks import untranslated
from refcheck.checks.terminology import load_terms
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project
from refcheck.uitext import _, language_name

SPELLING = Rule(
    "spelling",
    "A word of a page's prose is not in the hunspell dictionary of the page's language, nor in the project's word list.",
    Severity.WARNING,
    "Typos reach readers and search; a translation checked only by eye misses accents "
    "(\"informacion\"). When the word is right (a name, a term of art), add it to "
    "translations/spelling/<language>.txt; a word of the original's language left in a translation "
    "is said to be one (translate it, mark it, or list it as a loanword), never advised for the word list.",
    "es: `la proteccion de la niñez`",
    "es: `la protección de la niñez`",
)
SPELLING_UNAVAILABLE = Rule(
    "spelling-unavailable",
    "hunspell, or the dictionary of a language, is not installed, so spelling was not checked.",
    Severity.INFO,
    "A check that silently does nothing looks like a clean result.",
    "a machine without /usr/bin/hunspell",
    "Debian: `apt install hunspell hunspell-en-us hunspell-es` (`python3 scripts/site.py test` does it)",
)
RULES = [SPELLING, SPELLING_UNAVAILABLE]
# hunspell's answers from earlier runs, in the checker's cache folder (refcheck/cache.py);
# `options: {spelling: {cache: false}}` turns it off.
CACHE = "spelling.json"


def check(project: Project, config: Config) -> Iterator[Finding]:
    if not config.enabled(SPELLING):
        return  # nor is it worth saying that it could not run
    options = config.options(SPELLING.id)
    word_lists = hunspell.word_lists_dir(project.root, options)
    # Name a word list in messages only where the project has one, or chose where they are.
    has_word_lists = "word_lists" in options or word_lists.is_dir()
    terms, _problem = load_terms(project, config)  # an unreadable glossary is reported by glossary-invalid
    spellers = untranslated.spellers_of(project, config)  # shared with untranslated-text's screen
    untranslated.loanwords_of(project, config)  # read where the options say, before the screen asks
    accepted: dict[str, set[str]] = {}  # per language: the glossary's terms
    cache = project.cache_dir / CACHE if project.cache_dir is not None and options.get("cache", True) else None
    verdicts = spelling.VerdictCache(cache)
    # A sentence left in the original's language is one `untranslated-text` finding, not a typo per word.
    other_diagnosis = config.severity.get(untranslated.UNTRANSLATED_TEXT.id) != "off"
    # One hunspell per dictionary (it takes ~40 ms just to start), sent every page's words as they
    # are read, and first the words untranslated-text's screen will ask about (one process checks
    # them while this one reads on).
    askings: dict[str, hunspell.Asking] = {}

    def ask(language: str, words: Iterable[str]) -> None:
        speller = spellers(language)
        if language not in accepted:
            accepted[language] = glossary.accepted_words(terms, language, project.default_language) | (
                loanwords.of_language(untranslated.loanwords_of(project, config), language).words())
            verdicts.load(speller)
        if not speller.unavailable:
            if language not in askings:
                askings[language] = speller.start()
            askings[language].send(words)

    if other_diagnosis:
        for language, words in untranslated.words_to_screen(project).items():
            ask(language, words)
    to_check = []
    noted: set[str] = set()  # languages whose speller was looked at (unavailable: said once)
    for page in project.pages:
        if page.facts.decode_error:
            continue
        language = page.language or project.default_language
        speller = spellers(language)
        if language not in noted:
            noted.add(language)
            ask(language, ())
            if speller.unavailable:
                yield Finding.at(SPELLING_UNAVAILABLE, Location(project.config_file, None, None), speller.unavailable)
        if speller.unavailable:
            continue
        english = None
        if language != project.default_language:
            original = project.page(project.default_language, page.key)
            if original is not None and not original.facts.decode_error:
                english = original.facts.prose
        words = spelling.words_to_check(page.facts.prose, speller, accepted[language], english)
        to_check.append((page, language, words))
        ask(language, (candidate[0] for candidate in words))
    new_answers = any(asking.sent for asking in askings.values())
    for asking in askings.values():
        asking.finish()
    # The rejected words, less those of a sentence left in the original's language; then hunspell's
    # suggestions for them, once per dictionary.
    rejected = []
    for page, language, words in to_check:
        passages = untranslated.untranslated_passages(project, page) if other_diagnosis else ()
        speller = spellers(language)
        rejected.append((page, language, [
            candidate for candidate in words if speller.knows(candidate[0]) is False
            and not any(passage.covers(*spelling.where(candidate)) for passage in passages)]))
    for language in {language for _, language, words in rejected if words}:
        spellers(language).suggest(candidate[0] for _, other, words in rejected if other == language for candidate in words)
        new_answers = True
    english = _original_words(project, spellers, rejected)
    if new_answers or english:
        verdicts.save(spellers(language) for language in accepted if not spellers(language).unavailable)
    for page, language, words in rejected:
        word_list = (word_lists / f"{language}.txt").relative_to(project.root).as_posix()
        advice = (_("add it to {word_list}").format(word_list=word_list) if has_word_lists else
                  _("add it to a word list (extra.refcheck.options.spelling.word_lists names their folder)"))
        for miss in spelling.misspellings(words, spellers(language)):
            if language != project.default_language and miss.word in english:
                yield _original_word(project, config, page.file, miss, language)
                continue
            hint = _(" (did you mean {words}?)").format(words=", ".join(f"“{s}”" for s in miss.suggestions)) if miss.suggestions else ""
            yield Finding.at(
                SPELLING, Location(page.file, miss.line, miss.column),
                _("“{word}” is not in the {language} dictionary{hint}; if it is right, {advice}").format(
                    word=miss.word, language=language_name(language, language), hint=hint, advice=advice),
            )


def _original_words(project: Project, spellers: hunspell.Spellers, rejected: list) -> set[str]:
    """The rejected words of translated pages that the original language's dictionary has: words
    of the original left in the translation, which no word list of the page's language should take."""
    original = spellers(project.default_language)
    if original.unavailable:
        return set()
    words = {candidate[0] for _, language, found in rejected if language != project.default_language
             for candidate in found}
    if not words:
        return set()
    original.check_words(words)
    return {word for word in words if original.knows(word)}


def _original_word(project: Project, config: Config, file: str, miss: spelling.Misspelling, language: str) -> Finding:
    """A word of the original's language in a translation: translate it, mark it, or list it as a loanword."""
    original = project.default_language
    return Finding.at(
        SPELLING, Location(file, miss.line, miss.column),
        _("“{word}” is a word in {source}, not {target}: translate it, or if it is a name or a quotation, mark it as "
          "{source} ({span} or {attribute}); if writing in {target} in your field keeps it as it is, list it in {loanwords}").format(
            word=miss.word, source=language_name(original, project.language_name(original)),
            target=language_name(language, project.language_name(language)),
            span=f'`<span lang="{original}">…</span>`', attribute=f"`{{ lang={original} }}`",
            loanwords=untranslated.loanwords_path(project, config).relative_to(project.root).as_posix()),
    )
