"""The glossary: approved renderings of the English terms, and forms not to use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from refcheck.engines import glossary
from translation_support import ROOT, check, copy_project

TERMS = glossary.load(ROOT / "translations" / "glossary.yml")


def issues(english: str, translated: str, language: str = "es", terms=TERMS):
    return glossary.check_translation(english, translated, language, terms)


def test_the_glossary_has_the_terms_of_the_brief_sources():
    terms = {term.term: term for term in TERMS}
    assert terms["non-refoulement"].renderings["es"].use == ("no devolución",)
    assert terms["Refugee Convention"].renderings["es"].use == ("Convención sobre el Estatuto de los Refugiados",)
    assert "niñas, niños y adolescentes no acompañados" in terms["unaccompanied children"].renderings["es"].use
    assert "menores no acompañados" in terms["unaccompanied children"].renderings["es"].avoid
    assert terms["Remain in Mexico"].renderings["es"].use == ("Quédate en México",)
    assert "TVPRA" in terms["Trafficking Victims Protection Reauthorization Act"].also
    assert terms["Homeland Security Act"].renderings["es"].use == ("Ley de Seguridad Nacional de 2002",)
    assert all(term.note for term in TERMS)


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs" / "en").glob("*.md")))
def test_the_spanish_pages_follow_the_glossary(page: str):
    english = (ROOT / "docs/en" / page).read_text(encoding="utf-8")
    spanish_path = ROOT / "docs/es" / page
    if not spanish_path.exists():
        pytest.skip(f"no Spanish {page} yet")
    assert [issue.message for issue in issues(english, spanish_path.read_text(encoding="utf-8"))] == []


def test_a_missing_approved_rendering_is_reported():
    found = issues("Children are unaccompanied children.\n", "Son niños que viajan solos.\n")
    assert [(i.kind, i.term.term, i.line) for i in found] == [("missing", "unaccompanied children", 1)]
    assert "“niñas, niños y adolescentes no acompañados”" in found[0].message


def test_the_approved_rendering_may_wrap_across_lines_and_start_a_sentence():
    assert issues("Some unaccompanied\nchildren.\n", "Niñas, niños y adolescentes no\nacompañados.\n") == []


def test_a_term_the_english_page_does_not_use_is_not_required():
    assert issues("Children travel alone.\n", "Niñas y niños viajan solos.\n") == []


def test_a_forbidden_form_is_reported_at_its_line_and_column():
    translated = "# Título\n\nUn texto sobre los\nmenores no acompañados en México.\n"
    found = [i for i in issues("# Title\n\nA text.\n", translated) if i.kind == "forbidden"]
    assert [(i.line, i.column, i.term.term) for i in found] == [(4, 1, "unaccompanied children")]


def test_forbidden_forms_in_code_or_addresses_are_not_reported():
    translated = "Ver `menores no acompañados` y <https://example.org/menores-no-acompañados>.\n"
    assert issues("See.\n", translated) == []


def test_a_case_sensitive_term_ignores_the_ordinary_verb():
    english = "They would be required to remain in Mexico.\n"
    assert issues(english, "Tendrían que permanecer en México.\n") == []
    found = issues("The Remain in Mexico plan.\n", "El plan de permanecer en México.\n")
    assert [i.term.term for i in found] == ["Remain in Mexico"]


def test_a_quoted_wrong_name_is_forbidden_but_the_verb_is_not():
    found = issues("A text.\n", "La propuesta “Permanecer en México” y permanecer en México.\n")
    assert [(i.kind, i.column) for i in found] == [("forbidden", 14)]


def test_a_language_without_renderings_is_not_checked():
    assert issues("Unaccompanied children.\n", "Des enfants.\n", language="fr") == []


def test_glossary_errors_say_which_entry(tmp_path: Path):
    with pytest.raises(glossary.GlossaryError, match="every entry needs `term:`"):
        glossary.parse({"terms": [{"es": {"use": ["x"]}}]})
    with pytest.raises(glossary.GlossaryError, match="'x', es.use: expected a text or a list"):
        glossary.parse({"terms": [{"term": "x", "es": {"use": [1]}}]})
    with pytest.raises(glossary.GlossaryError, match="unknown keys usar"):
        glossary.parse({"terms": [{"term": "x", "es": {"usar": ["y"]}}]})


# -- through the checker -------------------------------------------------------------------------
def findings(root: Path) -> list[dict]:
    done = check(root, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_checker_reports_glossary_findings_at_the_spanish_line(tmp_path: Path):
    root = copy_project(tmp_path)
    page = root / "docs/es/due-process.md"
    text = page.read_text(encoding="utf-8")
    text, count = re.subn(r"niñas,\s+niños\s+y\s+adolescentes(\s+)no(\s+)acompañados", r"menores\1no\2acompañados", text)
    assert count >= 1
    page.write_text(text, encoding="utf-8")
    found = [f for f in findings(root) if f["rule"].startswith("glossary-")]
    forbidden = [f for f in found if f["rule"] == "glossary-forbidden-term"]
    lines = page.read_text(encoding="utf-8").splitlines()
    assert len(forbidden) == count
    for finding in forbidden:
        assert (finding["file"], finding["severity"]) == ("docs/es/due-process.md", "error")
        assert lines[finding["line"] - 1][finding["column"] - 1:].startswith("menores")
    missing = [f for f in found if f["rule"] == "glossary-missing-term"]
    assert [(f["file"], f["severity"]) for f in missing] == [("docs/es/due-process.md", "warning")]
    assert "docs/en/due-process.md:" in missing[0]["message"]


def test_checker_reports_an_unreadable_glossary(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "translations/glossary.yml").write_text("terms: [{es: {}}]\n", encoding="utf-8")
    found = [f for f in findings(root) if f["rule"] == "glossary-invalid"]
    assert [(f["file"], f["severity"]) for f in found] == [("translations/glossary.yml", "error")]


def test_the_repository_has_no_glossary_finding(tmp_path: Path):
    root = copy_project(tmp_path)
    assert [f for f in findings(root) if f["rule"].startswith("glossary-")] == []
