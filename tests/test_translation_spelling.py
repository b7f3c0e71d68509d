"""Spelling: hunspell over the prose of each page, with the project's word lists."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from refcheck.engines import glossary
from refcheck.engines import hunspell, spelling
from refcheck.engines.dictionaries import install_hint
from refcheck.mdsource import prose
from translation_support import ROOT, check, copy_project, line_of

needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None or hunspell.find_dictionary("es") is None or hunspell.find_dictionary("en") is None,
    reason="hunspell with en_US and es_ES is not installed (python3 scripts/site.py test installs it)",
)
TERMS = glossary.load(ROOT / "translations" / "glossary.yml")


def speller(language: str, words: str = "", tmp_path: Path | None = None) -> hunspell.Speller:
    word_list = hunspell.WordList()
    for word in words.split():
        word_list.add(word)
    return hunspell.Speller(language, word_list)


def misspelled(markdown: str, language: str = "es", english: str | None = None, words: str = "") -> list[tuple]:
    found = spelling.check_page(markdown, speller(language, words), set(), english)
    return [(m.word, m.line, m.column) for m in found]


@needs_hunspell
def test_a_misspelled_word_is_reported_with_its_line_column_and_suggestion():
    found = spelling.check_page("# Título\n\nLa proteccion de la niñez.\n", speller("es"), set())
    assert [(m.word, m.line, m.column) for m in found] == [("proteccion", 3, 4)]
    assert "protección" in found[0].suggestions


@needs_hunspell
def test_correct_prose_passes_in_both_languages():
    assert misspelled("La protección de la niñez.\n") == []
    assert misspelled("The protection of children.\n", "en") == []


@needs_hunspell
def test_code_addresses_and_html_are_not_prose():
    page = "Ver `funcion_x` y <https://example.org/proteccion> o gob.mx/difnacional.\n\n<p>Proteccion</p>\n"
    assert misspelled(page) == []


@needs_hunspell
def test_titles_in_emphasis_and_external_link_texts_are_not_checked():
    page = "Véase *Closed Doors* y [Dangerous Territory](https://example.org/).\n"
    assert misspelled(page) == []
    assert misspelled("Véase [Closed Doors](other.md).\n") != []


@needs_hunspell
def test_names_copied_from_the_english_page_are_not_checked_on_the_translation():
    english = "Human Rights First reported it. Mexico is not safe.\n"
    assert misspelled("Según Human Rights First, no.\n", english=english) == []
    # one word alone is not a copied name: "Mexico" without its accent is a Spanish misspelling
    assert [w for w, _, _ in misspelled("Llegan a Mexico.\n", english=english)] == ["Mexico"]


@needs_hunspell
def test_capitals_and_words_with_digits_are_not_checked():
    assert misspelled("El DIF, la TVPRA y KIND's notas; art3.\n") == []


@needs_hunspell
def test_the_word_list_accepts_its_words_and_lower_case_entries_any_capitalization():
    assert misspelled("Podkul y podkul.\n", words="podkul") == []
    assert misspelled("Trump y trump.\n", words="Trump") == [("trump", 1, 9)]


@needs_hunspell
def test_the_glossary_terms_are_accepted_words():
    accepted = glossary.accepted_words(TERMS, "es", "en")
    assert "Reauthorization" in accepted
    found = spelling.check_page("La Trafficking Victims Protection Reauthorization Act.\n", speller("es"), accepted)
    assert found == []


def test_a_word_list_cannot_choose_the_dictionary(tmp_path: Path):
    """Translators' word lists are data: a `# dictionary:` line is a comment; mkdocs.yml chooses."""
    (tmp_path / "es.txt").write_text("# dictionary: en_US\n# a comment\nPodkul  # a name\n", encoding="utf-8")
    words = hunspell.WordList.read(tmp_path / "es.txt")
    assert words.dictionary is None and words.accepts("Podkul") and not words.accepts("podkul")
    assert hunspell.Spellers(tmp_path)("es").word_list.dictionary is None
    assert hunspell.Spellers(tmp_path, {"es": "es_MX"})("es").word_list.dictionary == "es_MX"


@pytest.mark.parametrize("name", ["/tmp/evil/es_ES", "../../tmp/es_ES", "es_ES/../../x", ""])
def test_a_dictionary_is_a_name_never_a_path(name: str):
    assert hunspell.chosen_dictionaries({"dictionaries": {"es": name}}) == {}
    assert hunspell.find_dictionary("es", name) is None or name == ""


