"""Loanwords: the original's words a translation keeps on purpose ("framework", "router", "headers").

Technical Spanish writes "el router", "los headers", "un callback": these are not English left
behind, and a translator told to translate them would write worse Spanish. Each project lists the
terms its translations keep, beside its glossary (translations/loanwords.yml):

    es:                # one list per translated language
      - framework      # a word: its plural (frameworks, headers, proxies) is accepted with it
      - pull request   # or words in a row
    fr:
      - framework

Matching ignores case; a word also matches with `s` or `es` after it, or `ies` for its `y` (proxies). The words of a sentence that
are loanwords are left out of what `untranslated-text` judges, as names are, and the spelling rule
accepts them. A file that is not this shape is refused with the reason (rule `glossary-invalid`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from refcheck.uitext import _

FILE = "loanwords.yml"  # beside the glossary
PLURALS = ("", "s", "es")


class LoanwordsError(Exception):
    """The file is not a mapping of language codes to lists of terms: the message says where."""


@dataclass(frozen=True)
class Loanwords:
    """One language's accepted terms, as lower-case word tuples."""

    terms: frozenset[tuple[str, ...]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.terms)

    @functools.cached_property
    def longest(self) -> int:
        return max((len(term) for term in self.terms), default=0)

    def matches(self, words: list[str]) -> list[bool]:
        """For each word, whether it is part of a loanword (a run of words, the last maybe plural)."""
        lowered = [word.lower() for word in words]
        found = [False] * len(words)
        for start in range(len(words)):
            for size in range(min(self.longest, len(words) - start), 0, -1):
                *head, last = lowered[start:start + size]
                if any((*head, singular) in self.terms for singular in _singulars(last)):
                    found[start:start + size] = [True] * size
                    break
        return found

    def words(self) -> set[str]:
        """Every word of the terms, with its plurals: what the spelling rule accepts."""
        return {plural for term in self.terms for word in term for plural in _plurals(word)}


def _singulars(word: str) -> list[str]:
    """The word, and what it is the plural of: headers -> header, proxies -> proxy."""
    found = [word[: len(word) - len(ending)] for ending in PLURALS if word.endswith(ending) and len(word) > len(ending) + 1]
    if word.endswith("ies") and len(word) > 4:
        found.append(word[:-3] + "y")
    return found


def _plurals(word: str) -> list[str]:
    found = [word + ending for ending in PLURALS]
    if word.endswith("y") and len(word) > 2:
        found.append(word[:-1] + "ies")
    return found


NONE = Loanwords()


def parse(data: object, source: str) -> dict[str, Loanwords]:
    """The terms per language of the file's data. Raises `LoanwordsError`."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LoanwordsError(_("{source}: expected language codes, each with a list of terms").format(source=source))
    found = {}
    for language, terms in data.items():
        if not isinstance(language, str) or not isinstance(terms, list):
            raise LoanwordsError(_("{source}: `{language}` must be a language code with a list of terms").format(
                source=source, language=language))
        bad = [term for term in terms if not isinstance(term, str) or not term.split()]
        if bad:
            raise LoanwordsError(_("{source}: `{language}` lists “{term}”, which is not a term").format(
                source=source, language=language, term=bad[0]))
        found[language] = Loanwords(frozenset(tuple(term.lower().split()) for term in terms))
    return found


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> dict[str, Loanwords]:
    from refcheck.mdsource import yamlsafe

    try:
        data = yamlsafe.load_plain(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LoanwordsError(f"{path.name}: {' '.join(str(error).split())}") from None
    return parse(data, path.name)


def load(path: Path) -> dict[str, Loanwords]:
    """The file's terms per language; none when there is no file. Raises `LoanwordsError`."""
    if not path.is_file():
        return {}
    return _load(path, path.stat().st_mtime_ns)


def of_language(found: dict[str, Loanwords], language: str) -> Loanwords:
    """A language's terms (`es-MX` falls back to `es`)."""
    return found.get(language) or found.get(language.replace("_", "-").split("-")[0].lower(), NONE)
