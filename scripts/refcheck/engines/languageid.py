"""Which sentences of a translated page are written in the original's language (English left in Spanish).

Language identification is Lingua's (`lingua-language-detector`, https://github.com/pemistahl/lingua-py):
n-gram models of 75 languages ship inside its wheel, nothing is downloaded, and it is accurate on
short text, which is what a sentence or a heading is. The detector is built for the two languages
in question only (the page's and the original's): the question is never "which of 75 languages?"
but "is this sentence still in the original's language?".

What is judged, sentence by sentence, is the prose a reader reads (`mdsource.prose`), less:
- cited pieces: titles in *emphasis*, the text of links to other sites, and passages the author
  marked with a language (`<span lang="en">`, `{ lang=en }`);
- names: capitalized words inside a sentence ("Human Rights First", "Fray Matías de Córdova"), with
  the short lower-case words that join them ("Kids in Need of Defense"), and words with capitals
  after their first letter anywhere (KIND, MkDocs). A sentence that is nothing
  but capitalized words (an English heading in title case) is judged whole, with a higher bar, when
  it has four capitalized words or more (fewer make a name: "Human Rights Watch");
- loanwords: the words the page's language borrows on purpose ("framework", "router"), which the
  project lists beside its glossary (refcheck/engines/loanwords.py).
A sentence is reported when the original's language is the more likely of the two; for three words
or fewer, or a sentence judged whole, only when it is clearly more likely (short text is ambiguous:
"El informe", "Local"). One capitalized word alone is not judged unless it labels something
("Publisher:"): "Bugcrowd" is a name as likely as a word. A sentence whose words are written in two
scripts (Persian with English terms) is the page's language keeping some terms, and is not judged:
Lingua gives such text to the Latin-script language with full confidence. A sentence that is the
page's language as a whole may still hold a run of the original's words (a half-translated
sentence): refcheck/engines/englishruns.py finds it, and it is reported as one passage, at its
first word.

Cost: Lingua reads its two models on the first sentence it is asked about, 0.2 to 0.35 s of both
cores, once per process (the detector is kept, so `mkdocs serve` pays it on the first build only);
then ~0.1 ms a sentence. Where both languages have a hunspell dictionary, the dictionaries first
vote on which sentences are worth asking about (refcheck/engines/screen.py): on a finished
translation, none, and the models are never read. Its low-accuracy mode (trigrams only) loads in
0.02 s but missed titles and notes of the brief (recall 0.875, precision 0.933 in
scripts/benchmarks/bench_untranslated.py), and cannot screen either: it gives "at" no chance of
being English and "Se cita en nota" 0.73.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from refcheck.engines import englishruns
from refcheck.engines.loanwords import NONE, Loanwords
from refcheck.mdsource import prose

if TYPE_CHECKING:
    from refcheck.engines.screen import DictionaryScreen

# Where a sentence ends: . ! or ?, maybe closing quotes or brackets, space, and a capital letter,
# maybe after an opening quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’»)\]]*\s+(?=[¿¡“\"«(]?([^\W\d_]))")
# Abbreviations that end in a period without ending the sentence: initials (U.S., B.), Spanish
# plurals by doubled letters (EE. UU.), and the abbreviations of citations in both languages
# (p., pp., no., núm., art., vol., ed., cf., id.).
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]|([^\W\d_])\1")
_CITATION_ABBREVIATIONS = frozenset({"p", "pp", "no", "núm", "art", "arts", "vol", "ed", "eds", "cf", "id", "ibid",
                                     "e.g", "i.e", "etc", "dr", "dra", "sr", "sra", "mr", "mrs", "ms", "st", "vs"})
_LOWERCASE_JOINER = 3  # letters at most of a lower-case word that joins two parts of a name (of, in, de, y)
_MAX_JOINERS = 2  # such words in a row ("van der")
LIKELY = 0.5  # the original's language more likely than the page's
CLEARLY = 0.75  # for a few words: short text is ambiguous
SHORT_WORDS = 3
WHOLE = 0.9  # for a sentence of nothing but capitalized words, judged whole
MIN_WHOLE_CAPITALIZED = 4  # a person's or an organization's name has fewer: "Andrew van der Stock"


@dataclass(frozen=True)
class Passage:
    """A sentence of the page that is in the original's language."""

    text: str  # as the reader reads it (cited pieces left out)
    line: int
    column: int | None
    end_line: int  # where its last character stands
    end_column: int | None
    confidence: float  # Lingua's confidence that it is in the original's language, 0 to 1
    run: bool = False  # a run of words inside a sentence of the page's language, not a whole sentence

    def covers(self, line: int, column: int | None) -> bool:
        """Whether a word at (line, column) is part of this sentence (for rules that leave it alone)."""
        after_start = line > self.line or (line == self.line and (column or 0) >= (self.column or 0))
        before_end = line < self.end_line or (line == self.end_line and (self.end_column is None or (column or 0) <= self.end_column))
        return after_start and before_end


