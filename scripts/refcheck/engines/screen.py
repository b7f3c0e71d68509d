"""Which sentences of a translated page are worth asking Lingua about: a vote of two dictionaries.

Lingua's models take 0.2 s and both cores to read, more than the rest of a check of this site put
together, and on a finished translation they only confirm, sentence after sentence, that the page
is in its own language. hunspell's dictionaries of the two languages say so much sooner. Each word
of the sentence (the words Lingua would judge, refcheck/engines/languageid.py) votes:
- for the original's language when the original's dictionary has it and the page's has not
  ("cited", "the", "facilities");
- for the page's language when the page's dictionary has it and the original's has not;
- not at all when both have it ("no", "real", "general") or neither does (a name, a typo).
Lingua is asked about a sentence unless the page's language wins the vote or nobody votes. So a
sentence left in English ("Cited in note": one vote for English, none for Spanish) still goes to
Lingua, whose verdict is the only one that reports; a Spanish sentence with English names in it
("Kids in Need of Defense, Centro de Derechos Humanos Fray Matías de Córdova") does not, and when
no sentence of any page goes, Lingua's models are never read.

scripts/benchmarks/bench_untranslated.py measures what the vote changes: on every sentence of the
brief pasted into the Spanish pages, recall and precision with and without it.
A language without an installed dictionary gets no screen: then Lingua reads every sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from refcheck.engines.hunspell import Speller, Spellers
from refcheck.engines.spelling import normal_form


class DictionaryScreen:
    """The vote of the page's and the original's dictionaries (hunspell, through the run's spellers)."""

    def __init__(self, page: Speller, original: Speller) -> None:
        self.page = page
        self.original = original

    @classmethod
    def of(cls, spellers: Spellers, page_language: str, original_language: str) -> DictionaryScreen | None:
        """The screen for a page language, or None when either dictionary is missing."""
        page, original = spellers(page_language), spellers(original_language)
        if page.unavailable or original.unavailable:
            return None
        return cls(page, original)

    def key(self) -> str:
        """What the screen's answers depend on: the two dictionaries (for caches of verdicts)."""
        return f"{self.page.dictionary_key()}|{self.original.dictionary_key()}"

    def ask(self, words: Iterable[str]) -> None:
        """Ask both dictionaries about the words they have not answered yet, side by side."""
        wanted = {normal_form(word) for word in words}
        started = [(speller, speller.start(wanted)) for speller in (self.page, self.original)]
        for speller, process in started:
            speller.finish(process)

    def may_be_original(self, words: list[str]) -> bool:
        """Whether Lingua should be asked about a sentence with these words (`ask` about them first)."""
        for_original = for_page = 0
        for word in words:
            word = normal_form(word)
            in_page, in_original = self.page.knows(word), self.original.knows(word)
            if in_page is None or in_original is None:
                return True  # hunspell was not asked: Lingua decides
            for_original += in_original and not in_page
            for_page += in_page and not in_original
        return for_original > 0 and for_original >= for_page

    def original_only(self, words: list[str]) -> int:
        """How many of the words only the original's dictionary has (`ask` about them first)."""
        return sum(bool(self.original.knows(word := normal_form(w))) and self.page.knows(word) is False for w in words)

    def page_only(self, word: str) -> bool:
        """Whether only the page's dictionary has the word (`ask` about it first)."""
        word = normal_form(word)
        return bool(self.page.knows(word)) and self.original.knows(word) is False
