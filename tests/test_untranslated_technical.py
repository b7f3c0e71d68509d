"""English inside Spanish sentences, loanwords and markup: what untranslated-text and spelling say
on a technical translation (one failing and one passing case per behaviour)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from refcheck import pipeline
from refcheck.engines import hunspell, languageid, loanwords
from refcheck.mdsource import prose
from translation_support import ROOT, check, copy_project, edit, line_of

sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
import bench_untranslated  # noqa: E402  (the FastAPI set, its labels and its pasting, shared with the benchmark)

HOST = "docs/es/not-safe-to-wait.md"
SPANISH_SENTENCE = "Un estudio de 2017 registró 5289 delitos"
CLAUSE = "although it is not safe to wait there"
HALF = f"Las familias esperan en la frontera, {CLAUSE}, según el informe."
SITE_LOANWORDS = loanwords.of_language(loanwords.load(ROOT / "translations" / loanwords.FILE), "es")


def needs_dictionaries() -> None:
    if shutil.which("hunspell") is None or not all(hunspell.find_dictionary(code) for code in ("es", "en")):
        pytest.skip("hunspell-en-us and hunspell-es are not installed (python3 scripts/site.py test installs them)")


def run(root: Path, *rules: str) -> list[tuple[str, str, int | None, int | None, str]]:
    return [(f.rule, f.file, f.line, f.column, f.message) for f in pipeline.run(root, jobs=1).findings if f.rule in rules]


def passages(markdown: str, words: loanwords.Loanwords = loanwords.NONE) -> list[tuple[int, int | None, str, bool]]:
    return [(p.line, p.column, p.text, p.run) for p in languageid.untranslated(prose.blocks(markdown), "es", "en", None, words)]


def test_an_english_clause_inside_a_spanish_sentence_is_one_finding_at_its_first_word():
    assert passages(f"# Título\n\n{HALF}\n") == [(3, HALF.index(CLAUSE) + 1, CLAUSE, True)]


def test_a_spanish_sentence_with_one_english_term_is_no_run():
    assert passages("# Título\n\nEl sistema guarda el token en una cookie del navegador y la borra al salir.\n") == []


def test_a_half_translated_sentence_is_one_finding_and_no_spelling_finding(tmp_path: Path):
    needs_dictionaries()
    root = copy_project(tmp_path)
    edit(root / HOST, SPANISH_SENTENCE, f"{HALF}\n{SPANISH_SENTENCE}")
    line = line_of(root / HOST, HALF)
    column = (root / HOST).read_text(encoding="utf-8").split("\n")[line - 1].index(CLAUSE) + 1
    found = run(root, "untranslated-text", "spelling")
    assert [(rule, file, at, column) for rule, file, at, column, _ in found] == [
        ("untranslated-text", HOST, line, column)]
    assert "inside a sentence in" in found[0][4]


def test_an_english_word_left_in_spanish_is_said_to_be_english_never_advised_for_the_word_list(tmp_path: Path):
    needs_dictionaries()
    root = copy_project(tmp_path)
    edit(root / HOST, SPANISH_SENTENCE, f"Hubo un shutdown del sistema.\n{SPANISH_SENTENCE}")
    [(_rule, _file, line, _column, message)] = run(root, "spelling")
    assert line == line_of(root / HOST, "shutdown")
    assert "“shutdown” is a word in English" in message and 'lang="en"' in message
    assert "translations/spelling/es.txt" not in message and "translations/loanwords.yml" in message


def test_a_spanish_typo_is_still_advised_for_the_word_list(tmp_path: Path):
    needs_dictionaries()
    root = copy_project(tmp_path)
    edit(root / HOST, SPANISH_SENTENCE, f"La informacion es clara.\n{SPANISH_SENTENCE}")
    [(_rule, _file, _line, _column, message)] = run(root, "spelling")
    assert "“informacion”" in message and "translations/spelling/es.txt" in message and "English" not in message


@pytest.mark.parametrize("sentence", [
    "FastAPI es un framework web ASGI.",
    "Los headers del proxy son:",
    "Agrega el router de callback",
    "Guarda el token en la cookie y llama al endpoint con el middleware.",
])
def test_technical_spanish_with_the_loanwords_of_the_list_is_not_english(sentence: str):
    assert passages(f"# Título\n\n{sentence}\n", SITE_LOANWORDS) == []


def test_without_the_list_the_same_loanwords_read_as_english():
    assert passages("# Título\n\nAgrega el router de callback\n") != []


def test_loanwords_are_accepted_by_the_spelling_rule(tmp_path: Path):
    needs_dictionaries()
    root = copy_project(tmp_path)
    edit(root / HOST, SPANISH_SENTENCE, f"El sitio no usa cookies ni tokens.\n{SPANISH_SENTENCE}")
    assert run(root, "spelling", "untranslated-text") == []
    (root / "translations" / loanwords.FILE).write_text("es: []\n", encoding="utf-8")
    assert {message.split("”")[0] for *_, message in run(root, "spelling")} == {"“cookies", "“tokens"}


def test_a_loanwords_file_that_is_not_a_list_per_language_is_a_glossary_error(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "translations" / loanwords.FILE).write_text("es: framework\n", encoding="utf-8")
    found = [(f.rule, f.file, f.severity.value) for f in pipeline.run(root, jobs=1).findings if f.rule == "glossary-invalid"]
    assert found == [("glossary-invalid", "translations/loanwords.yml", "error")]


def test_a_loanword_matches_its_plurals_and_a_term_of_two_words_only_whole():
    words = loanwords.Loanwords(frozenset({("proxy",), ("header",), ("pull", "request")}))
    assert words.matches("los proxies y Headers del pull requests".split()) == [False, True, False, True, False, True, True]
    assert words.matches("un pull y un request proxyx".split()) == [False] * 6


def test_the_sites_loanwords_file_is_valid_and_seeded_for_technical_spanish():
    assert {("framework",), ("router",), ("header",), ("callback",), ("middleware",), ("endpoint",), ("token",),
            ("cookie",), ("deploy",)} <= SITE_LOANWORDS.terms


@pytest.mark.parametrize("line, prose_left", [
    ("/// warning | Advertencia", "Advertencia"),
    ("///", ""),
    ("//// tab | Python 3.10+", "Python 3.10+"),
    ('=== "Pestaña"', "Pestaña"),
    ('??? note "Nota"', "Nota"),
    ('--8<-- "includes/abbreviations.md"', ""),
    ("{* ../../docs_src/response_headers/tutorial002_py310.py hl[1, 7:8] *}", ""),
    ("{!../../../docs_src/app.py!}", ""),
    ("Pulsa ++ctrl+alt+del++ ahora", "Pulsa ahora"),
    ("Listo :material-check-bold: ya", "Listo ya"),
    ("La fórmula $x^2 + y$ basta", "La fórmula basta"),
    ("$$\n\\frac{a}{b} = \\sqrt{c}\n$$", "a b c"),
    ("Texto {++ nuevo ++}{-- removed words --} y {>> a reviewer comment <<} fin", "Texto nuevo y fin"),
    ("Usa callback_url y app.add_middleware() con key=value en ../../docs_src/app.py", "Usa y con en"),
])
def test_pymdownx_markup_and_lines_without_prose_are_not_prose(line: str, prose_left: str):
    words = [word for block in prose.blocks(f"{line}\n") for _, word in prose.words(block.text())]
    assert " ".join(words) == " ".join(word for _, word in prose.words(prose_left))


def test_the_options_of_a_blocks_opener_are_not_prose_and_the_same_words_elsewhere_are():
    def words(markdown: str) -> list[str]:
        return [word for block in prose.blocks(markdown) for _, word in prose.words(block.text())]

    assert words("/// details | Resumen\n    type: warning\n    open: true\n\nTexto.\n///\n") == ["Resumen", "Texto"]
    assert words("Texto normal\ntype: warning\n") == ["Texto", "normal", "type", "warning"]


def test_english_in_a_block_title_is_still_judged():
    assert [text for _, _, text, _ in passages("/// warning | It is not safe to wait in Mexico\n")] == [
        "It is not safe to wait in Mexico"]


def test_fastapi_spanish_docs_as_they_are_reach_the_precision_target():
    labels = bench_untranslated.fastapi_labels()
    for words, at_least in ((loanwords.NONE, 0.0), (bench_untranslated.fastapi_loanwords(), bench_untranslated.FASTAPI_PRECISION)):
        reports = bench_untranslated.fastapi_reports(None, words)
        assert [key for key, _ in reports if key not in labels] == []  # every report is labelled
        true = [key for key, _ in reports if labels[key]["true"]]
        assert true == ["docs/es/docs/features.md:170"]  # the English left in the page is found either way
        assert len(true) / len(reports) >= at_least
    assert len(bench_untranslated.fastapi_reports(None, loanwords.NONE)) >= 5  # what the list removes


def test_english_pasted_into_fastapi_spanish_docs_is_found_at_its_line():
    trials = bench_untranslated.fastapi_trials(None, bench_untranslated.fastapi_loanwords())
    score = bench_untranslated.score(trials, 0)
    assert score.pasted >= 200 and score.extra == 0
    assert score.precision >= bench_untranslated.FASTAPI_PRECISION and score.recall >= bench_untranslated.FASTAPI_RECALL


def test_a_spanish_translator_reads_the_run_and_the_english_word_in_spanish(tmp_path: Path):
    needs_dictionaries()
    root = copy_project(tmp_path)
    edit(root / HOST, SPANISH_SENTENCE, f"{HALF} Hubo un shutdown.\n{SPANISH_SENTENCE}")
    done = check(root, "--ui-lang", "es")
    assert "dentro de una oración en" in done.stdout and "«shutdown» es una palabra en" in done.stdout
    assert "inside a sentence" not in done.stdout and "is a word in" not in done.stdout