class Unavailable(Exception):
    """Lingua is not installed, or does not know one of the two languages: the message says which."""


_detectors: dict[tuple[str, str], Future] = {}
_detectors_lock = threading.Lock()


def _detector(page_language: str, original_language: str):
    """The detector for the two languages, built once per process (by `prepare`'s thread if it
    started first: then this waits for it). Raises `Unavailable`."""
    key = (page_language, original_language)
    with _detectors_lock:
        future = _detectors.get(key)
        building = future is None
        if building:
            future = _detectors[key] = Future()
    if building:
        try:
            future.set_result(_build(page_language, original_language))
        except Exception as error:  # Unavailable, or Lingua's own: raised to every caller
            future.set_exception(error)
    return future.result()


def prepare(page_language: str, original_language: str) -> None:
    """Start building the detector in a background thread: reading Lingua's models takes about
    0.35 s, during which Lingua releases the interpreter, so the rest of the run goes on meanwhile."""
    def build() -> None:
        try:
            _detector(page_language, original_language)
        except Exception:
            pass  # kept in the future: the rule that asks says it

    threading.Thread(target=build, name=f"lingua-{page_language}-{original_language}", daemon=True).start()


def _languages(page_language: str, original_language: str):
    """Lingua's two languages, without reading their models. Raises `Unavailable`."""
    try:
        from lingua import IsoCode639_1, Language
    except ImportError:
        raise Unavailable("the language-identification library is not installed "
                          "(pip install -r requirements.txt; `python3 scripts/site.py test` does it)") from None
    languages = []
    for code in (page_language, original_language):
        base = re.split(r"[-_]", code)[0].lower()
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(base)))
        except ValueError:
            raise Unavailable(f"Lingua has no model for the language {code!r}, so its pages were not checked "
                              "for untranslated text") from None
    if languages[0] == languages[1]:
        raise Unavailable(f"{page_language!r} and {original_language!r} are the same language")
    return languages


def _build(page_language: str, original_language: str):
    from lingua import LanguageDetectorBuilder

    languages = _languages(page_language, original_language)
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build(), languages[1]


def check_available(page_language: str, original_language: str) -> None:
    """Raise `Unavailable` when pages of `page_language` cannot be checked (the models are not read)."""
    _languages(page_language, original_language)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """What decides a verdict: this module, the prose reader and Lingua's version (for the cache of
    verdicts, refcheck/checks/untranslated.py)."""
    from importlib.metadata import PackageNotFoundError, version

    from refcheck.cache import code_digest

    try:
        lingua = version("lingua-language-detector")
    except PackageNotFoundError:
        lingua = ""
    return code_digest("refcheck/engines/languageid.py", "refcheck/engines/screen.py", "refcheck/engines/englishruns.py",
                       "refcheck/mdsource/prose.py", "refcheck/mdsource/markup.py", extra=lingua)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph's text."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if not match.group(1).isupper():
            continue
        before = text[start:match.start()].split()
        last = before[-1].rstrip(".!?\"”’»)]").lstrip("(“\"«¿¡") if before else ""
        if _INITIALS.fullmatch(last) or last.lower() in _CITATION_ABBREVIATIONS:
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _joins_a_name(words: list[str], capital: list[bool], joined: list[bool], index: int) -> bool:
    """Whether words[index:] are one or two short lower-case words, then a capitalized one, with spaces between."""
    for step in range(index, min(index + _MAX_JOINERS, len(words))):
        if capital[step] or len(words[step]) > _LOWERCASE_JOINER or not joined[step] or step + 1 >= len(words):
            return False
        if capital[step + 1]:
            return True
    return False


