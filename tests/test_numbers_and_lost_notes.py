"""Figures and note marks a translator changed: reported as errors, once, where the translator made the change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from refcheck import pipeline
from refcheck.checks.numbers import percent_style, readings, spanish_style
from translation_support import copy_project, edit, line_of

NOT_SAFE = "docs/es/not-safe-to-wait.md"
SOURCES = "docs/es/sources.md"


def findings(root: Path) -> list[tuple[str, str, int | None, str]]:
    return [(f.rule, f.file, f.line, f.severity.value) for f in pipeline.run(root, jobs=1).findings]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_this_site_has_no_number_or_note_finding(project: Path):
    rules = {"number-parity", "number-style", "footnote-reference-missing", "footnote-unused", "anchor-missing"}
    assert [f for f in findings(project) if f[0] in rules] == []


def test_a_changed_figure_in_spanish_is_one_error_at_its_line(project: Path):
    edit(project / NOT_SAFE, "registró 5289 delitos", "registró 5298 delitos")
    assert findings(project) == [("number-parity", NOT_SAFE, line_of(project / NOT_SAFE, "5298"), "error")]


def test_the_message_names_both_figures_and_the_english_line(project: Path):
    edit(project / NOT_SAFE, "registró 5289 delitos", "registró 5298 delitos")
    message = pipeline.run(project, jobs=1).findings[0].message
    assert "5298" in message and "5,289" in message and "docs/en/not-safe-to-wait.md:" in message


def test_a_dropped_figure_is_reported_at_the_sentence_that_lost_it(project: Path):
    edit(project / NOT_SAFE, "registró 5289 delitos", "registró delitos")
    assert findings(project) == [("number-parity", NOT_SAFE, line_of(project / NOT_SAFE, "registró delitos"), "error")]


@pytest.mark.parametrize("written", ["5.289", "5,289", "5 289", "5\u202f289", "5\u2009289"])
def test_the_same_figure_in_another_writing_is_no_parity_finding(project: Path, written: str):
    edit(project / NOT_SAFE, "registró 5289 delitos", f"registró {written} delitos")
    assert [f for f in findings(project) if f[0] == "number-parity"] == []


def test_five_thousand_written_with_a_point_in_spanish_is_a_style_finding(project: Path):
    edit(project / NOT_SAFE, "registró 5289 delitos", "registró 5.289 delitos")
    assert findings(project) == [("number-style", NOT_SAFE, line_of(project / NOT_SAFE, "5.289"), "warning")]


def test_percent_written_as_a_sign_or_in_words_is_the_same_figure(project: Path):
    page = project / "docs/es/mexico-lacks-capacity.md"
    text = page.read_text(encoding="utf-8")
    percent = re.search(r"70\s%", text).group(0)  # as the page writes it (a no-break space)
    for written in ("70 por ciento", "70%"):
        page.write_text(text.replace(percent, written, 1), encoding="utf-8")
        assert [f for f in findings(project) if f[0] == "number-parity"] == []


@pytest.mark.parametrize("written, language, values", [
    ("5,289", "en", {"5289"}),
    ("5289", "es", {"5289"}),
    ("5\u202f289", "es", {"5289"}),
    ("52 890", "es", {"52890"}),
    ("5.289", "es", {"5289", "5.289"}),  # Spain's thousands, or Mexico's decimals
    ("3,5", "es", {"3.5"}),
    ("3.5", "en", {"3.5"}),
    ("1,250,000.5", "en", {"1250000.5"}),
    ("1 250 000,5", "es", {"1250000.5"}),
])
def test_a_number_is_read_in_its_languages_conventions(written: str, language: str, values: set[str]):
    assert readings(written, language) == values


@pytest.mark.parametrize("written, better", [
    ("5.289", "5289"), ("5,289", "5289"), ("5 289", "5289"),
    ("52.890", "52\u202f890"), ("1.250.000", "1\u202f250\u202f000"), ("52.890,5", "52\u202f890,5"),
])
def test_spanish_style_follows_asale(written: str, better: str):
    assert spanish_style(written) == better


@pytest.mark.parametrize("written", ["5289", "52\u202f890", "52 890", "3,5", "3.5", "2018", "900"])
def test_spanish_numbers_written_as_asale_asks_pass(written: str):
    assert spanish_style(written) is None


def test_a_note_reference_removed_in_spanish_is_one_error_at_the_sentence_that_lost_it(project: Path):
    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    found = [f for f in findings(project) if f[0] != "anchor-missing"]
    assert found == [("footnote-reference-missing", NOT_SAFE, line_of(project / NOT_SAFE, "funcionarios públicos."), "error")]


def test_the_sources_link_to_the_lost_mark_is_not_a_second_finding(project: Path):
    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    assert [f for f in findings(project) if f[0] == "anchor-missing"] == []


def test_a_missing_mark_id_is_explained_by_the_lost_reference(project: Path):
    from refcheck.checks.footnote_references import explains_missing_anchor

    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    loaded, _ = pipeline.read(project, jobs=1)
    page = loaded.page("es", "not-safe-to-wait.md")
    assert explains_missing_anchor(loaded, page, "fnref:3") and explains_missing_anchor(loaded, page, "fnref2:3")
    assert not explains_missing_anchor(loaded, page, "fnref:9") and not explains_missing_anchor(loaded, page, "fn:3")


def test_the_lost_reference_message_names_the_note_and_the_english_line(project: Path):
    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    found = [f for f in pipeline.run(project, jobs=1).findings if f.rule == "footnote-reference-missing"]
    assert "[^3]" in found[0].message and "docs/en/not-safe-to-wait.md:" in found[0].message


def test_a_note_without_reference_on_the_english_page_is_still_unused(project: Path):
    page = project / "docs/en/not-safe-to-wait.md"
    edit(page, "officials.[^3]", "officials.")
    rules = [f[0] for f in findings(project)]
    assert "footnote-unused" in rules and "footnote-reference-missing" not in rules


def test_with_the_rule_off_the_note_is_reported_unused_again(project: Path):
    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    edit(project / "mkdocs.yml", "      untranslated-text: error\n", "      untranslated-text: error\n      footnote-reference-missing: off\n")
    assert "footnote-unused" in [f[0] for f in findings(project)]


def test_a_lost_reference_is_placed_at_its_sentence_when_the_run_reads_no_page_text(project: Path):
    """With only rules that need no text (a project without the translation workflow), the two pages
    are read again with their text to find the sentence (refcheck.project.Project.text_facts)."""
    from refcheck import registry

    edit(project / NOT_SAFE, "funcionarios públicos.[^3]", "funcionarios públicos.")
    needing_text = [rule.id for family in registry.source_families() for rule in family.rules
                    if rule.id not in pipeline.WITHOUT_TEXT]
    result = pipeline.run(project, jobs=1, disabled=needing_text)
    assert result.project.read_options.text is False
    found = [(f.rule, f.file, f.line) for f in result.findings if f.rule == "footnote-reference-missing"]
    assert found == [("footnote-reference-missing", NOT_SAFE, line_of(project / NOT_SAFE, "funcionarios públicos."))]


PERCENT_LINE = "2016 México detuvo en centros de detención migratoria a casi el 70\u00a0% de las niñas"


@pytest.mark.parametrize("written", ["70%", "70 %"])
def test_a_spanish_percentage_without_a_no_break_space_is_a_style_finding_at_its_number(project: Path, written: str):
    page = project / "docs/es/mexico-lacks-capacity.md"
    edit(page, PERCENT_LINE, PERCENT_LINE.replace("70\u00a0%", written))
    line = line_of(page, "migratoria a casi el 70")
    assert [f for f in findings(project) if f[0] in ("number-style", "number-parity")] == [
        ("number-style", "docs/es/mexico-lacks-capacity.md", line, "warning")]


@pytest.mark.parametrize("after, wrong", [
    ("%", "70%"), (" % de", "70 %"), ("\u2009%", "70\u2009%"),
])
def test_spanish_percentages_follow_asale(after: str, wrong: str):
    assert percent_style("70", after) == (wrong, "70\u00a0%")


@pytest.mark.parametrize("after", ["\u00a0% de", "\u202f%", "&nbsp;%", " por ciento de", " personas", " porcentaje"])
def test_a_percentage_with_a_no_break_space_and_other_numbers_pass(after: str):
    assert percent_style("70", after) is None


def test_the_percentage_message_says_what_to_type(project: Path):
    edit(project / "docs/es/mexico-lacks-capacity.md", PERCENT_LINE, PERCENT_LINE.replace("70\u00a0%", "70%"))
    message = next(f.message for f in pipeline.run(project, jobs=1).findings if f.rule == "number-style")
    assert "“70%”" in message and "U+00A0" in message and "&nbsp;" in message
