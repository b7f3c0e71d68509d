"""Runs of the original's language inside a sentence of the page's language (a half-translated sentence).

"Las familias esperan en la frontera, although it is not safe to wait there, según el informe" is
Spanish as a whole, so refcheck/engines/languageid.py does not report the sentence; the English
clause in it is still left behind. Lingua finds it: `detect_multiple_languages_of` splits a text
into sections by language, and a section in the original's language with at least MIN_RUN judged
words (names and loanwords left out, as for sentences) is one run, reported once, at its first word.
Lingua is sure enough of a run only when its words together are CLEARLY the original's language.
Lingua's sections miss a short clause at the end of a long sentence; where the dictionaries screen,
a run of words the page's dictionary does not have, from and to words only the original's has, is
a candidate too, confirmed by Lingua the same way.

Where both hunspell dictionaries are installed (refcheck/engines/screen.py), a sentence is given to
Lingua only when at least MIN_ORIGINAL_ONLY of its words are in the original's dictionary and not
in the page's ("although", "wait"), and a run must hold that many too, with no word only the
page's dictionary has ("cookies ni tokens" is two words, not a run): the one loanword a sentence
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
    candidates = []
    for section in detector.detect_multiple_languages_of("".join(masked)):
        if section.language == original:
            candidates += _split([(o, w) for o, w in roles if section.start_index <= o < section.end_index], screen)
    if screen is not None:
        candidates += _dictionary_runs(roles, screen)
    found: list[tuple[int, int, float]] = []
    for part in sorted(candidates, key=len, reverse=True):
        words = [word for _, word in part]
        if len(part) < MIN_RUN or (screen is not None and screen.original_only(words) < MIN_ORIGINAL_ONLY):
            continue
        first, last = part[0][0], part[-1][0] + len(part[-1][1]) - 1
        if any(first <= other_last and other_first <= last for other_first, other_last, _ in found):
            continue  # Lingua's section and the dictionaries' run are the same words
        confidence = detector.compute_language_confidence(" ".join(words), original)
        if confidence > CLEARLY:
            found.append((first, last, confidence))
    return sorted(found)


def _dictionary_runs(roles: list[tuple[int, str]], screen: DictionaryScreen) -> list[list[tuple[int, str]]]:
    """Runs of words that the page's dictionary alone does not have, from and to a word only the
    original's has, MIN_RUN of them at least: Lingua's sections miss a short clause at the end of a
    long sentence ("... migrantes en 2016, it is not safe to wait in Mexico.")."""
    runs = []
    for part in _split(roles, screen):
        only = [index for index, (_, word) in enumerate(part) if screen.original_only([word])]
        if len(only) >= MIN_RUN:  # two English terms joined by "de" ("router de callback") are no clause
            runs.append(part[only[0]:only[-1] + 1])
    return runs


def _split(inside: list[tuple[int, str]], screen: DictionaryScreen | None) -> list[list[tuple[int, str]]]:
    """The section's words in parts between the words only the page's dictionary has ("y", "ni"),
    which Lingua may give to a section of the original's language: "cookies ni tokens" is two
    English words in a Spanish sentence, not a run."""
    if screen is None:
        return [inside]
    parts: list[list[tuple[int, str]]] = [[]]
    for offset, word in inside:
        if screen.page_only(word):
            parts.append([])
        else:
            parts[-1].append((offset, word))
    return parts