def test_without_hunspell_the_speller_says_why(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(hunspell.shutil, "which", lambda name: None)
    unavailable = hunspell.Speller("es", hunspell.WordList()).unavailable
    assert unavailable and "hunspell is not installed" in unavailable and "apt install hunspell" in unavailable


@needs_hunspell
@pytest.mark.skipif(hunspell.find_dictionary("sw") is not None, reason="the Swahili dictionary is installed here")
def test_a_language_without_a_dictionary_names_the_debian_package_that_has_it():
    unavailable = hunspell.Speller("sw", hunspell.WordList()).unavailable
    assert unavailable and "apt install hunspell hunspell-sw" in unavailable


def test_a_language_debian_has_no_dictionary_for_names_no_package():
    unavailable = hunspell.Speller("ja", hunspell.WordList()).unavailable
    assert unavailable and "Debian has no hunspell dictionary for 'ja'" in unavailable
    assert "hunspell-ja" not in unavailable


def test_the_install_hint_names_the_regional_package_debian_has():
    assert install_hint("de") == "Debian: apt install hunspell hunspell-de-de"
    assert install_hint("pt-BR") == "Debian: apt install hunspell hunspell-pt-br"


def test_decomposed_accents_stay_in_one_word_and_are_compared_composed():
    decomposed = unicodedata.normalize("NFD", "información")
    assert [word for _, word in prose.words(f"la {decomposed} útil")] == ["la", decomposed, "útil"]
    assert spelling.normal_form(decomposed) == "información"


# -- through the checker -------------------------------------------------------------------------
def spelling_findings(root: Path) -> list[dict]:
    done = check(root, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return [f for f in json.loads(done.stdout) if f["rule"].startswith("spelling")]


@needs_hunspell
def test_the_pages_of_this_site_are_spelled_right(tmp_path: Path):
    assert spelling_findings(copy_project(tmp_path)) == []


@needs_hunspell
def test_checker_reports_a_typo_as_a_warning_naming_the_word_list(tmp_path: Path):
    root = copy_project(tmp_path)
    page = root / "docs/es/not-safe-to-wait.md"
    page.write_text(page.read_text(encoding="utf-8").replace("No es seguro esperar", "No es seguro esparar"), encoding="utf-8")
    found = spelling_findings(root)
    assert [(f["file"], f["line"], f["column"], f["severity"]) for f in found] == [
        ("docs/es/not-safe-to-wait.md", line_of(page, "# No es seguro esparar"), 16, "warning")]
    assert "“esparar”" in found[0]["message"] and "translations/spelling/es.txt" in found[0]["message"]


def test_checker_notes_once_when_hunspell_is_missing(tmp_path: Path):
    root = copy_project(tmp_path)
    import os
    import subprocess
    import sys

    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    done = subprocess.run([sys.executable, str(root / "scripts/check_references.py"), "--root", str(root), "--format", "json"],
                          cwd=root, env=env, capture_output=True, text=True)
    found = [f for f in json.loads(done.stdout) if f["rule"].startswith("spelling")]
    assert {f["rule"] for f in found} == {"spelling-unavailable"}
    assert all(f["severity"] == "info" and "hunspell is not installed" in f["message"] for f in found)


def test_hunspells_answers_are_kept_between_runs_and_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    cache_file = tmp_path / "spelling.json"
    first = speller("es")
    spelling.VerdictCache(cache_file).load(first)
    first.check_words({"niñas", "nniñas"})
    spelling.VerdictCache(cache_file).save([first])

    def no_hunspell(*args, **kwargs):
        raise AssertionError("hunspell was started for words it had already judged")

    second = speller("es")
    spelling.VerdictCache(cache_file).load(second)
    monkeypatch.setattr(hunspell.subprocess, "Popen", no_hunspell)
    second.check_words({"niñas", "nniñas"})
    assert second.correct("niñas")[0] and not second.correct("nniñas")[0]

    cache_file.write_text("{not json", encoding="utf-8")
    monkeypatch.undo()
    third = speller("es")
    spelling.VerdictCache(cache_file).load(third)  # no traceback: the damaged file is ignored
    third.check_words({"nniñas"})
    assert not third.correct("nniñas")[0]
