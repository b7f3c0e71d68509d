"""Spell-checking of every page's prose with hunspell and Debian's dictionaries.

What is checked: the prose of each page (`prose.blocks`: no code, no raw HTML, no addresses, no
attribute lists), with the dictionary of the page's language (`en` -> en_US, `es` -> es_ES, any
other `xx` -> `xx_XX` or the first `xx_*` installed; mkdocs.yml may name another:
`extra.refcheck.options.spelling.dictionaries`, see refcheck/engines/hunspell.py).

What is not reported:
- text in *emphasis* and the text of links to other sites: the titles of cited works;
- on a translated page, names and titles copied from its English page: two or more words in a row
  written exactly as the English page writes them ("Human Rights First", "Dangerous Territory:
  Mexico Still Not Safe for Refugees"), so the English titles a translation keeps are not flagged;
- words in capitals (KIND, DIF, TVPRA) and words with digits;
- the words of the glossary's terms and approved renderings (translations/glossary.yml);
- the words of the language's project word list, `translations/spelling/<language>.txt`: one word
  a line, `#` starts a comment; a word in lower case also accepts it capitalized. The list is
  data: it cannot choose the dictionary.

Where `hunspell` or a language's dictionary is missing, `Speller.unavailable` says why and the
rule reports that once instead of checking (refcheck/engines/hunspell.py asks hunspell; Debian: `apt install hunspell hunspell-en-us
hunspell-es`; `python3 scripts/site.py test` installs them).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from refcheck.mdsource import prose
from refcheck.engines.hunspell import Speller

CARRIED_OVER_RUN = 2  # words in a row, as the English page writes them


@dataclass(frozen=True)
class Misspelling:
    word: str
    line: int
    column: int | None
    suggestions: tuple[str, ...]


_POSSESSIVE = re.compile(r"'[sS]$")  # KIND's


@functools.lru_cache(maxsize=65536)  # pages repeat their words
def _skippable(word: str) -> bool:
    """Too short, an acronym, or with digits: not for the dictionary."""
    word = _POSSESSIVE.sub("", word)
    letters = sum(c.isalpha() for c in word)
    return letters < 2 or word.upper() == word or any(c.isdigit() for c in word)


Page = str | tuple[prose.Block, ...]  # a page's Markdown, or its prose blocks when already parsed


def _blocks(page: Page) -> tuple[prose.Block, ...]:
    return prose.blocks(page) if isinstance(page, str) else page


def normal_form(word: str) -> str:
    """As dictionaries write words: composed accents (NFC), a plain apostrophe."""
    if word.isascii():
        return word  # nothing to compose, no ’
    return unicodedata.normalize("NFC", word).replace("’", "'")


def _carried_over(english: Page | None) -> set[tuple[str, ...]]:
    """Every run of CARRIED_OVER_RUN words of the English page, as written."""
    if english is None:
        return set()
    runs = set()
    for block in _blocks(english):
        words = [normal_form(w) for _, w in prose.words(block.text())]
        runs.update(tuple(words[i:i + CARRIED_OVER_RUN]) for i in range(len(words) - CARRIED_OVER_RUN + 1))
    return runs


# A word to check: (word, its block, its offset in the block's text); `where` gives its line and
# column, worked out only for the words reported.
Candidate = tuple[str, prose.Block, int]


def where(candidate: Candidate) -> tuple[int, int | None]:
    _word, block, offset = candidate
    return block.locate(offset)


def _candidates(markdown: Page, english: Page | None) -> list[Candidate]:
    """Every word to check on the page."""
    runs = _carried_over(english)
    found = []
    for block in _blocks(markdown):
        text = block.text(cited=False)
        words = [(offset, normal_form(w)) for offset, w in prose.words(text)]
        copied = set()
        for i in range(len(words) - CARRIED_OVER_RUN + 1):
            if tuple(w for _, w in words[i:i + CARRIED_OVER_RUN]) in runs:
                copied.update(range(i, i + CARRIED_OVER_RUN))
        for index, (offset, word) in enumerate(words):
            if index in copied or _skippable(word):
                continue
            for part_offset, part in _parts(word):
                if _skippable(part):
                    continue
                found.append((part, block, offset + part_offset))
    return found


def _parts(word: str) -> list[tuple[int, str]]:
    """A hyphenated word is checked part by part (gender-based, narco-traffickers)."""
    parts, position = [], 0
    for part in word.split("-"):
        parts.append((position, part))
        position += len(part) + 1
    return parts


def words_to_check(markdown: Page, speller: Speller, accepted: set[str], english: Page | None = None) -> list[Candidate]:
    """The page's words that no word list accepts."""
    return [candidate for candidate in _candidates(markdown, english)
            if not speller.word_list.accepts(w := candidate[0]) and w not in accepted and w.lower() not in accepted]


def check_page(markdown: str, speller: Speller, accepted: set[str], english: str | None = None) -> list[Misspelling]:
    """Misspelled words of one page. `english`: the English page, when this page translates it."""
    candidates = words_to_check(markdown, speller, accepted, english)
    speller.check_words({candidate[0] for candidate in candidates})
    return misspellings(candidates, speller)


def misspellings(candidates: list[Candidate], speller: Speller) -> list[Misspelling]:
    """The candidates hunspell rejected (ask it first with `speller.check_words`, or `start`,
    `finish`; their suggestions are asked for here)."""
    speller.suggest(candidate[0] for candidate in candidates if speller.knows(candidate[0]) is False)
    result = []
    for candidate in candidates:
        ok, suggestions = speller.correct(candidate[0])
        if not ok:
            result.append(Misspelling(candidate[0], *where(candidate), suggestions))
    return result


class VerdictCache:
    """hunspell's answers kept on disk between runs, per dictionary (its path, size and date), so
    that a translator's next check, or the pre-commit hook, does not start hunspell again for words
    it already judged. The project's word lists are applied before, so editing them needs no reset.
    A damaged or unreadable file is ignored."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.data: dict[str, dict[str, list]] = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.data = {k: v for k, v in loaded.items() if isinstance(v, dict)}
            except (OSError, ValueError):
                self.data = {}

    def load(self, speller: Speller) -> None:
        key = speller.dictionary_key()
        if key in self.data:
            try:
                speller.remember(self.data[key])
            except (TypeError, ValueError):
                del self.data[key]

    def save(self, spellers: Iterable[Speller]) -> None:
        if self.path is None:
            return
        for speller in spellers:
            key = speller.dictionary_key()
            if key is not None:
                self.data[key] = speller.answers()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time
