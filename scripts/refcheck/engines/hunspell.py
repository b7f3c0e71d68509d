"""hunspell, the program: which dictionary a language uses, and asking it about words.

A `Speller` asks one dictionary, through `hunspell -L` (yes or no, fast) and `hunspell -a` (its
suggestions, slow, only for the words reported); `Spellers` keeps one per language for a run, so
that the spelling rule and the untranslated-text screen ask each word once. See refcheck/engines/spelling.py for what is checked.

Which dictionary a language uses is a setting, in mkdocs.yml (`extra.refcheck.options.spelling.
dictionaries: {es: es_MX}`), which maintainers own: the word lists under translations/ are
translators' data and choose nothing (a `# dictionary:` line there is a comment). A dictionary is
named, never given as a path: only the system's dictionary folders are searched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.engines.dictionaries import install_hint
from refcheck.uitext import _

WORD_LISTS = Path("translations") / "spelling"
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/local/share/hunspell", "/usr/share/myspell")
DEFAULTS = {"en": "en_US", "es": "es_ES"}


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
    if wanted and not DICTIONARY_NAME.fullmatch(wanted):
        return None
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
            self.unavailable = _("hunspell is not installed, so spelling was not checked ({hint})").format(
                hint=install_hint(language))
            return
        self.binary = binary
        self.dictionary = find_dictionary(language, word_list.dictionary)
        if self.dictionary is None:
            name = word_list.dictionary or DEFAULTS.get(language) or f"{language}_{language.upper()}"
            self.unavailable = _("no hunspell dictionary for {language} ({name}.dic) is installed, so its spelling "
                                 "was not checked ({hint})").format(language=repr(language), name=name,
                                                                     hint=install_hint(language))

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
        assert self.dictionary is not None
        return _hunspell(self.binary, mode, self.dictionary)

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

    def start(self, words: Iterable[str] = ()) -> Asking:
        """Start asking hunspell which of the words it has; more can be sent (`Asking.send`) until
        `finish` reads its answers (spellers run side by side)."""
        asking = Asking(self)
        asking.send(words)
        return asking

    def finish(self, asking: Asking) -> None:
        asking.finish()

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


class Asking:
    """Words sent to `hunspell -L` as they come, answered at `finish`: hunspell checks them in its
    own process while the caller goes on reading pages. Only yes or no: `-L` prints back the lines
    it rejects, one word a line, quickly for thousands of words, where `-a` would spend far longer
    on each word's suggestions (`Speller.suggest` asks for them, for the words reported)."""

    def __init__(self, speller: Speller) -> None:
        self.speller = speller
        self.sent: list[str] = []
        self._sent: set[str] = set()
        self._process: subprocess.Popen | None = None
        self._output: list[bytes] = []
        self._reader: threading.Thread | None = None

    def send(self, words: Iterable[str]) -> None:
        speller = self.speller
        new = [word for word in dict.fromkeys(words) if word not in speller._cache and word not in self._sent]
        if not new or speller.unavailable:
            return
        self._sent.update(new)
        self.sent.extend(new)
        if self._process is None:
            self._process = speller._hunspell("-L")
            # Its answers are read as they come, so that hunspell never waits to write them.
            self._reader = threading.Thread(target=self._read, args=(self._process,), daemon=True)
            self._reader.start()
        try:
            assert self._process.stdin is not None
            self._process.stdin.write("".join(f"{word}\n" for word in new).encode("utf-8"))
            self._process.stdin.flush()
        except OSError:
            pass  # hunspell has ended: `finish` finds no answer

    def _read(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        self._output.append(process.stdout.read())

    def finish(self) -> None:
        process, reader = self._process, self._reader
        if process is None or reader is None:
            return
        self._process = None
        try:
            assert process.stdin is not None
            process.stdin.close()
        except OSError:
            pass
        reader.join(timeout=120)
        if reader.is_alive():
            process.kill()
            process.wait()
            self.speller.unavailable = "hunspell did not answer within 120 s, so spelling was not checked"
            return
        process.wait()
        rejected = set(b"".join(self._output).decode("utf-8", errors="replace").splitlines())
        for word in self.sent:
            # A rejected word's suggestions are asked for only if it is reported (`Speller.suggest`).
            self.speller._cache[word] = (False, None) if word in rejected else (True, ())


def _hunspell(binary: str, mode: str, dictionary: str) -> subprocess.Popen:
    return subprocess.Popen([binary, mode, "-i", "utf-8", "-d", dictionary],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})


# A dictionary's name as Debian's packages spell them (en_US, es_MX, de_DE_frami), never a path.
DICTIONARY_NAME = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")


def chosen_dictionaries(options: dict) -> dict[str, str]:
    """The spelling rule's `dictionaries` setting (language -> dictionary name); names that are not
    plain names (a path, `..`) are left out, and the language keeps its default dictionary."""
    chosen = options.get("dictionaries")
    if not isinstance(chosen, dict):
        return {}
    return {str(language): name for language, name in chosen.items()
            if isinstance(name, str) and DICTIONARY_NAME.fullmatch(name)}


def word_lists_dir(root: Path, options: dict) -> Path:
    """Where the project's word lists are (`options`: the spelling rule's, which may name the folder)."""
    return root / str(options.get("word_lists") or WORD_LISTS)


class Spellers:
    """The run's speller of each language, shared by the spelling rule and the untranslated-text
    screen (refcheck/engines/screen.py), so that each dictionary answers a word once per run."""

    def __init__(self, word_lists: Path, dictionaries: dict[str, str] | None = None) -> None:
        self.word_lists = word_lists
        self.dictionaries = dict(dictionaries or {})  # from mkdocs.yml (chosen_dictionaries)
        self._spellers: dict[str, Speller] = {}

    def __call__(self, language: str) -> Speller:
        speller = self._spellers.get(language)
        if speller is None:
            word_list = WordList.read(self.word_lists / f"{language}.txt")
            word_list.dictionary = self.dictionaries.get(language)
            speller = self._spellers[language] = Speller(language, word_list)
        return speller

    def ask(self, words: dict[str, set[str]]) -> None:
        """Ask each language's dictionary about its words, every hunspell running side by side."""
        started = [self(language).start(new) for language, new in words.items() if not self(language).unavailable]
        for asking in started:
            asking.finish()
