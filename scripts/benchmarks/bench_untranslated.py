#!/usr/bin/env python3
"""Precision and recall of the `untranslated-text` rule on every sentence of the brief (issue 12).

The set, built from this repository as it is:
- negatives: every sentence of every Spanish page (docs/es/), as the site has them: none should be
  reported;
- positives: every sentence of the canonical English brief (source/remain-in-mexico-2018-11-30.txt,
  note markers `[n]` removed), pasted into a Spanish page of the brief, in two ways: on a line of its
  own at the end of a Spanish paragraph (it joins that paragraph), and as a paragraph of its own.
  Each should give exactly one finding, at the pasted line, and nothing else on that page.
A second positive set does the same with the sentences of the English pages (docs/en/), which add
this edition's own pages (About, Sources) and the notes as the site writes them.

A third set is a real technical translation (tests/fixtures/fastapi-es: four pages of FastAPI's
Spanish documentation, MIT): the sentences reported on its pages as they are, each labelled true
(English left behind) or false in its labels.json, without and with the project's loanwords list;
and the sentences of its English pages pasted into its Spanish ones, as a paragraph and as a clause
inside a Spanish sentence (a half-translated sentence: one finding for the English run).

Precision = reported pasted sentences / all reports; recall = reported pasted sentences / pasted
sentences. Target (issue 12): at least 0.95 each. The figures come from the rule's own engine on
each page's prose, parsed as the checker parses it, twice: with the hunspell dictionaries' screen
the checker uses where both dictionaries are installed (refcheck/engines/screen.py: Lingua reads
only the sentences the dictionaries' vote sends it), and with Lingua reading every sentence.

    .venv/bin/python scripts/benchmarks/bench_untranslated.py [--show-misses]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from refcheck.mdsource import prose  # noqa: E402
from refcheck.engines import languageid  # noqa: E402
from refcheck.engines.screen import DictionaryScreen  # noqa: E402
from refcheck.engines.hunspell import Spellers  # noqa: E402
from refcheck.engines import loanwords  # noqa: E402

BRIEF = ROOT / "source" / "remain-in-mexico-2018-11-30.txt"
SPANISH_PAGES = sorted((ROOT / "docs" / "es").glob("*.md"))
ENGLISH_PAGES = sorted((ROOT / "docs" / "en").glob("*.md"))
# The Spanish pages of the brief itself, which receive the pasted sentences in turn.
HOSTS = [ROOT / "docs" / "es" / name for name in ("index.md", "not-safe-to-wait.md", "mexico-lacks-capacity.md", "due-process.md")]
NOTE_MARKER = re.compile(r"\[\d+\]\s*")
MODES = ("in a paragraph", "as a paragraph")
FASTAPI = ROOT / "tests" / "fixtures" / "fastapi-es"
FASTAPI_SPANISH = sorted((FASTAPI / "docs" / "es").rglob("*.md"))
FASTAPI_ENGLISH = sorted((FASTAPI / "docs" / "en").rglob("*.md"))
# The pasted sentences go to the pages that have their English original (features.md has no
# English page here, and English left in it: a true report that would count as another's).
FASTAPI_HOSTS = [page for page in FASTAPI_SPANISH if (FASTAPI / "docs" / "en" / page.relative_to(FASTAPI / "docs" / "es")).is_file()]
FASTAPI_MODES = ("as a paragraph", "inside a Spanish sentence")
MIN_PASTED_WORDS = 5  # shorter English sentences ("Tip", "For example:") are no fair trial of a run
FASTAPI_PRECISION = 0.9  # target on the pages as they are, with the project's loanwords
FASTAPI_RECALL = 0.9  # target on the pasted English sentences and clauses


@dataclass(frozen=True)
class Sentence:
    text: str
    origin: str  # file:line


@dataclass(frozen=True)
class Trial:
    sentence: Sentence
    mode: str
    host: str
    line: int  # where it was pasted
    reported_lines: tuple[int, ...]  # every finding on the host page

    @property
    def found(self) -> bool:
        return self.line in self.reported_lines

    @property
    def extra(self) -> int:
        return sum(1 for line in self.reported_lines if line != self.line)


def prose_sentences(path: Path) -> list[Sentence]:
    """Every sentence of a page's prose (cited pieces included: they are the page's text)."""
    found = []
    for block in prose.blocks(path.read_text(encoding="utf-8")):
        text = block.text()
        for start, end in languageid.sentences(text):
            line, _ = block.locate(start + len(text[start:end]) - len(text[start:end].lstrip()))
            found.append(Sentence(" ".join(text[start:end].split()), f"{path.relative_to(ROOT)}:{line}"))
    return found


def brief_sentences() -> list[Sentence]:
    """Every sentence of the canonical English brief, as plain text."""
    found = []
    for number, raw in enumerate(BRIEF.read_text(encoding="utf-8").splitlines(), start=1):
        text = " ".join(NOTE_MARKER.sub("", raw).split())
        for start, end in languageid.sentences(text):
            found.append(Sentence(text[start:end].strip(), f"{BRIEF.relative_to(ROOT)}:{number}"))
    return found


def english_page_sentences() -> list[Sentence]:
    return [sentence for page in ENGLISH_PAGES for sentence in prose_sentences(page)]


def reported_lines(markdown: str, screen: DictionaryScreen | None) -> tuple[int, ...]:
    return tuple(p.line for p in languageid.untranslated(prose.blocks(markdown), "es", "en", screen))


def paste(markdown: str, sentence: str, mode: str) -> tuple[str, int]:
    """The page with the sentence pasted after its first paragraph of running text; its line."""
    lines = markdown.split("\n")
    block = next(b for b in prose.blocks(markdown) if len(languageid.sentences(b.text())) >= 2)
    end = block.line - 1
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1  # the paragraph's last line
    added = [sentence] if mode == MODES[0] else ["", sentence]
    return "\n".join(lines[: end + 1] + added + lines[end + 1:]), end + 1 + len(added)


def spanish_false_reports(screen: DictionaryScreen | None = None) -> tuple[int, list[str]]:
    """(sentences, reported ones) over every Spanish page as it is."""
    total, reported = 0, []
    for page in SPANISH_PAGES:
        markdown = page.read_text(encoding="utf-8")
        total += len(prose_sentences(page))
        reported += [f"{page.relative_to(ROOT)}:{p.line}: {p.text}"
                     for p in languageid.untranslated(prose.blocks(markdown), "es", "en", screen)]
    return total, reported


def trials(sentences: list[Sentence], screen: DictionaryScreen | None = None) -> list[Trial]:
    done = []
    for index, sentence in enumerate(sentences):
        host = HOSTS[index % len(HOSTS)]
        original = host.read_text(encoding="utf-8")
        for mode in MODES:
            pasted, line = paste(original, sentence.text, mode)
            done.append(Trial(sentence, mode, str(host.relative_to(ROOT)), line, reported_lines(pasted, screen)))
    return done


@dataclass(frozen=True)
class Score:
    pasted: int
    found: int
    extra: int  # reports elsewhere on the host pages
    spanish_reports: int  # reports on the Spanish pages as they are

    @property
    def recall(self) -> float:
        return self.found / self.pasted if self.pasted else 1.0

    @property
    def precision(self) -> float:
        reports = self.found + self.extra + self.spanish_reports
        return self.found / reports if reports else 1.0


def score(done: list[Trial], spanish_reports: int) -> Score:
    return Score(len(done), sum(t.found for t in done), sum(t.extra for t in done), spanish_reports)


def dictionary_screen() -> DictionaryScreen | None:
    """The screen the checker uses on this site's Spanish pages (None: a dictionary is missing)."""
    return DictionaryScreen.of(Spellers(ROOT / "translations" / "spelling"), "es", "en")


