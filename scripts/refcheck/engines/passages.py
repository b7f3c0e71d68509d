"""The sentences of each translated page still in the original's language, asked once per run and
kept in the checker's cache; the run's spellers, which the untranslated-text screen and the spelling
rule share (each dictionary answers a word once per run); and the project's loanwords."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from refcheck.cache import remembered
from refcheck.config import Config
from refcheck.engines import glossary, hunspell, languageid, loanwords, spelling
from refcheck.engines.screen import DictionaryScreen
from refcheck.project import Page, Project

# Front matter that marks a page as the untranslated copy `add-language` made (scripts/refcheck/translation/pages.py).
STATE_KEY, UNTRANSLATED_STATE = "translation_state", "untranslated"


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
    rule; the spelling rule's options say where the word lists are (which may pick a dictionary)."""
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
    options = config.options("glossary-missing-term") if config is not None else {}
    path = glossary.glossary_path(project.root, options).parent / loanwords.FILE
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


# Verdicts by each page's prose: a re-check reads Lingua's models only if a page changed.
def _known_passages(project: Project) -> dict[str, tuple[languageid.Passage, ...]]:
    """Every page's passages, once per run (this rule and the spelling rule both ask), from the
    checker's cache where the page's prose, its languages and the code that judges are unchanged."""
    if "untranslated" in project.memo:
        return project.memo["untranslated"]
    cache = project.cache_table("untranslated-passages", tuple[languageid.Passage, ...])
    known: dict[str, tuple[languageid.Passage, ...]] = {}
    for page in pages_to_read(project):
        screen = screen_of(project, page)
        key = (repr(page.facts.prose).encode("utf-8"), page.file,
               (page.language, project.default_language, screen and screen.key(),
                sorted(page_loanwords(project, page).terms))
               ) if cache is not None else (b"", "", None)  # without a cache nothing is hashed
        known[page.file] = remembered(cache, key, _passages, project, page, screen)
    if cache is not None:
        cache.save()
    project.memo["untranslated"] = known
    return known
