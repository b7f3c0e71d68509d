"""A translation keeps its original's shape, and a page that renders silently wrong is an error.

Each structure kind and each Markdown slip has a fixture that fails (the rule, at the translation's
line) and one that passes, on a copy of this site; the same findings stop `check`, `mkdocs build
--strict` and the preview's hook, in Spanish under LANG=es_*.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from refcheck.checks import footnotes, parity, structure
from refcheck_support import source_findings
from translation_support import ROOT, build, copy_project, edit, line_of

ES_ABOUT, EN_ABOUT = "docs/es/about.md", "docs/en/about.md"
ES_SOURCES, EN_SOURCES = "docs/es/sources.md", "docs/en/sources.md"
ES_WAIT, EN_WAIT = "docs/es/not-safe-to-wait.md", "docs/en/not-safe-to-wait.md"
ES_DUE, EN_DUE = "docs/es/due-process.md", "docs/en/due-process.md"
RULES = {rule.id for rule in structure.RULES}

TABLE_EN = "\n\n| Year | Cases |\n| --- | --- |\n| 2017 | 5,289 |\n"
TABLE_ES = "\n\n| Año | Casos |\n| --- | --- |\n| 2017 | 5289 |\n"
TABLE_ES_WIDER = "\n\n| Año | Casos | Nota |\n| --- | --- | --- |\n| 2017 | 5289 | [^2] |\n"
CODE = "\n\n```\npython3 scripts/site.py check\n```\n"
IMAGE_EN = "\n\n![Map](map.png)\n"
IMAGE_ES = "\n\n![Mapa](map.png)\n"
END_EN = END_ES = "<!-- citation:downloads -->"


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[tuple[str, str, str], ...]  # (file, old, new)
    rule: str = ""  # "": the edits must pass
    file: str = ""
    needle: str = ""  # the reported line holds this text (after the edits)
    message: str = ""


def _same(file_en: str, file_es: str, old_en: str, new_en: str, old_es: str, new_es: str) -> tuple:
    return ((file_en, old_en, new_en), (file_es, old_es, new_es))


FAILING = [
    Case("heading level", ((ES_ABOUT, "## El informe", "### El informe"),), "structure-parity", ES_ABOUT, "### El informe",
         "level-3 heading"),
    Case("paragraph split", ((ES_DUE, "debido proceso. La detención", "debido proceso.\n\nLa detención"),),
         "structure-parity", ES_DUE, "La detención, incluso", "a paragraph here is not in the English page"),
    Case("paragraphs joined", ((ES_DUE, "muerte.\n\nEstados Unidos no debe", "muerte. Estados Unidos no debe"),),
         "structure-parity", ES_DUE, "Esta propuesta de política", "joins two"),
    Case("list items", ((ES_ABOUT, "\n- **Publicado por:**", " **Publicado por:**"),), "structure-parity", ES_ABOUT,
         "**Título:**", "a bulleted list of 3 items here, where the English page has a bulleted list of 4 items"),
    Case("admonition kind", ((ES_SOURCES, '!!! info "Añadido', '!!! note "Añadido'),), "structure-parity", ES_SOURCES,
         '!!! note "Añadido', "“note”"),
    Case("admonition title", ((ES_SOURCES, '!!! info "Añadido por esta edición"', '!!! info ""'),), "structure-parity",
         ES_SOURCES, '!!! info ""', "without a title"),
    Case("note paragraphs", ((ES_WAIT, "(2017), p. 35.", "(2017), p. 35.\n\n    Véase también la nota 3."),),
         "structure-parity", ES_WAIT, "[^4]:", "note [^4] has 2 paragraphs here and 1"),
    Case("note addresses", ((ES_WAIT, "[^3]: [*Dangerous Territory*{ lang=en }](https://humanrightsfirst.org/library/"
                                      "dangerous-territory-mexico-still-not-safe-for-refugees/)",
                             "[^3]: [*Dangerous Territory*{ lang=en }](https://supportkind.org/resources/childhood-cut-short/)"),),
         "structure-parity", ES_WAIT, "[^3]:", "each address belongs in the note that cites it"),
    Case("table", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + TABLE_EN, END_ES, END_ES + TABLE_ES_WIDER),
         "structure-parity", ES_ABOUT, "| Año |", "2 rows and 3 columns"),
    Case("code block", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + CODE, END_ES, END_ES + CODE.replace("```\n", "", 2)),
         "structure-parity", ES_ABOUT, "python3 scripts/site.py check", "where the English page has a code block"),
    Case("block quote", ((ES_ABOUT, "> Para cualquier consulta", "Para cualquier consulta"),), "structure-parity", ES_ABOUT,
         "Para cualquier consulta", "where the English page has a block quote"),
    Case("image", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + IMAGE_EN, END_ES, END_ES + "\n\nMapa.\n"),
         "structure-parity", ES_ABOUT, "Mapa.", "with 1 image"),
    Case("admonition title quote", ((ES_SOURCES, '!!! info "Añadido por esta edición"', '!!! info "Añadido por esta edición'),),
         "admonition-as-text", ES_SOURCES, "!!! info", "never closes"),
    Case("admonition body", ((ES_SOURCES, "\n\n    Esta lista no forma parte", "\nEsta lista no forma parte"),),
         "admonition-empty", ES_SOURCES, "!!! info", "indent the text"),
    Case("note continuation", ((ES_WAIT, "[^3]: [*Dangerous", "[^3]: Véase:\n\n  [*Dangerous"),), "footnote-continuation",
         ES_WAIT, "[*Dangerous Territory*{", "left note [^3]"),
    Case("unclosed element", ((ES_ABOUT, "Untenable Proposal</span>", "Untenable Proposal"),), "inline-unclosed", ES_ABOUT,
         '<span lang="en">Remain', "add `</span>`"),
    Case("unclosed marker", ((ES_ABOUT, "restaurado por esta edición^^", "restaurado por esta edición"),), "inline-unclosed",
         ES_ABOUT, "^^restaurado", "`^^`"),
    Case("unclosed marker in an original", ((EN_ABOUT, "restored by this edition^^", "restored by this edition"),),
         "inline-unclosed", EN_ABOUT, "^^restored", "`^^`"),
    Case("an admonition body after a blank line, unindented", ((ES_SOURCES, "\n\n    Esta lista no forma parte", "\n\nEsta lista no forma parte"),),
         "structure-parity", ES_SOURCES, "!!! info", "an empty “info” admonition here"),
]
PASSING = [
    Case("the brief as published", ()),
    Case("a table kept", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + TABLE_EN, END_ES, END_ES + TABLE_ES)),
    Case("a code block kept", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + CODE, END_ES, END_ES + CODE)),
    Case("an image kept", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + IMAGE_EN, END_ES, END_ES + IMAGE_ES)),
    Case("a note continued by 4 spaces", _same(EN_WAIT, ES_WAIT, "(2017), at 35.", "(2017), at 35.\n\n    See also note 3.",
                                               "(2017), p. 35.", "(2017), p. 35.\n\n    Véase también la nota 3.")),
    Case("markers and elements closed, and in code", ((ES_ABOUT, "El informe termina", "`^^` y `<span>` El informe termina"),)),
    Case("a title-only admonition in both", _same(EN_ABOUT, ES_ABOUT, END_EN, END_EN + '\n\n!!! note "Short"\n\nText.\n',
                                                  END_ES, END_ES + '\n\n!!! note "Breve"\n\nTexto.\n')),
    Case("a paragraph rewrapped", ((ES_DUE, "barreras considerables al debido proceso. La detención",
                                    "barreras considerables\nal debido proceso. La detención"),)),
]


def apply(root: Path, case: Case) -> None:
    for file, old, new in case.edits:
        edit(root / file, old, new)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.parametrize("case", FAILING, ids=lambda case: case.name)
def test_each_broken_structure_is_an_error_at_the_translation_s_line(case: Case, site: Path) -> None:
    apply(site, case)
    found = [f for f in source_findings(site, (structure,)) if f.rule in RULES]
    line = line_of(site / case.file, case.needle)
    assert [(f.rule, f.file, f.line) for f in found] == [(case.rule, case.file, line)], found
    assert found[0].severity.value == "error" and case.message in found[0].message, found[0].message


@pytest.mark.parametrize("case", PASSING, ids=lambda case: case.name)
def test_a_translation_that_keeps_the_shape_passes(case: Case, site: Path) -> None:
    apply(site, case)
    assert [f for f in source_findings(site, (structure,)) if f.rule in RULES] == []


def test_the_brief_s_own_pages_have_no_structure_finding() -> None:
    assert [f for f in source_findings(ROOT, (structure,)) if f.rule in RULES] == []


# -- findings at the right place ------------------------------------------------------------------
def test_a_changed_heading_id_is_one_finding_at_the_heading(site: Path) -> None:
    edit(site / ES_ABOUT, "## El informe { #the-brief }", "## El informe { #el-informe }")
    found = [f for f in source_findings(site, (parity,)) if f.rule == "heading-id-parity"]
    assert [(f.file, f.line) for f in found] == [(ES_ABOUT, line_of(site / ES_ABOUT, "## El informe"))]
    assert "`{ #the-brief }`" in found[0].message


def test_a_deleted_heading_id_is_reported_at_the_heading(site: Path) -> None:
    edit(site / ES_ABOUT, "## El informe { #the-brief }", "## El informe")
    found = [f for f in source_findings(site, (parity,)) if f.rule == "heading-id-parity"]
    assert [(f.file, f.line) for f in found] == [(ES_ABOUT, line_of(site / ES_ABOUT, "## El informe"))]


def test_a_note_reference_the_original_lacks_is_one_finding_advising_to_remove_it(site: Path) -> None:
    edit(site / ES_WAIT, "por migrar.[^4]", "por migrar.[^4][^7]")
    found = [f for f in source_findings(site, (footnotes, parity)) if "[^7]" in f.message]
    assert len(found) == 1 and found[0].rule == "footnote-undefined", found
    assert "remove this reference" in found[0].message and "[^7]:" not in found[0].message


# -- every path that runs the checker's source rules ---------------------------------------------
# Sections appended to one page pair for the paths' tests: each kind, once kept and once broken.
KINDS = (  # (English, Spanish kept, Spanish broken, the broken line's text)
    ("| A | B |\n| --- | --- |\n| x | y |", "| A | B |\n| --- | --- |\n| x | y |", "| A | B | C |\n| --- | --- | --- |\n| x | y | z |", "| A | B | C |"),
    ("```\nmake\n```", "```\nmake\n```", "make todo", "make todo"),
    ("![Map](map.png)", "![Mapa](map.png)", "Mapa sin imagen.", "Mapa sin imagen."),
    ("> Quoted.", "> Citado.", "Citado sin cita.", "Citado sin cita."),
    ("- one\n- two", "- uno\n- dos", "- uno dos", "- uno dos"),
    ('!!! note "Note"\n    Body.', '!!! note "Nota"\n    Cuerpo.', '!!! warning "Nota"\n    Cuerpo.', '!!! warning "Nota"'),
)
EN_MEXICO, ES_MEXICO = "docs/en/mexico-lacks-capacity.md", "docs/es/mexico-lacks-capacity.md"


def _appended(blocks: list[str]) -> str:
    return "".join(f"\n\n## Parte {number} {{ #part-{number} }}\n\n{block}" for number, block in enumerate(blocks)) + "\n"


def broken(site: Path) -> list[tuple[str, str, int]]:
    """Each slip, and a break of each structure kind, in the copy: (rule, file, line) every path must report."""
    cases = (FAILING[0], FAILING[1], FAILING[12], FAILING[14], FAILING[15])
    for case in cases:
        apply(site, case)
    for file, blocks in ((EN_MEXICO, [k[0] for k in KINDS] * 2), (ES_MEXICO, [k[1] for k in KINDS] + [k[2] for k in KINDS])):
        with (site / file).open("a", encoding="utf-8") as page:
            page.write(_appended(blocks))
    expected = [(case.rule, case.file, line_of(site / case.file, case.needle)) for case in cases]
    return expected + [("structure-parity", ES_MEXICO, line_of(site / ES_MEXICO, kind[3])) for kind in KINDS]


def test_check_exits_1_and_speaks_spanish_under_lang_es(site: Path) -> None:
    expected = broken(site)
    env = {**os.environ, "LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run([sys.executable, str(site / "scripts" / "site.py"), "check"], cwd=site, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    for rule, file, line in expected:
        assert any(f"{file}:{line}" in row and rule in row and "error" in row for row in done.stdout.splitlines()), (rule, done.stdout)
    assert "nunca se cierra" in done.stdout and "dejó la nota [^3]" in done.stdout


def test_the_strict_build_fails_on_each(site: Path, tmp_path: Path) -> None:
    expected = broken(site)
    done = build(site, tmp_path / "built")
    assert done.returncode != 0
    for rule, file, line in expected:
        assert any(f"{file}:{line}" in row and rule in row for row in done.stderr.splitlines() if "ERROR" in row), rule


def test_the_preview_hook_reports_each_in_spanish(site: Path) -> None:
    expected = broken(site)
    spec = importlib.util.spec_from_file_location("reference_check_hook", ROOT / "overrides" / "hooks" / "reference_check.py")
    hook = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(hook)
    os.environ["REFCHECK_CACHE"] = "off"
    try:
        found = hook._check(site, "es")
    finally:
        del os.environ["REFCHECK_CACHE"]
        from refcheck import uitext
        uitext.use("en")
    places = {(f.rule, f.file, f.line) for f in found if f.severity.value == "error"}
    assert set(expected) <= places
    # The kinds kept as the original has them (the first six appended parts) give nothing.
    assert {(f.rule, f.file, f.line) for f in found if f.rule in RULES} == set(expected)
    assert any("nunca se cierra" in f.message for f in found)


def test_a_commit_of_a_broken_page_is_stopped_by_the_pre_commit_hook(site: Path) -> None:
    for name in (".pre-commit-config.yaml", "scripts/supplychain/pre-commit.txt"):
        shutil.copy(ROOT / name, site / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["git", "init", "-q"], ["git", "add", "-A"], [*git, "commit", "-q", "-m", "start"]):
        subprocess.run(command, cwd=site, check=True, capture_output=True)
    installed = subprocess.run([sys.executable, "scripts/site.py", "install-hooks"], cwd=site, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    apply(site, FAILING[12])
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    commit = subprocess.run([*git, "commit", "-m", "broken"], cwd=site, capture_output=True, text=True)
    assert commit.returncode != 0 and "admonition-as-text" in commit.stdout + commit.stderr


# -- precision on real projects (tests/fixtures/corpora, labelled in labels.json) -----------------
@pytest.mark.parametrize("project", ["owasp-top10-2025", "mkdocs-static-i18n-docs"])
def test_on_real_projects_every_structure_finding_is_a_labelled_true_one_page_by_page(project: str) -> None:
    corpora = ROOT / "tests" / "fixtures" / "corpora"
    labels = json.loads((corpora / "labels.json").read_text(encoding="utf-8"))["labels"]
    expected: dict[str, list[int]] = {}
    for label in labels:
        if label["project"] == project and label["rule"] in RULES:
            assert label["true"], label
            expected.setdefault(label["file"], []).append(label["line"])
    found: dict[str, list[int]] = {}
    for finding in source_findings(corpora / project, (structure,)):
        if finding.rule in RULES:
            found.setdefault(finding.file, []).append(finding.line or 0)
    assert {file: sorted(lines) for file, lines in found.items()} == {file: sorted(lines) for file, lines in expected.items()}


# -- generated input: any mix of blocks and slips is read without a traceback, findings in the file --
PIECES = ("# T", "## S { #s }", "para text", "- a\n- b", "1. x\n2. y", "> quote", '!!! note "T"\n    body', '!!! note "T',
          "!!! warning\nbody", "```\ncode\n```", "    indented code", "| a | b |\n|---|---|\n| 1 | 2 |", "![i](x.png)",
          "text[^1]", "[^1]: note\n\n  cont", "[^1]: note\n\n    cont", '<span lang="en">x', "^^open", "x^^", "<div>\n<div>",
          "</div>", "<b>bold", "</b>", "***", "<details><summary>s</summary>", "???+ note", "`<span>`", "==x", "~~x",
          "<em>" * 50, "<div>" * 300, "- " * 15 + "deep", "> " * 15 + "deep")
EXTENSIONS = ("admonition", "pymdownx.details", "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "md_in_html",
              "pymdownx.superfences")


@pytest.mark.parametrize("seed", range(12))
def test_generated_pages_are_read_without_a_traceback_and_findings_stand_in_their_files(seed: int, tmp_path: Path) -> None:
    import random

    from refcheck_support import copy_fixture

    rng = random.Random(seed)
    root = copy_fixture("folder", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - footnotes\n", "  - footnotes\n" + "".join(f"  - {name}\n" for name in EXTENSIONS)), encoding="utf-8")
    for language in ("en", "es", "fr"):
        page = root / "docs" / language / "report.md"
        page.write_text("\n\n".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) + "\n", encoding="utf-8")
    for finding in source_findings(root, (structure,)):
        lines = (root / finding.file).read_text(encoding="utf-8").count("\n") + 1
        assert finding.rule in RULES and 1 <= (finding.line or 0) <= lines, finding


def test_a_page_mkdocs_macros_computes_in_part_is_not_compared() -> None:
    classes = ROOT / "tests" / "fixtures" / "refcheck" / "realworld" / "folder-classes"  # {% include %}, {% if %}
    assert [f for f in source_findings(classes, (structure,)) if f.rule in RULES] == []


def test_a_slip_in_the_original_is_reported_there_and_not_as_the_translation_s_divergence(site: Path) -> None:
    edit(site / EN_SOURCES, '!!! info "Added by this edition"', '!!! info "Added by this edition')
    found = [(f.rule, f.file) for f in source_findings(site, (structure,)) if f.rule in RULES]
    assert found == [("admonition-as-text", EN_SOURCES)]