def evaluate(screen: DictionaryScreen | None, show_misses: bool) -> bool:
    languageid._judged_sentences.cache_clear()  # each way of judging starts from the same point
    started = time.perf_counter()
    spanish_total, spanish_reported = spanish_false_reports(screen)
    print(f"Spanish sentences (docs/es, {len(SPANISH_PAGES)} pages): {spanish_total}, reported: {len(spanish_reported)}")
    for line in spanish_reported:
        print(f"    reported: {line}")
    ok = True
    for name, sentences in (("the brief (source/*.txt)", brief_sentences()), ("the English pages (docs/en)", english_page_sentences())):
        target = name.startswith("the brief")  # the target is on the brief's sentences
        done = trials(sentences, screen)
        result = score(done, len(spanish_reported))
        print(f"English sentences of {name}: {len(sentences)}, pasted {len(MODES)} ways = {result.pasted} trials")
        for mode in MODES:
            part = score([t for t in done if t.mode == mode], len(spanish_reported))
            print(f"    {mode}: recall {part.recall:.3f} ({part.found}/{part.pasted}), other reports on the page {part.extra}")
        print(f"    precision {result.precision:.3f}   recall {result.recall:.3f}"
              + ("   (target >= 0.95 each)" if target else ""))
        if target:
            ok = ok and result.precision >= 0.95 and result.recall >= 0.95
            part = score(clause_trials(sentences, screen), len(spanish_reported))
            print(f"    as a clause at the end of a Spanish sentence: recall {part.recall:.3f} ({part.found}/{part.pasted}), "
                  f"other reports on the page {part.extra} (titles and citations made clauses are names, left alone)")
        if show_misses:
            for trial in done:
                if not trial.found or trial.extra:
                    print(f"    {'missed' if not trial.found else 'extra'} ({trial.mode}, {trial.sentence.origin}): {trial.sentence.text}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return ok


def fastapi_loanwords() -> loanwords.Loanwords:
    return loanwords.of_language(loanwords.load(FASTAPI / "translations" / loanwords.FILE), "es")


def fastapi_labels() -> dict[str, dict]:
    import json

    return json.loads((FASTAPI / "labels.json").read_text(encoding="utf-8"))["untranslated-text"]


def fastapi_reports(screen: DictionaryScreen | None, words: loanwords.Loanwords) -> list[tuple[str, languageid.Passage]]:
    """("file:line", passage) of every report on FastAPI's Spanish pages as they are."""
    found = []
    for page in FASTAPI_SPANISH:
        blocks = prose.blocks(page.read_text(encoding="utf-8"))
        found += [(f"{page.relative_to(FASTAPI).as_posix()}:{p.line}", p)
                  for p in languageid.untranslated(blocks, "es", "en", screen, words)]
    return found


def paste_clause(markdown: str, sentence: str) -> tuple[str, int]:
    """The page with the English sentence made a clause at the end of the first sentence of its
    first paragraph of running text ("Imagina que ..., the process that happens ... callback."); its line."""
    lines = markdown.split("\n")
    for block in prose.blocks(markdown):
        text = block.text()
        spans = languageid.sentences(text)
        first = text[spans[0][0]:spans[0][1]].rstrip()
        if len(spans) < 2 or not first.endswith(".") or len(first.split()) < 6:
            continue
        line, column = block.locate(spans[0][0] + len(first) - 1)
        if column is None or lines[line - 1][column - 1] != ".":
            continue
        clause = sentence.rstrip(".!?:")
        lines[line - 1] = f"{lines[line - 1][:column - 1]}, {clause[0].lower()}{clause[1:]}{lines[line - 1][column - 1:]}"
        return "\n".join(lines), line
    raise ValueError("no paragraph to paste into")


def clause_reports(markdown: str, line: int, screen: DictionaryScreen | None,
                   words: loanwords.Loanwords = loanwords.NONE) -> tuple[int, ...]:
    """The lines of the reports on a page, a report that covers `line` counted at it (a whole
    sentence reported from an earlier line of its paragraph holds the pasted clause)."""
    return tuple(line if p.covers(line, None) or p.line == line else p.line
                 for p in languageid.untranslated(prose.blocks(markdown), "es", "en", screen, words))


def clause_trials(sentences: list[Sentence], screen: DictionaryScreen | None) -> list[Trial]:
    """Each sentence made a clause of a Spanish sentence of one of the brief's Spanish pages."""
    done = []
    for index, sentence in enumerate(sentences):
        host = HOSTS[index % len(HOSTS)]
        pasted, line = paste_clause(host.read_text(encoding="utf-8"), sentence.text)
        done.append(Trial(sentence, "as a clause", str(host.relative_to(ROOT)), line, clause_reports(pasted, line, screen)))
    return done


def fastapi_trials(screen: DictionaryScreen | None, words: loanwords.Loanwords) -> list[Trial]:
    sentences = [s for page in FASTAPI_ENGLISH for s in prose_sentences(page) if len(s.text.split()) >= MIN_PASTED_WORDS]
    done = []
    for index, sentence in enumerate(sentences):
        host = FASTAPI_HOSTS[index % len(FASTAPI_HOSTS)]
        original = host.read_text(encoding="utf-8")
        for mode in FASTAPI_MODES:
            if mode == FASTAPI_MODES[0]:
                pasted, line = paste(original, sentence.text, MODES[1])
            else:
                pasted, line = paste_clause(original, sentence.text)
            reported = clause_reports(pasted, line, screen, words)
            done.append(Trial(sentence, mode, str(host.relative_to(ROOT)), line, reported))
    return done


def evaluate_fastapi(screen: DictionaryScreen | None, show_misses: bool) -> bool:
    """The technical translation: reports on its pages as they are, and pasted English."""
    labels, words = fastapi_labels(), fastapi_loanwords()
    print(f"FastAPI's Spanish documentation ({FASTAPI.relative_to(ROOT)}, {len(FASTAPI_SPANISH)} pages, "
          f"{sum(len(prose_sentences(page)) for page in FASTAPI_SPANISH)} sentences), as the pages are:")
    ok = True
    for name, used in (("without a loanwords list", loanwords.NONE), ("with the project's loanwords", words)):
        reports = fastapi_reports(screen, used)
        true = sum(bool(labels.get(key, {}).get("true")) for key, _ in reports)
        unlabelled = [key for key, _ in reports if key not in labels]
        precision = true / len(reports) if reports else 1.0
        print(f"    {name}: {len(reports)} reported, {true} true, precision {precision:.3f}"
              + (f", UNLABELLED {unlabelled}" if unlabelled else ""))
        if show_misses:
            for key, passage in reports:
                print(f"        {key}: {passage.text}")
        if used is words:
            ok = not unlabelled and precision >= FASTAPI_PRECISION
    done = fastapi_trials(screen, words)
    result = score(done, 0)
    print(f"    English sentences of its English pages ({MIN_PASTED_WORDS} words or more) pasted {len(FASTAPI_MODES)} ways"
          f" = {result.pasted} trials:")
    for mode in FASTAPI_MODES:
        part = score([t for t in done if t.mode == mode], 0)
        print(f"        {mode}: recall {part.recall:.3f} ({part.found}/{part.pasted}), other reports on the page {part.extra}")
    print(f"        precision {result.precision:.3f}   recall {result.recall:.3f}   "
          f"(targets: precision >= {FASTAPI_PRECISION} as the pages are and here, recall >= {FASTAPI_RECALL})")
    if show_misses:
        for trial in done:
            if not trial.found or trial.extra:
                print(f"        {'missed' if not trial.found else 'extra'} ({trial.mode}): {trial.sentence.text}")
    return ok and result.precision >= FASTAPI_PRECISION and result.recall >= FASTAPI_RECALL


def warm(screen: DictionaryScreen | None) -> None:
    """Read Lingua's models and ask the dictionaries about every word of the trials, once.

    A check does both once a run (the dictionaries about every page's words together); the trials
    here are 600 small runs, so without this each timing below would be mostly start-ups.
    """
    languageid.untranslated(prose.blocks("Warm up."), "es", "en")
    if screen is None:
        return
    texts = [page.read_text(encoding="utf-8") for page in SPANISH_PAGES]
    texts += [sentence.text for sentence in brief_sentences() + english_page_sentences()]
    texts += [page.read_text(encoding="utf-8") for page in FASTAPI_SPANISH + FASTAPI_ENGLISH]
    screen.ask(word for text in texts for word in languageid.judged_words_of(prose.blocks(text)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", action="store_true", help="list every sentence missed or reported wrongly")
    args = parser.parse_args(argv)
    ok = True
    screen = dictionary_screen()
    if screen is None:
        print("hunspell or its en_US/es_ES dictionaries are missing: only Lingua alone is measured")
    started = time.perf_counter()
    warm(screen)
    print(f"(Lingua's models read and the dictionaries asked about every word once: {time.perf_counter() - started:.1f} s)")
    for title, used in (("With the dictionaries' screen (as the checker runs)", screen), ("Lingua alone", None)):
        if title != "Lingua alone" and used is None:
            continue
        print(f"== {title}")
        ok = evaluate(used, args.show_misses) and ok
        ok = evaluate_fastapi(used, args.show_misses) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