# Letters Unicode names LATIN (Basic Latin to Latin Extended-B, less ª º µ, which it does not).
_LATIN_ONLY = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*")


def _scripts(words: list[str]) -> set[str]:
    """The writing systems of the words' letters (LATIN, ARABIC, HANGUL, CJK ...)."""
    letters = "".join(c for word in words for c in word if c.isalpha())
    if _LATIN_ONLY.fullmatch(letters):
        return {"LATIN"} if letters else set()
    return {unicodedata.name(c, "UNKNOWN").split()[0] for c in letters}


def judged_words(sentence: str, loanwords: Loanwords = NONE) -> tuple[list[str], bool]:
    """The words to identify the language of, and whether they are the whole sentence (names only)."""
    roles, whole = _judged_roles(sentence, loanwords)
    return [word for _, word in roles], whole


def _judged_roles(sentence: str, loanwords: Loanwords) -> tuple[list[tuple[int, str]], bool]:
    """(offset, word) of the words to identify the language of, and whether they are the whole
    sentence (names only). Names and the page language's loanwords are left out."""
    found = prose.words(sentence)
    words = [word for _, word in found]
    capital = [word[0].isupper() for word in words]
    # Capitals after the first letter: an acronym or a brand (KIND, DIF, MkDocs), a name wherever it stands.
    branded = [any(c.isupper() for c in word[1:]) for word in words]
    # A name runs over spaces only: "Publisher: Human Rights Watch" starts a name at "Human".
    joined = [index + 1 < len(found) and not sentence[found[index][0] + len(found[index][1]):found[index + 1][0]].strip()
              for index in range(len(found))]
    name = [False] * len(words)
    for index, word in enumerate(words):
        after = joined[index] and capital[index + 1]
        joins = _joins_a_name(words, capital, joined, index + 1)
        inside = index > 0 and not sentence[:found[index][0]].rstrip().endswith(":")  # "Publisher: Human ..."
        if branded[index] or (capital[index] and (inside or after or joins)):
            name[index] = True  # a capitalized word inside a sentence, or one that starts a name
        elif index > 0 and name[index - 1] and joined[index - 1] and _joins_a_name(words, capital, joined, index):
            name[index] = True  # "of" in "Kids in Need of Defense", "van der" in "Andrew van der Stock"
    borrowed = loanwords.matches(words) if loanwords else [False] * len(words)
    kept = [(offset, word) for (offset, word), is_name, loan in zip(found, name, borrowed)
            if not is_name and not loan and len(word) > 1]
    if kept:
        return kept, False
    if any(borrowed):
        return [], False  # a loanword with names ("Middleware Avanzado" less its loanword) is the page's
    return [(offset, word) for (offset, word), brand in zip(found, branded) if len(word) > 1 and not brand], True


@dataclass(frozen=True)
class _Judged:
    """A sentence to identify the language of: where it stands, its judged words, the bar."""

    block: prose.Block
    start: int  # offset of the sentence in the block's text
    sentence: str
    roles: tuple[tuple[int, str], ...]  # (offset in the sentence, word) of the judged words
    needed: float  # the confidence a verdict on the whole sentence needs
    whole: bool  # nothing but capitalized words, judged whole

    @property
    def words(self) -> list[str]:
        return [word for _, word in self.roles]


