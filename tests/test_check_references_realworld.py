"""The checker on projects it has never seen: two real ones (tests/fixtures/corpora, labelled) and
projects made to reproduce each class of false finding of issue 11 (tests/fixtures/refcheck/realworld)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck import cache as refcheck_cache
from refcheck import project as project_module
from refcheck import registry
from refcheck.findings import REFERENCE
from refcheck.findings import Severity
from refcheck.project import load_project
from refcheck_support import ROOT, findings, run_cli

CORPORA = ROOT / "tests" / "fixtures" / "corpora"
LABELS = json.loads((CORPORA / "labels.json").read_text(encoding="utf-8"))["labels"]
REALWORLD = ROOT / "tests" / "fixtures" / "refcheck" / "realworld"
CLASSES = REALWORLD / "folder-classes"
OLD_CONFIG = REALWORLD / "suffix-0x"


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def label_of(project: str, scope: str, rule: str, file: str, line: int | None) -> dict | None:
    for label in LABELS:
        if (label["project"], label["scope"], label["rule"], label["file"], label["line"]) == (project, scope, rule, file, line):
            return label
    return None


# -- the labelled corpus ---------------------------------------------------------------------------
@pytest.mark.parametrize("project", ["owasp-top10-2025", "mkdocs-static-i18n-docs"])
def test_every_source_finding_on_a_real_project_is_labelled_true(project: str) -> None:
    reported = [f for f in findings(CORPORA / project, cache_dir=None) if f.severity is not Severity.INFO]
    assert reported, "the corpus has real defects: a checker that finds none is broken"
    for finding in reported:
        label = label_of(project, "source", finding.rule, finding.file, finding.line)
        assert label is not None, f"unlabelled finding {finding}: read the page and label it in labels.json"
        assert label["true"], f"false finding again: {finding} ({label['reason']})"


def test_the_corpus_labels_record_the_false_errors_the_old_checker_made() -> None:
    false = [label for label in LABELS if not label["true"]]
    assert {label["rule"] for label in false} == {"nav-missing-file", "nav-omitted-page", "heading-id-parity"}


def test_the_static_i18n_documentation_site_check_reports_only_labelled_true_findings(tmp_path: Path) -> None:
    project = copy(CORPORA / "mkdocs-static-i18n-docs", tmp_path)
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=project,
                           capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr
    done = run_cli("--root", str(project), "--site-dir", str(site), "--no-cache", "--format", "json")
    for finding in json.loads(done.stdout):
        file = finding["file"].replace(f"{site}/", "")
        label = label_of("mkdocs-static-i18n-docs", "site" if finding["rule"].startswith("site-") else "source",
                         finding["rule"], file, finding["line"])
        assert label is not None and label["true"], finding


# -- one project with every class of issue 11 -----------------------------------------------------
def test_a_project_with_every_class_reports_only_its_two_real_defects() -> None:
    errors = {(f.file, f.line, f.rule) for f in findings(CLASSES, cache_dir=None) if f.severity is Severity.ERROR}
    assert errors == {("docs/en/guide.md", 5, "link-broken"), ("docs/en/guide.md", 7, "link-broken")}


def test_a_link_with_a_space_in_its_target_is_reported() -> None:
    found = [f for f in findings(CLASSES, cache_dir=None) if f.line == 5 and f.file == "docs/en/guide.md"]
    assert found and "`Coming Soon`" in found[0].message and "space" in found[0].message


def test_a_raw_html_image_is_resolved_against_the_page_address() -> None:
    found = [f for f in findings(CLASSES, cache_dir=None) if f.line == 7 and f.file == "docs/en/guide.md"]
    assert found and "/guide/img/logo.png" in found[0].message


def test_nav_entries_that_start_with_the_language_folder_name_their_pages() -> None:
    rules = {f.rule for f in findings(CLASSES, cache_dir=None)}
    assert not rules & {"nav-missing-file", "nav-omitted-page"}


def test_inherit_is_followed_and_merged() -> None:
    project = load_project(CLASSES)
    assert project.structure == "folder" and project.locales == ("en", "es", "ja")
    assert project.site_url == "https://example.org/Top10/2021/"


def test_an_include_gives_the_page_the_included_headings() -> None:
    page = load_project(CLASSES).page("en", "guide.md")
    assert page is not None and "included-section" in page.facts.ids


def test_template_expressions_make_no_links_or_headings() -> None:
    page = load_project(CLASSES).page("en", "index.md")
    assert page is not None
    assert all("product" not in link.url and "%EE%80%80" not in link.url for link in page.facts.links)
    assert not page.facts.ids_complete  # its title is computed: its id is the plugin's to know


def test_an_include_from_outside_the_project_is_never_read(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path / "in")
    secret = tmp_path / "secret.md"
    secret.write_text("## Secret heading\n", encoding="utf-8")
    (root / "docs/en/widget.md").write_text('# Widget\n\n{% include "../../secret.md" %}\n', encoding="utf-8")
    page = load_project(root).page("en", "widget.md")
    assert page is not None and "secret-heading" not in page.facts.ids and not page.facts.ids_complete


def test_static_i18n_0x_settings_are_read_with_every_language() -> None:
    project = load_project(OLD_CONFIG)
    assert project.locales == ("en", "ja") and project.default_language == "en"
    assert project.page("ja", "yamlpatch.md") is not None
    assert findings(OLD_CONFIG, cache_dir=None) == []


def test_static_i18n_0x_settings_without_a_default_language_exit_2_saying_why(tmp_path: Path) -> None:
    root = copy(OLD_CONFIG, tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      default_language: en\n", ""), encoding="utf-8")
    done = run_cli("--root", str(root), "--no-cache")
    assert done.returncode == 2 and "default_language" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("inherit", ["../outside.yml", "mkdocs.yml"])
def test_inherit_outside_the_project_or_round_a_loop_is_an_error_and_not_followed(inherit: str, tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path)
    (tmp_path / "outside.yml").write_text("site_name: elsewhere\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("INHERIT: base.yml", f"INHERIT: {inherit}"), encoding="utf-8")
    done = run_cli("--root", str(root), "--no-cache")
    assert done.returncode == 1 and "config-inherit" in done.stdout and "INHERIT" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_directory_url_page_may_link_to_its_own_anchor_with_dot_slash() -> None:
    wrong = [f for f in findings(CLASSES, cache_dir=None) if "./#details" in f.message]
    assert wrong == []


# -- defaults a maintainer acts on ------------------------------------------------------------------
def test_a_project_that_never_configured_the_checker_runs_only_the_reference_rules() -> None:
    others = {rule.id for rule in registry.all_rules() if rule.group != REFERENCE}
    for project in (CLASSES, CORPORA / "owasp-top10-2025"):
        assert not {f.rule for f in findings(project, cache_dir=None)} & others


def turn_on_workflow(root: Path, text: str = "extra:\n  refcheck:\n    translation_workflow: {}\n") -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("extra:\n", text, 1), encoding="utf-8")


def test_workflow_messages_name_only_the_project_s_own_commands(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path)
    turn_on_workflow(root, "extra:\n  refcheck:\n    translation_workflow: {mark_translated: 'make mark FILE={file}'}\n")
    unrecorded = [f for f in findings(root, cache_dir=None) if f.rule == "translation-unrecorded"]
    assert unrecorded and all("make mark FILE=docs/" in f.message for f in unrecorded)
    assert not any("scripts/site.py" in f.message or "translations/spelling" in f.message for f in findings(root, cache_dir=None))


@pytest.mark.skipif(shutil.which("hunspell") is None, reason="hunspell is not installed")
def test_japanese_pages_are_never_checked_with_another_language_s_dictionary(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path)
    turn_on_workflow(root)
    found = findings(root, cache_dir=None)
    assert not [f for f in found if f.rule == "spelling" and f.file.startswith("docs/ja/")]
    notes = [f.message for f in found if f.rule == "spelling-unavailable"]
    assert any("'ja'" in note and "Debian has no hunspell dictionary" in note for note in notes)


@pytest.mark.skipif(shutil.which("hunspell") is None, reason="hunspell is not installed")
def test_decomposed_accents_are_not_misspellings(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path)
    turn_on_workflow(root)
    spanish = [f for f in findings(root, cache_dir=None) if f.rule == "spelling" and f.file == "docs/es/index.md"]
    assert not any(word in f.message for f in spanish for word in ("“ma”", "“informacio”", "“Detalles”"))


# -- the cache -------------------------------------------------------------------------------------
def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def test_the_cache_is_kept_outside_the_checked_project(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path / "project")
    before = files_under(root)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    subprocess.run([sys.executable, str(ROOT / "scripts/check_references.py"), "--root", str(root)], env=env,
                   capture_output=True, timeout=300)
    assert files_under(root) == before
    assert any(path.name == refcheck_cache.FILE for path in files_under(tmp_path / "xdg"))


def test_no_cache_writes_nothing_anywhere(tmp_path: Path) -> None:
    root = copy(CLASSES, tmp_path / "project")
    before = files_under(root)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}
    subprocess.run([sys.executable, str(ROOT / "scripts/check_references.py"), "--root", str(root), "--no-cache"],
                   env=env, capture_output=True, timeout=300)
    assert files_under(root) == before and not files_under(tmp_path / "xdg") and not files_under(tmp_path / "home")


def test_a_recheck_after_editing_one_page_parses_only_that_page(tmp_path: Path, monkeypatch) -> None:
    root = copy(CORPORA / "mkdocs-static-i18n-docs", tmp_path)
    folder = tmp_path / "cache"
    settings = {"site_name": "x"}
    load_project(root, cache=refcheck_cache.Cache.open(folder, settings))
    parsed: list[str] = []
    real = project_module.extract
    monkeypatch.setattr(project_module, "extract", lambda data, file, options: parsed.append(file) or real(data, file, options))
    page = root / "docs/setup/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    project = load_project(root, cache=refcheck_cache.Cache.open(folder, settings))
    assert parsed == ["docs/setup/index.md"]
    assert project.page("en", "setup/index.md").facts.blocks[-1].text == "One more line."


# -- a site built under a path -----------------------------------------------------------------------
def test_this_site_built_under_a_path_has_no_site_error(tmp_path: Path) -> None:
    from sitebuild import build_site

    site = tmp_path / "site"
    build = build_site(site, env={"SITE_URL": "https://example.org/brief/", "REFCHECK_HOOK": "off"})
    assert build.returncode == 0, build.log
    done = run_cli("--site-dir", str(site), "--no-cache")
    assert done.returncode == 0, done.stdout


def test_the_classes_project_built_with_its_plugins_has_only_the_two_defects_in_its_site(tmp_path: Path) -> None:
    project = copy(CLASSES, tmp_path)
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                           cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr  # strict: MkDocs itself sees nothing wrong
    done = run_cli("--root", str(project), "--site-dir", str(site), "--no-cache", "--format", "json")
    errors = {(f["file"], f["line"], f["rule"]) for f in json.loads(done.stdout) if f["severity"] == "error"}
    assert errors == {("docs/en/guide.md", 5, "link-broken"), ("docs/en/guide.md", 5, "site-link-broken"),
                      ("docs/en/guide.md", 7, "link-broken"), ("docs/en/guide.md", 7, "site-link-broken")}


def test_pages_are_read_without_their_text_only_when_no_rule_of_the_run_reads_it(tmp_path: Path) -> None:
    from refcheck import pipeline

    # footnote-reference-missing aligns paragraphs, so it reads the text: with it off, no rule does.
    lean = copy(CLASSES, tmp_path / "lean")
    turn_on_workflow(lean, "extra:\n  refcheck:\n    severity: {footnote-reference-missing: 'off'}\n")
    project, _ = pipeline.read(lean)
    assert all(not page.facts.prose and not page.facts.numbers for page in project.pages)
    root = copy(CLASSES, tmp_path / "full")
    turn_on_workflow(root)
    project, _ = pipeline.read(root)
    assert any(page.facts.prose for page in project.pages) and any(page.facts.numbers for page in project.pages)
