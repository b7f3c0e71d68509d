"""Runs of the original's language inside a sentence of the page's language (a half-translated sentence).

"Las familias esperan en la frontera, although it is not safe to wait there, según el informe" is
Spanish as a whole, so refcheck/engines/languageid.py does not report the sentence; the English
clause in it is still left behind. Lingua finds it: `detect_multiple_languages_of` splits a text
into sections by language, and a section in the original's language with at least MIN_RUN judged
words (names and loanwords left out, as for sentences) is one run, reported once, at its first word.
Lingua is sure enough of a run only when its words together are CLEARLY the original's language.

Where both hunspell dictionaries are installed (refcheck/engines/screen.py), a sentence is given to
Lingua only when at least MIN_ORIGINAL_ONLY of its words are in the original's dictionary and not
in the page's ("although", "wait"), and a run must hold that many too: the one loanword a sentence
keeps ("el router de callback") is never a run; an English word alone is left to the spelling rule,
which says that it is English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcheck.engines.screen import DictionaryScreen

MIN_RUN = 3  # judged words in a run: fewer are a term, which the spelling rule reports
MIN_ORIGINAL_ONLY = 2  # words of a run only the original's dictionary has
CLEARLY = 0.75  # Lingua's confidence in the run's words together


def worth_asking(words: list[str], screen: DictionaryScreen | None) -> bool:
    """Whether a sentence with these judged words may hold a run (the screen asked about them first)."""
    if len(words) < MIN_RUN:
        return False
    return screen is None or screen.original_only(words) >= MIN_ORIGINAL_ONLY


def find(sentence: str, roles: list[tuple[int, str]], detector: Any, original: Any,
         screen: DictionaryScreen | None) -> list[tuple[int, int, float]]:
    """(first, last character offset, confidence) of each run of the original's language in the
    sentence; `roles`: (offset, word) of its judged words."""
    masked = [" "] * len(sentence)
    for offset, word in roles:
        masked[offset:offset + len(word)] = word
    found = []
    for section in detector.detect_multiple_languages_of("".join(masked)):
        if section.language != original:
            continue
        inside = [(offset, word) for offset, word in roles if section.start_index <= offset < section.end_index]
        if screen is not None:
            while inside and screen.page_only(inside[0][1]):
                inside.pop(0)  # "y" before the run, a Spanish word Lingua gave to it
            while inside and screen.page_only(inside[-1][1]):
                inside.pop()
        if len(inside) < MIN_RUN:
            continue
        words = [word for _, word in inside]
        if screen is not None and screen.original_only(words) < MIN_ORIGINAL_ONLY:
            continue
        confidence = detector.compute_language_confidence(" ".join(words), original)
        if confidence > CLEARLY:
            found.append((inside[0][0], inside[-1][0] + len(inside[-1][1]) - 1, confidence))
    return found
