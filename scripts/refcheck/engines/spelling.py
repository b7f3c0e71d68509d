"""Spell-checking of every page's prose with hunspell and Debian's dictionaries.

What is checked: the prose of each page (`prose.blocks`: no code, no raw HTML, no addresses, no
attribute lists), with the dictionary of the page's language (`en` -> en_US, `es` -> es_ES, any
other `xx` -> `xx_XX` or the first `xx_*` installed; a word list can name another, see below).

What is not reported:
- text in *emphasis* and the text of links to other sites: the titles of cited works;
- on a translated page, names and titles copied from its English page: two or more words in a row
  written exactly as the English page writes them ("Human Rights First", "Dangerous Territory:
  Mexico Still Not Safe for Refugees"), so the English titles a translation keeps are not flagged;
- words in capitals (KIND, DIF, TVPRA) and words with digits;
- the words of the glossary's terms and approved renderings (translations/glossary.yml);
- the words of the language's project word list, `translations/spelling/<language>.txt`: one word
  a line, `#` starts a comment; a word in lower case also accepts it capitalized. A line
  `# dictionary: es_MX` picks the hunspell dictionary for that language.

Where `hunspell` or a language's dictionary is missing, `Speller.unavailable` says why and the
rule reports that once instead of checking (Debian: `apt install hunspell hunspell-en-us
hunspell-es`; `python3 scripts/site.py test` installs them).
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mdsource import prose
from refcheck.engines.dictionaries import install_hint

WORD_LISTS = Path("translations") / "spelling"
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/local/share/hunspell", "/usr/share/myspell")
DEFAULTS = {"en": "en_US", "es": "es_ES"}
CARRIED_OVER_RUN = 2  # words in a row, as the English page writes them


@dataclass(frozen=True)
class Misspelling:
    word: str
    line: int
    column: int | None
    suggestions: tuple[str, ...]


@dataclass
class WordList:
    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)  # lower-case entries: any capitalization
    dictionary: str | None = None

    def accepts(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.folded

    @classmethod
    def read(cls, path: Path) -> "WordList":
        words = cls()
        if not path.is_file():
            return words
        for raw in path.read_text(encoding="utf-8-sig").splitlines():
            directive = re.match(r"^\s*#\s*dictionary:\s*(\S+)", raw)
            if directive:
                words.dictionary = directive.group(1)
            entry = raw.split("#", 1)[0].strip()
            if entry:
                words.add(entry)
        return words

    def add(self, word: str) -> None:
        word = word.replace("’", "'")
        (self.folded if word == word.lower() else self.exact).add(word if word != word.lower() else word.lower())


def dictionary_dirs() -> list[Path]:
    extra = [p for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    return [Path(p) for p in (*extra, *DICTIONARY_DIRS)]


def find_dictionary(language: str, wanted: str | None = None) -> str | None:
    """The hunspell dictionary name for a language, if installed."""
    base = language.replace("-", "_").split("_")[0]
    candidates = [wanted] if wanted else [DEFAULTS.get(language), language.replace("-", "_"), f"{base}_{base.upper()}"]
    for directory in dictionary_dirs():
        for name in filter(None, candidates):
            if (directory / f"{name}.dic").is_file() and (directory / f"{name}.aff").is_file():
                return str(directory / name)
    if wanted:
        return None
    for directory in dictionary_dirs():
        found = sorted(directory.glob(f"{base}_*.dic")) if directory.is_dir() else []
        if found:
            return str(found[0].with_suffix(""))
    return None


class Speller:
    """hunspell for one language; words are checked once per run however many pages use them."""

    def __init__(self, language: str, word_list: WordList) -> None:
        self.language = language
        self.word_list = word_list
        self.unavailable: str | None = None
        self.dictionary: str | None = None
        self._cache: dict[str, tuple[bool, tuple[str, ...]]] = {}
        binary = shutil.which("hunspell")
        if binary is None:
            self.unavailable = f"hunspell is not installed, so spelling was not checked ({install_hint(language)})"
            return
        self.binary = binary
        self.dictionary = find_dictionary(language, word_list.dictionary)
        if self.dictionary is None:
            name = word_list.dictionary or DEFAULTS.get(language) or f"{language}_{language.upper()}"
            self.unavailable = (f"no hunspell dictionary for {language!r} ({name}.dic) is installed, so its "
                                f"spelling was not checked ({install_hint(language)})")

    def dictionary_key(self) -> str | None:
        """Which dictionary answers: its path, size and date (hunspell's answers last as long)."""
        if self.dictionary is None:
            return None
        try:
            stat = Path(f"{self.dictionary}.dic").stat()
        except OSError:
            return None
        return f"{self.dictionary}.dic:{stat.st_size}:{stat.st_mtime_ns}"

    def remember(self, known: dict[str, list]) -> None:
        """Answers hunspell gave in an earlier run (see `VerdictCache`)."""
        for word, (ok, suggestions) in known.items():
            self._cache.setdefault(word, (bool(ok), tuple(suggestions) if suggestions is not None else None))

    def answers(self) -> dict[str, list]:
        return {word: [ok, list(suggestions) if suggestions is not None else None]
                for word, (ok, suggestions) in self._cache.items()}

    def check_words(self, words: set[str]) -> None:
        """Ask hunspell about the words it has not seen yet, all at once, and for suggestions for
        those it rejects."""
        self.finish(self.start(words))
        self.suggest(words)

    def _hunspell(self, mode: str) -> subprocess.Popen:
        return subprocess.Popen([self.binary, mode, "-i", "utf-8", "-d", self.dictionary],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "LC_ALL": "C.UTF-8"})

    def _answer(self, process: subprocess.Popen, text: str) -> str | None:
        """hunspell's output for `text`, or None (and the speller unavailable) if it does not answer."""
        try:
            stdout, _ = process.communicate(text.encode("utf-8"), timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self.unavailable = "hunspell did not answer within 120 s, so spelling was not checked"
            return None
        return stdout.decode("utf-8", errors="replace")

    def start(self, words: set[str]) -> tuple[list[str], subprocess.Popen | None]:
        """Start hunspell on the new words; `finish` reads which it has (spellers run side by side).
        Only yes or no: `hunspell -L` prints back the lines it rejects, one word a line, in 0.04 s
        for a few thousand words, where `-a` would spend 20 ms a word on suggestions."""
        new = sorted(w for w in words if w not in self._cache)
        if not new or self.unavailable:
            return new, None
        return new, self._hunspell("-L")

    def finish(self, started: tuple[list[str], subprocess.Popen | None]) -> None:
        new, process = started
        if process is None:
            return
        output = self._answer(process, "".join(f"{word}\n" for word in new))
        if output is None:
            return
        rejected = set(output.splitlines())
        for word in new:
            # A rejected word's suggestions are asked for only if it is reported (`suggest`).
            self._cache[word] = (False, None) if word in rejected else (True, ())

    def suggest(self, words: Iterable[str]) -> None:
        """hunspell's suggestions (`hunspell -a`) for the rejected words that have none yet."""
        wanted = sorted({w for w in words if self._cache.get(w, (True, ()))[1] is None})
        if not wanted or self.unavailable:
            return
        output = self._answer(self._hunspell("-a"), "".join(f"^{word}\n" for word in wanted))
        if output is None:
            return
        # After hunspell's banner, one answer line per word of each input line, then an empty line.
        results: list[str] = []
        current: list[str] = []
        for line in output.splitlines()[1:]:
            if line == "":
                results.append(current[0] if current else "*")
                current = []
            else:
                current.append(line)
        for word, answer in zip(wanted, results):
            suggestions = tuple(s.strip() for s in answer.split(":", 1)[1].split(","))[:3] if answer.startswith("&") else ()
            self._cache[word] = (False, suggestions)

    def correct(self, word: str) -> tuple[bool, tuple[str, ...]]:
        ok, suggestions = self._cache.get(word, (True, ()))
        return ok, suggestions or ()

    def knows(self, word: str) -> bool | None:
        """Whether the dictionary has the word (None: hunspell was not asked about it)."""
        answer = self._cache.get(word)
        return None if answer is None else answer[0]


def word_lists_dir(root: Path, options: dict) -> Path:
    """Where the project's word lists are (`options`: the spelling rule's, which may name the folder)."""
    return root / str(options.get("word_lists") or WORD_LISTS)


class Spellers:
    """The run's speller of each language, shared by the spelling rule and the untranslated-text
    screen (refcheck/engines/screen.py), so that each dictionary answers a word once per run."""

    def __init__(self, word_lists: Path) -> None:
        self.word_lists = word_lists
        self._spellers: dict[str, Speller] = {}

    def __call__(self, language: str) -> Speller:
        speller = self._spellers.get(language)
        if speller is None:
            word_list = WordList.read(self.word_lists / f"{language}.txt")
            speller = self._spellers[language] = Speller(language, word_list)
        return speller

    def ask(self, words: dict[str, set[str]]) -> None:
        """Ask each language's dictionary about its words, every hunspell running side by side."""
        started = [(self(language), self(language).start(new)) for language, new in words.items()
                   if not self(language).unavailable]
        for speller, process in started:
            speller.finish(process)


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


def _candidates(markdown: Page, english: Page | None) -> list[tuple[str, int, int | None]]:
    """(word, line, column) of every word to check on the page."""
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
                line, column = block.locate(offset + part_offset)
                found.append((part, line, column))
    return found


def _parts(word: str) -> list[tuple[int, str]]:
    """A hyphenated word is checked part by part (gender-based, narco-traffickers)."""
    parts, position = [], 0
    for part in word.split("-"):
        parts.append((position, part))
        position += len(part) + 1
    return parts


def words_to_check(markdown: Page, speller: Speller, accepted: set[str],
                   english: Page | None = None) -> list[tuple[str, int, int | None]]:
    """(word, line, column) of the page's words that no word list accepts."""
    return [(w, line, col) for w, line, col in _candidates(markdown, english)
            if not speller.word_list.accepts(w) and w not in accepted and w.lower() not in accepted]


def check_page(markdown: str, speller: Speller, accepted: set[str], english: str | None = None) -> list[Misspelling]:
    """Misspelled words of one page. `english`: the English page, when this page translates it."""
    candidates = words_to_check(markdown, speller, accepted, english)
    speller.check_words({w for w, _, _ in candidates})
    return misspellings(candidates, speller)


def misspellings(candidates: list[tuple[str, int, int | None]], speller: Speller) -> list[Misspelling]:
    """The candidates hunspell rejected (ask it first with `speller.check_words`, or `start`,
    `finish`; their suggestions are asked for here)."""
    speller.suggest(word for word, _, _ in candidates if speller.knows(word) is False)
    result = []
    for word, line, column in candidates:
        ok, suggestions = speller.correct(word)
        if not ok:
            result.append(Misspelling(word, line, column, suggestions))
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
