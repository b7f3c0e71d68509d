"""Untranslated text: sentences of a translated page still written in the original's language.

Each sentence of a translation's prose is identified by Lingua against two languages, the page's
and the default language's (refcheck/engines/languageid.py says what is judged and how). Names,
cited titles and passages the author marked with a language are left out. Pages that `add-language`
copied and that are still marked `translation_state: untranslated` are English on purpose (the
rule `translation-untranslated` lists them) and are not read sentence by sentence.
A run of English words inside a sentence of the page's language is one finding too, at its first
word (refcheck/engines/englishruns.py). The words the target language borrows ("framework",
"router", "headers") are listed per language beside the glossary (refcheck/engines/loanwords.py)
and are not English left behind; a file that cannot be read is a `glossary-invalid` error.
These rules read the parsed pages only; they change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from refcheck.cache import FactsCache, remembered
from refcheck.config import Config
from refcheck.checks.terminology import GLOSSARY_INVALID, glossary_path
from refcheck.engines import hunspell, languageid, loanwords, spelling
from refcheck.engines.screen import DictionaryScreen
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Page, Project
from refcheck.uitext import _, language_name

UNTRANSLATED_TEXT = Rule(
    "untranslated-text",
    "A sentence of a translated page, or a run of words inside one, is written in the original's language.",
    Severity.WARNING,
    "A sentence pasted from the original, or a clause left behind while translating, reads as if the "
    "translation were finished. Names, cited titles and the loanwords a project accepts "
    "(translations/loanwords.yml: \"framework\", \"router\") are not reported; mark a quotation or a "
    "title in the original's language with `<span lang=\"en\">...</span>` or `{ lang=en }`, which "
    "also tells screen readers how to pronounce it.",
    "docs/es/index.md: `Las familias esperarían en México. It is not safe to wait in Mexico.`",
    "docs/es/index.md: `Las familias esperarían en México. No es seguro esperar en México.`",
)
UNTRANSLATED_UNAVAILABLE = Rule(
    "untranslated-text-unavailable",
    "The language-identification library, or its model of a language, is missing, so untranslated text was not looked for.",
    Severity.INFO,
    "A check that silently does nothing looks like a clean result.",
    "a machine where `pip install -r requirements.txt` was not run",
    "`lingua-language-detector` installed (`python3 scripts/site.py test` does it)",
)
RULES = [UNTRANSLATED_TEXT, UNTRANSLATED_UNAVAILABLE]
# Front matter that marks a page as the untranslated copy `add-language` made (scripts/refcheck/translation/pages.py).
STATE_KEY, UNTRANSLATED_STATE = "translation_state", "untranslated"
EXCERPT = 70  # characters of the sentence quoted in a finding


def pages_to_read(project: Project) -> Iterator[Page]:
    """The translated pages whose prose is meant to be in their own language."""
    for page in project.pages:
        if not page.language or page.language == project.default_language or page.facts.decode_error:
            continue
        if page.facts.meta.get(STATE_KEY) == UNTRANSLATED_STATE:
            continue
        yield page


def untranslated_passages(project: Project, page: Page) -> tuple[languageid.Passage, ...]:
    """The sentences of a translated page in the default language (none when that cannot be told)."""
    return _known_passages(project).get(page.file, ())


def spellers_of(project: Project, config: Config | None = None) -> hunspell.Spellers:
    """The run's spellers (hunspell per language), shared by this rule's screen and the spelling
    rule; the spelling rule's options say where the word lists are and which dictionary each language uses."""
    if "spellers" not in project.memo:
        options = config.options("spelling") if config is not None else {}
        project.memo["spellers"] = hunspell.Spellers(hunspell.word_lists_dir(project.root, options),
                                                     hunspell.chosen_dictionaries(options))
    return project.memo["spellers"]


def loanwords_of(project: Project, config: Config | None = None) -> dict[str, loanwords.Loanwords]:
    """The project's loanwords per language, read once per run (none when the file cannot be read:
    `check` says why)."""
    if "loanwords" not in project.memo:
        project.memo["loanwords-problem"] = None
        try:
            project.memo["loanwords"] = loanwords.load(loanwords_path(project, config))
        except loanwords.LoanwordsError as error:
            project.memo["loanwords"], project.memo["loanwords-problem"] = {}, str(error)
    return project.memo["loanwords"]


