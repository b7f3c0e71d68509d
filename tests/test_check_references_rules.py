"""Every source rule: a fixture that fails (rule, file and line) and the fixture that passes,
in both static-i18n layouts (folder and suffix), with three languages (en, es, fr)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from refcheck import registry
from refcheck.checks import footnotes, links, nav, parity, references, sources, unsafe
from refcheck.findings import Severity
from refcheck_support import LAYOUTS, Edit, copy_fixture, layout_path, line_of, source_findings

MODULES = (footnotes, links, nav, parity, references, sources, unsafe)
MY_RULES = {rule.id for module in MODULES for rule in module.RULES}


@dataclass(frozen=True)
class Fault:
    rule: str
    edits: tuple[Edit, ...]
    file: str  # where the finding must point (folder-layout path)
    needle: str | None  # the line holding this text is the expected line; None: line 1
    layouts: tuple[str, ...] = LAYOUTS
    message: str = ""  # a piece of the message that must be there
    extra: dict = field(default_factory=dict)


EN_INDEX, ES_INDEX, FR_INDEX = "docs/en/index.md", "docs/es/index.md", "docs/fr/index.md"
EN_REPORT, ES_REPORT, FR_REPORT = "docs/en/report.md", "docs/es/report.md", "docs/fr/report.md"

FAULTS = [
    Fault("link-broken", (Edit(EN_INDEX, "(report.md#findings)", "(reprt.md#findings)"),), EN_INDEX, "reprt.md",
          message="did you mean `report.md`"),
    Fault("link-broken", (Edit(ES_INDEX, "(img/map.png)", "(img/mapa.png)"),), ES_INDEX, "img/mapa.png"),
    Fault("link-outside-docs", (Edit(EN_REPORT, "Back to", "See the [licence](../../../LICENSE). Back to"),), EN_REPORT, "LICENSE"),
    Fault("anchor-missing", (Edit(EN_INDEX, "report.md#findings", "report.md#findngs"),), EN_INDEX, "#findngs",
          message="did you mean `findings`"),
    Fault("anchor-missing", (Edit(FR_INDEX, "report.md#le-tableau", "report.md#the-table"),), FR_INDEX, "#the-table"),
    Fault("anchor-missing", (Edit(EN_REPORT, "Back to", "Up to [findings](#findngs). Back to"),), EN_REPORT, "#findngs",
          message="this page"),
    Fault("footnote-undefined", (Edit(ES_INDEX, "2017.[^1]", "2017.[^7]"),), ES_INDEX, "[^7]"),
    Fault("footnote-undefined", (Edit(ES_INDEX, "\n[^1]: Example Org, [Informe](https://example.org/report) (2017).\n", "\n"),),
          ES_INDEX, "2017.[^1]", message='defined on the English page as "Example Org, Report (2017)."'),
    Fault("footnote-unused", (Edit(EN_REPORT, "closed.[^2]", "closed."),), EN_REPORT, "[^2]:"),
    Fault("footnote-duplicate", (Edit(FR_REPORT, "[^2]: Example", "[^2]: Autre, <https://example.org/data>.\n[^2]: Example"),),
          FR_REPORT, "[^2]: Example"),
    Fault("footnote-empty", (Edit(EN_REPORT, "[^2]: Example Org, <https://example.org/data>.", "[^2]:"),), EN_REPORT, "[^2]:"),
    Fault("footnote-no-source", (Edit(EN_REPORT, "Example Org, <https://example.org/data>.", "Example Org, data tables."),),
          EN_REPORT, "[^2]:"),
    Fault("reference-undefined", (Edit(FR_INDEX, "[la source][src]", "[la source][scr]"),), FR_INDEX, "[scr]"),
    Fault("reference-unused", (Edit(FR_INDEX, "[la source][src]", "la source"),), FR_INDEX, "[src]:"),
    Fault("nav-missing-file", (Edit("mkdocs.yml", "  - report.md", "  - reports.md"),), "mkdocs.yml", "reports.md"),
    Fault("nav-omitted-page", (Edit("docs/en/annex.md", None, "# Annex\n"),), "docs/en/annex.md", None),
    Fault("translation-missing", (), EN_REPORT, None, extra={"delete": FR_REPORT}, message="no Français translation"),
    Fault("translation-orphan", (Edit("docs/es/old.md", None, "# Viejo\n"),), "docs/es/old.md", None),
    Fault("footnote-parity", (Edit(ES_REPORT, "cerraron.[^2]", "cerraron.[^3]"), Edit(ES_REPORT, "[^2]: Example", "[^3]: Example")),
          ES_REPORT, "cerraron.[^3]"),
    Fault("url-parity", (Edit(FR_INDEX, "https://example.org/report", "https://example.org/rapport"),), FR_INDEX,
          "example.org/rapport"),
    Fault("heading-id-parity", (Edit(ES_REPORT, "{ #findings }", "{ #resultados }"),), ES_REPORT, "#resultados"),
    Fault("number-parity", (Edit(ES_INDEX, "5.289 casos", "5.298 casos"),), ES_INDEX, "5.298"),
    Fault("number-parity", (Edit(ES_REPORT, "70 %", "17 %"),), ES_REPORT, "17 %"),
    Fault("link-to-default-language", (Edit(ES_INDEX, "(report.md#findings)", "(../en/report.md#findings)"),), ES_INDEX,
          "../en/report.md", layouts=("folder",)),
    Fault("unsafe-html", (Edit(EN_REPORT, "## The table", '<script src="https://example.org/x.js"></script>\n\n## The table'),),
          EN_REPORT, "<script"),
    Fault("unsafe-html", (Edit(ES_REPORT, "## La tabla", '<iframe src="https://example.org/"></iframe>\n\n## La tabla'),),
          ES_REPORT, "<iframe"),
    Fault("unsafe-event-handler", (Edit(FR_REPORT, "Retour", '<img src="img/map.png" alt="" onerror="alert(1)"> Retour'),),
          FR_REPORT, "onerror"),
    Fault("unsafe-javascript-url", (Edit(EN_REPORT, "Back to", "[Click](javascript:alert(1)). Back to"),), EN_REPORT, "javascript:"),
    Fault("insecure-http-link", (Edit(EN_REPORT, "Back to", "See <http://example.org/plain>. Back to"),), EN_REPORT, "http://"),
    # What Python-Markdown publishes and the checker's own reader does not see: code after an unclosed fence.
    Fault("unsafe-html", (Edit(EN_REPORT, "Back to", "```\n\n<script>alert(1)</script>\n\nBack to"),), EN_REPORT, "<script>"),
    Fault("unsafe-event-handler", (Edit(ES_REPORT, "## La tabla", "## La tabla { #la-tabla onmouseover=\"alert(1)\" }"),),
          ES_REPORT, "onmouseover"),
    Fault("page-limits", (Edit(FR_REPORT, "Retour", "> " * 25 + "Retour"),), FR_REPORT, "> > >", message="25 levels"),
    Fault("markup-not-allowed", (Edit(EN_REPORT, "Back to", '[x](https://example.org/){ href="https://example.net/" } Back to'),),
          EN_REPORT, "example.net", message="not `href`"),
    Fault("bidi-control", (Edit(FR_REPORT, "Retour", "\u202e70 Retour"),), FR_REPORT, "\u202e", message="U+202E"),
    Fault("source-not-utf8", (Edit("docs/en/annex.md", None, b"# Annex\n\nCaf\xe9 society.\n"),), "docs/en/annex.md", "Caf"),
]


def _fault_id(fault: Fault) -> str:
    return fault.rule


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_clean_fixture_reports_nothing_from_the_source_rules(layout: str, tmp_path: Path) -> None:
    root = copy_fixture(layout, tmp_path)
    assert [f for f in source_findings(root, MODULES) if f.rule in MY_RULES] == []


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fault", FAULTS, ids=_fault_id)
def test_each_fault_is_reported_at_its_file_and_line(fault: Fault, layout: str, tmp_path: Path) -> None:
    if layout not in fault.layouts:
        pytest.skip(f"{fault.rule} has no {layout}-layout form")
    root = copy_fixture(layout, tmp_path)
    for edit in fault.edits:
        edit.apply(root, layout)
    if "delete" in fault.extra:
        (root / layout_path(layout, fault.extra["delete"])).unlink()
    expected_file = layout_path(layout, fault.file)
    expected_line = line_of(root / expected_file, fault.needle) if fault.needle else 1
    found = [f for f in source_findings(root, MODULES) if f.rule == fault.rule]
    assert found, f"{fault.rule} not reported"
    places = [(f.file, f.line) for f in found]
    assert (expected_file, expected_line) in places, places
    if fault.message:
        assert any(fault.message in f.message for f in found), [f.message for f in found]


def test_every_source_rule_has_a_failing_fixture() -> None:
    covered = {fault.rule for fault in FAULTS} | {"source-symlink-loop"}  # the loop: see the bad-input tests
    assert MY_RULES <= covered, MY_RULES - covered


def test_a_missing_translation_falls_back_to_the_default_language_without_broken_links(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    (root / FR_REPORT).unlink()
    # fr/index.md links report.md#le-tableau: with the English fallback page the id is the-table.
    Edit(FR_INDEX, "report.md#le-tableau", "report.md#the-table").apply(root, "folder")
    rules = {f.rule for f in source_findings(root, MODULES) if f.rule in MY_RULES}
    assert rules == {"translation-missing"}


def test_severity_is_the_rule_default() -> None:
    by_id = {rule.id: rule for rule in registry.all_rules()}
    assert by_id["link-broken"].severity is Severity.ERROR
    assert by_id["insecure-http-link"].severity is Severity.WARNING


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_in_docs_is_reported_not_followed_forever(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    os.symlink("..", root / "docs" / "en" / "again")
    found = [f for f in source_findings(root, MODULES) if f.rule == "source-symlink-loop"]
    assert [f.file for f in found] == ["docs/en/again"]