def _judged(block: prose.Block, start: int, sentence: str, loanwords: Loanwords) -> _Judged | None:
    """The sentence to judge, with the confidence a verdict needs; None when it is not judged."""
    roles, whole = _judged_roles(sentence, loanwords)
    words = [word for _, word in roles]
    if not words or (whole and sum(word[0].isupper() for word in words) < MIN_WHOLE_CAPITALIZED):
        return None
    if len(_scripts(words)) > 1:
        return None  # a sentence in two scripts is the page's own language with terms kept in the original's
    if len(words) == 1 and words[0][0].isupper() and not re.search(rf"(?<!\w){re.escape(words[0])}\s*:", sentence):
        return None  # one capitalized word alone ("Bugcrowd") is a name as likely as a word; "Publisher:" a label
    needed = WHOLE if whole else (CLEARLY if len(words) <= SHORT_WORDS else LIKELY)
    return _Judged(block, start, sentence, tuple(roles), needed, whole)


@functools.lru_cache(maxsize=1024)  # the screen's words, then the verdicts
def _judged_sentences(blocks: tuple[prose.Block, ...], loanwords: Loanwords = NONE) -> tuple[_Judged, ...]:
    """Every judged sentence of the prose."""
    found = []
    for block in blocks:
        text = block.text(cited=False)
        for start, end in sentences(text):
            judged = _judged(block, start, text[start:end], loanwords)
            if judged is not None:
                found.append(judged)
    return tuple(found)


def judged_words_of(blocks: tuple[prose.Block, ...], loanwords: Loanwords = NONE) -> set[str]:
    """Every word `untranslated` may judge in the prose (what a screen is asked about first)."""
    return {word for judged in _judged_sentences(blocks, loanwords) for word in judged.words}


def _passage(judged: _Judged, first: int, last: int, confidence: float, run: bool) -> Passage:
    """The passage from the sentence's offset `first` to its character `last` (included)."""
    line, column = judged.block.locate(judged.start + first)
    end_line, end_column = judged.block.locate(judged.start + last)
    return Passage(" ".join(judged.sentence[first:last + 1].split()), line, column, end_line, end_column, confidence, run)


@functools.lru_cache(maxsize=1024)  # the rule and the spelling rule ask about the same pages
def untranslated(blocks: tuple[prose.Block, ...], page_language: str, original_language: str,
                 screen: DictionaryScreen | None = None, loanwords: Loanwords = NONE) -> tuple[Passage, ...]:
    """The sentences of a page's prose written in `original_language`, and the runs of its words
    inside sentences of the page's language (refcheck/engines/englishruns.py). Raises `Unavailable`.
    `screen`: which sentences to ask Lingua about (refcheck/engines/screen.py; None: every one);
    when it lets none through, Lingua's models are not read. `loanwords`: the page language's."""
    judged = _judged_sentences(blocks, loanwords)
    if screen is not None:
        screen.ask(word for entry in judged for word in entry.words)
    whole = {id(entry) for entry in judged if screen is None or screen.may_be_original(entry.words)}
    runs = {id(entry) for entry in judged if not entry.whole and englishruns.worth_asking(entry.words, screen)}
    if not whole and not runs:
        _languages(page_language, original_language)  # what cannot be judged is still said
        return ()
    detector, original = _detector(page_language, original_language)
    found = []
    for entry in judged:
        if id(entry) in whole:
            confidence = detector.compute_language_confidence(" ".join(entry.words), original)
            if confidence > entry.needed:
                sentence = entry.sentence
                found.append(_passage(entry, len(sentence) - len(sentence.lstrip()), len(sentence.rstrip()) - 1,
                                      confidence, False))
                continue
        if id(entry) in runs:
            for first, last, confidence in englishruns.find(entry.sentence, list(entry.roles), detector, original, screen):
                found.append(_passage(entry, first, last, confidence, True))
    return tuple(found)