def loanwords_path(project: Project, config: Config | None = None) -> Path:
    """translations/loanwords.yml: beside the glossary, wherever the project keeps it inside itself
    (a glossary named outside the project leaves the loanwords at their default place)."""
    path = glossary_path(project, config or Config()).parent / loanwords.FILE
    if not path.resolve().is_relative_to(project.root.resolve()):
        return project.root / "translations" / loanwords.FILE
    return path


def page_loanwords(project: Project, page: Page) -> loanwords.Loanwords:
    return loanwords.of_language(loanwords_of(project), page.language)


def screen_of(project: Project, page: Page) -> DictionaryScreen | None:
    """Which of the page's sentences Lingua is asked about (refcheck/engines/screen.py)."""
    return DictionaryScreen.of(spellers_of(project), page.language, project.default_language)


def words_to_screen(project: Project) -> dict[str, set[str]]:
    """Per language, the words the screen will ask its dictionaries about (so that the spelling
    rule asks hunspell about them with its own, one hunspell per dictionary)."""
    wanted: dict[str, set[str]] = {}
    for page in pages_to_read(project):
        words = {spelling.normal_form(word) for word in languageid.judged_words_of(page.facts.prose, page_loanwords(project, page))}
        for language in (page.language, project.default_language):
            wanted.setdefault(language, set()).update(words)
    return wanted


def _passages(project: Project, page: Page, screen: DictionaryScreen | None) -> tuple[languageid.Passage, ...]:
    if screen is not None and "screen-asked" not in project.memo:
        # The first page not in the cache: the dictionaries are asked about every page's words at once.
        project.memo["screen-asked"] = True
        spellers_of(project).ask(words_to_screen(project))
    try:
        return languageid.untranslated(page.facts.prose, page.language, project.default_language, screen,
                                       page_loanwords(project, page))
    except languageid.Unavailable:
        return ()


# Verdicts by each page's prose: a re-check reads Lingua's models (0.35 s) only if a page changed.
PASSAGES_FILE = "untranslated-passages.pickle"


def _known_passages(project: Project) -> dict[str, tuple[languageid.Passage, ...]]:
    """Every page's passages, once per run (this rule and the spelling rule both ask), from the
    checker's cache where the page's prose, its languages and the code that judges are unchanged."""
    if "untranslated" in project.memo:
        return project.memo["untranslated"]
    cache = FactsCache(project.cache_dir, PASSAGES_FILE) if project.cache_dir is not None else None
    known: dict[str, tuple[languageid.Passage, ...]] = {}
    for page in pages_to_read(project):
        screen = screen_of(project, page)
        key = (repr(page.facts.prose).encode("utf-8"), page.file,
               (page.language, project.default_language, languageid.code_version(), screen and screen.key(),
                sorted(page_loanwords(project, page).terms))
               ) if cache is not None else (b"", "", None)  # without a cache nothing is hashed
        known[page.file] = remembered(cache, key, _passages, project, page, screen)
    if cache is not None:
        cache.save()
    project.memo["untranslated"] = known
    return known


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def check(project: Project, config: Config) -> Iterator[Finding]:
    if not config.enabled(UNTRANSLATED_TEXT):
        return  # nor is it worth saying that it could not run
    spellers_of(project, config)
    loanwords_of(project, config)
    if project.memo["loanwords-problem"]:
        where = Location(loanwords_path(project, config).relative_to(project.root).as_posix(), None, None)
        yield Finding.at(GLOSSARY_INVALID, where, _("{error}; no loanword is accepted").format(
            error=project.memo["loanwords-problem"]))
    original = project.default_language
    reported: set[str] = set()
    for page in pages_to_read(project):
        try:
            languageid.check_available(page.language, original)
        except languageid.Unavailable as reason:
            if page.language not in reported:
                reported.add(page.language)
                yield Finding.at(UNTRANSLATED_UNAVAILABLE, Location(project.config_file, None, None), str(reason))
            continue
        source = language_name(original, project.language_name(original))
        target = language_name(page.language, project.language_name(page.language))
        for passage in untranslated_passages(project, page):
            if passage.run:
                message = _("these words are in {source}, inside a sentence in {target}: “{text}”; translate them, or "
                            "if they are a name or a quotation, mark them as {source} ({span} or {attribute})")
            else:
                message = _("this sentence is in {source}, not {target}: “{text}”; translate it, or if it is a name or a "
                            "quotation, mark it as {source} ({span} or {attribute})")
            yield Finding.at(
                UNTRANSLATED_TEXT, Location(page.file, passage.line, passage.column),
                message.format(source=source, target=target, text=_excerpt(passage.text),
                               span=f'`<span lang="{original}">…</span>`', attribute=f"`{{ lang={original} }}`"),
            )
