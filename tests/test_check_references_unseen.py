"""The checker on projects nobody here wrote, read as static-i18n and MkDocs read them: each class
of false finding (and each miss lychee finds on the built site) reproduced in a small project of
our own under tests/fixtures/refcheck/unseen/, with a change that makes it a true finding again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck.findings import Finding, Severity
from refcheck.project import load_project
from refcheck_support import FIXTURES, findings, line_of, run_cli

UNSEEN = FIXTURES / "unseen"
ROOT_DEFAULT = UNSEEN / "root-default"  # folder layout, default language at the docs root
OLD_SUFFIX = UNSEEN / "suffix-0x-en"  # static-i18n 0.x settings, `*.en.md` files
MISSES = UNSEEN / "fallback-misses"  # four defects only the built site shows
EMBEDS = UNSEEN / "embeds"  # slides, video, SVG, pymdownx.slugs: an unconfigured project
LYCHEE = Path(sys.executable).parent / "lychee"
LINK_RULES = {"link-broken", "link-outside-docs", "anchor-missing"}


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def of_rule(found: list[Finding], rule: str, file: str | None = None) -> list[Finding]:
    return [f for f in found if f.rule == rule and (file is None or f.file == file)]


def build(project: Path, site: Path, *, strict: bool) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)] + (["--strict"] if strict else [])
    built = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr


# -- the default language at the docs root (folder layout) -----------------------------------------
def test_files_outside_a_locale_folder_are_the_default_language_s() -> None:
    project = load_project(ROOT_DEFAULT)
    page = project.page("en", "administration/walkthrough.md")
    assert page is not None and page.file == "docs/administration/walkthrough.md"
    assert of_rule(findings(ROOT_DEFAULT, cache_dir=None), "translation-orphan") == []


def test_a_translation_without_its_original_at_the_root_is_still_an_orphan(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    (root / "docs/fr/administration/retired.md").write_text("# Retiré\n", encoding="utf-8")
    orphans = of_rule(findings(root, cache_dir=None), "translation-orphan")
    assert [f.file for f in orphans] == ["docs/fr/administration/retired.md"]


def test_the_root_project_builds_strict_and_the_checker_reports_no_error(tmp_path: Path) -> None:
    build(copy(ROOT_DEFAULT, tmp_path), tmp_path / "site", strict=True)  # MkDocs sees nothing wrong
    errors = [f for f in findings(ROOT_DEFAULT, cache_dir=None) if f.severity is Severity.ERROR]
    assert errors == []


# -- links written relative to the page's address ---------------------------------------------------
def test_a_link_relative_to_the_page_address_that_the_site_serves_is_not_outside_the_docs() -> None:
    found = findings(ROOT_DEFAULT, cache_dir=None)
    assert not [f for f in found if f.rule in LINK_RULES and "administration/setup/" in f.message]


@pytest.mark.parametrize(("written", "rule"), [
    ("../../administration/missing/", "link-broken"),  # inside the site, nothing there
    ("../../../elsewhere/", "link-outside-docs"),  # above the site's root from the page's address
    ("../../administration/setup/#no-such-part", "anchor-missing"),
])
def test_an_address_relative_link_the_site_does_not_serve_is_still_reported(written: str, rule: str, tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    page = root / "docs/administration/walkthrough.md"
    edit(page, "(../../administration/setup/)", f"({written})")
    found = of_rule(findings(root, cache_dir=None), rule, "docs/administration/walkthrough.md")
    assert [f.line for f in found] == [line_of(page, written)]


# -- link definitions as Python-Markdown reads them -------------------------------------------------
def test_a_definition_on_the_line_after_a_paragraph_defines_its_label() -> None:
    found = findings(ROOT_DEFAULT, cache_dir=None)
    assert of_rule(found, "reference-undefined") == []
    assert not [f for f in of_rule(found, "reference-unused") if "[setup]" in f.message]


def test_a_label_nothing_defines_is_still_undefined(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    edit(root / "docs/administration/walkthrough.md", "[setup]: setup.md\n", "")
    found = of_rule(findings(root, cache_dir=None), "reference-undefined", "docs/administration/walkthrough.md")
    assert len(found) == 1 and "[setup]" in found[0].message


def test_the_comment_idiom_is_not_an_unused_definition_but_an_unused_link_is(tmp_path: Path) -> None:
    assert not [f for f in of_rule(findings(ROOT_DEFAULT, cache_dir=None), "reference-unused") if "comment" in f.message]
    root = copy(ROOT_DEFAULT, tmp_path)
    page = root / "docs/administration/walkthrough.md"
    edit(page, "[comment]: #", "[spare]: https://example.org/\n\n[comment]: #")
    unused = of_rule(findings(root, cache_dir=None), "reference-unused", "docs/administration/walkthrough.md")
    assert [(f.line, "[spare]" in f.message) for f in unused] == [(line_of(page, "[spare]:"), True)]


def test_a_reference_used_only_inside_markdown_html_is_used(tmp_path: Path) -> None:
    assert not [f for f in of_rule(findings(ROOT_DEFAULT, cache_dir=None), "reference-unused") if "[admin]" in f.message]
    root = copy(ROOT_DEFAULT, tmp_path)
    edit(root / "docs/administration/walkthrough.md", "<aside markdown>", "<aside>")  # raw HTML: not read
    unused = of_rule(findings(root, cache_dir=None), "reference-unused", "docs/administration/walkthrough.md")
    assert ["[admin]" in f.message for f in unused] == [True]


def test_links_inside_markdown_html_are_checked_at_their_line(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    page = root / "docs/administration/walkthrough.md"
    edit(page, "[admin]: index.md", "[admin]: indx.md")
    broken = of_rule(findings(root, cache_dir=None), "link-broken", "docs/administration/walkthrough.md")
    assert [f.line for f in broken] == [line_of(page, "[administration index][admin]")]


# -- a locale folder mkdocs.yml does not list -------------------------------------------------------
def test_a_folder_of_an_unlisted_language_has_no_link_findings_and_is_named_once() -> None:
    found = findings(ROOT_DEFAULT, cache_dir=None)
    assert not [f for f in found if f.file.startswith("docs/de/") and f.rule in LINK_RULES]
    assert [f.file for f in of_rule(found, "language-folder-unlisted")] == ["docs/de/index.md"]


def test_listing_the_language_makes_its_broken_link_a_finding(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    edit(root / "mkdocs.yml", "        - locale: fr\n", "        - locale: de\n          name: Deutsch\n        - locale: fr\n")
    found = findings(root, cache_dir=None)
    assert [f.line for f in of_rule(found, "link-broken", "docs/de/index.md")] == [3]
    assert of_rule(found, "language-folder-unlisted") == []


def test_a_link_into_a_folder_static_i18n_takes_for_an_unlisted_language_is_broken(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)  # static-i18n 1.x builds nothing under docs/js/ ("js" looks like a locale)
    (root / "docs/js").mkdir()
    (root / "docs/js/app.js").write_text("// app\n", encoding="utf-8")
    page = root / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe [app](js/app.js).\n", encoding="utf-8")
    broken = of_rule(findings(root, cache_dir=None), "link-broken", "docs/index.md")
    assert [(f.line, "`js`" in f.message) for f in broken] == [(line_of(page, "(js/app.js)"), True)]


# -- pages a plugin makes and links ------------------------------------------------------------------
def test_the_tags_plugin_s_page_needs_no_nav_entry_but_an_ordinary_page_does(tmp_path: Path) -> None:
    assert not [f for f in findings(ROOT_DEFAULT, cache_dir=None) if f.rule.startswith("nav-")]
    root = copy(ROOT_DEFAULT, tmp_path)
    (root / "docs/administration/backup.md").write_text("# Backup\n", encoding="utf-8")
    omitted = of_rule(findings(root, cache_dir=None), "nav-omitted-page")
    assert [f.file for f in omitted] == ["docs/administration/backup.md"]


def test_the_blog_plugin_s_posts_need_no_nav_entry(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    edit(root / "mkdocs.yml", "  - tags\n", "  - tags\n  - blog\n")
    (root / "docs/blog/posts").mkdir(parents=True)
    (root / "docs/blog/posts/hello.md").write_text("---\ndate: 2024-01-01\n---\n\n# Hello\n", encoding="utf-8")
    assert of_rule(findings(root, cache_dir=None), "nav-omitted-page") == []


def test_a_readme_beside_an_index_is_not_a_page_of_its_own(tmp_path: Path) -> None:
    root = copy(ROOT_DEFAULT, tmp_path)
    (root / "docs/en").mkdir()
    (root / "docs/index.md").rename(root / "docs/en/index.md")
    (root / "docs/README.md").write_text("# Folder for site documents\n", encoding="utf-8")
    edit(root / "mkdocs.yml", "  - Home: index.md", "  - Home: en/index.md")
    project = load_project(root)
    assert project.page("en", "README.md") is None and project.page("en", "index.md") is not None
    assert not [f for f in findings(root, cache_dir=None) if f.file == "docs/README.md"]


# -- static-i18n 0.x, default-language files suffixed too ---------------------------------------------
def test_a_0x_default_entry_is_the_root_version_not_a_language() -> None:
    project = load_project(OLD_SUFFIX)
    assert project.locales == ("en", "fr") and project.default_language == "en"


def test_the_0x_default_entry_names_the_default_language_when_it_is_not_listed(tmp_path: Path) -> None:
    root = copy(OLD_SUFFIX, tmp_path)
    edit(root / "mkdocs.yml", "        en:\n          name: English\n", "")
    project = load_project(root)
    assert project.locales == ("en", "fr") and project.language_name("en") == "Default (en)"


def test_nav_entries_naming_suffixed_default_files_name_their_pages(tmp_path: Path) -> None:
    assert findings(OLD_SUFFIX, cache_dir=None) == []
    root = copy(OLD_SUFFIX, tmp_path)
    edit(root / "mkdocs.yml", "  - Guide: guide.en.md\n", "  - Guide: guide.en.md\n  - Gone: gone.en.md\n")
    missing = of_rule(findings(root, cache_dir=None), "nav-missing-file")
    assert [(f.line, "gone.en.md" in f.message) for f in missing] == [(line_of(root / "mkdocs.yml", "gone.en.md"), True)]


# -- what lychee finds on the built site -----------------------------------------------------------
def lychee_errors(site: Path) -> list[tuple[str, str]]:
    """(site page, address) of every link lychee finds broken, offline, fragments included."""
    done = subprocess.run([str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--index-files",
                           "index.html", "--root-dir", str(site), "--format", "json", str(site)],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    return [(Path(page).relative_to(site).as_posix(), item["url"])
            for page, items in report.get("error_map", {}).items() for item in items]


@pytest.mark.skipif(not LYCHEE.is_file(), reason="lychee is not installed (tests/requirements.txt)")
def test_every_link_lychee_finds_broken_on_the_built_site_is_found_in_the_sources(tmp_path: Path) -> None:
    project_dir = copy(MISSES, tmp_path)
    site = tmp_path / "site"
    build(project_dir, site, strict=False)  # (not strict: the defects are left in on purpose)
    broken = lychee_errors(site)
    assert broken, "the fixture's defects are on its built site"
    project = load_project(MISSES)
    errors = [f for f in findings(MISSES, cache_dir=None) if f.rule in LINK_RULES]
    for page, address in broken:
        source = project.site_files[page]
        target = address.rsplit("/", 1)[-1].split("#")[-1]  # `demo.pdf`, `guide.en.md`, `installing`
        assert [f for f in errors if f.file == source.file and target in f.message], (page, address)
    assert len(errors) == len(broken)


@pytest.mark.parametrize(("file", "old", "new"), [
    ("docs/slides.fr.md", "../assets/demo.pdf", "../../assets/demo.pdf"),  # the root's copy
    ("docs/faq.md", "(guide.en.md)", "(guide.md)"),  # the French build finds the French guide
])
def test_a_link_that_works_in_every_build_is_not_reported(file: str, old: str, new: str, tmp_path: Path) -> None:
    root = copy(MISSES, tmp_path)
    edit(root / file, old, new)
    before = [f for f in findings(MISSES, cache_dir=None) if f.rule in LINK_RULES and f.file == file]
    after = [f for f in findings(root, cache_dir=None) if f.rule in LINK_RULES and f.file == file]
    assert len(after) == len(before) - 1


def test_a_translated_page_takes_the_fallback_s_place_and_its_links_are_its_own(tmp_path: Path) -> None:
    root = copy(MISSES, tmp_path)
    (root / "docs/faq.fr.md").write_text("# Questions\n\nLisez [le guide](guide.md#installation).\n", encoding="utf-8")
    assert not [f for f in findings(root, cache_dir=None) if f.rule in LINK_RULES and f.file.startswith("docs/faq")]


# -- embeds and pymdownx.slugs on a project that never configured the checker -----------------------
def test_an_unconfigured_project_that_embeds_on_purpose_gets_no_error(tmp_path: Path) -> None:
    build(copy(EMBEDS, tmp_path), tmp_path / "site", strict=True)
    errors = [f for f in findings(EMBEDS, cache_dir=None) if f.severity is Severity.ERROR]
    assert errors == []


def test_a_slugify_factory_named_without_arguments_does_not_stop_the_check(tmp_path: Path) -> None:
    root = copy(EMBEDS, tmp_path)
    edit(root / "mkdocs.yml", "!!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n",
         "!!python/name:pymdownx.slugs.slugify\n")
    done = run_cli("--root", str(root), "--no-cache", "--format", "json")
    assert done.returncode in (0, 1) and "internal error" not in done.stderr, done.stderr
    page = load_project(root).page("en", "talk.md")
    assert page is not None and "The-slides" in page.facts.ids  # pymdownx.slugs' default: case kept
