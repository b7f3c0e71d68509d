"""A language added with add-language is honest until translated; remove-language takes it back."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from refcheck.translation import pages
from translation_support import ROOT, build, check, copy_project, edit, site

ROOT_GITIGNORE = ROOT / ".gitignore"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("fr"))
    assert site(root, "add-language", "fr").returncode == 0
    site_dir = root / "site"
    done = build(root, site_dir)
    assert done.returncode == 0, done.stderr
    return site_dir


def entries(root: Path) -> dict[str, dict]:
    config = pages.load_mkdocs_yml(root / "mkdocs.yml")
    return {e["locale"]: e for e in pages.i18n_config(config)["languages"]}


def test_the_new_language_entry_has_every_string_spanish_translates(project: Path):
    site(project, "add-language", "fr")
    languages = entries(project)
    spanish, french = languages["es"], languages["fr"]
    assert {"site_name", "site_description", "copyright"} <= set(french)
    assert [p["toggle"]["name"] for p in french["theme"]["palette"]] == ["Switch to dark mode", "Switch to light mode"]
    assert set(french["extra"]["edition"]) >= set(spanish["extra"]["edition"])


def test_an_untranslated_page_marks_its_text_as_english(french_site: Path):
    page = (french_site / "fr/due-process/index.html").read_text(encoding="utf-8")
    article = page[page.index('<article class="md-content__inner'):]
    assert re.match(r'<article[^>]*>\s*<div lang="en">', article)


def test_the_untranslated_notice_is_marked_as_english_until_translated(french_site: Path):
    page = (french_site / "fr/due-process/index.html").read_text(encoding="utf-8")
    assert '<p class="edition-notice" lang="en">This page is not translated yet' in page


def test_the_new_language_footer_claims_no_translation(french_site: Path):
    page = (french_site / "fr/index.html").read_text(encoding="utf-8")
    assert "translation" not in page[page.index('class="md-copyright'):].split("</div>")[0].lower()


def test_translated_spanish_pages_keep_their_own_language(french_site: Path):
    page = (french_site / "es/due-process/index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' not in page and 'class="edition-notice" lang="es"' in page


def test_remove_language_takes_back_add_language(project: Path):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site(project, "add-language", "fr")
    done = site(project, "remove-language", "fr", "--yes")
    assert done.returncode == 0, done.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (project / "docs/fr").exists() and (project / "docs/es/index.md").is_file()


def test_remove_language_without_yes_says_what_it_would_do_and_does_nothing(project: Path):
    site(project, "add-language", "fr")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    done = site(project, "remove-language", "fr")
    assert done.returncode == 2 and "--yes" in done.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before and (project / "docs/fr/index.md").is_file()


def test_remove_language_refuses_the_original_language(project: Path):
    done = site(project, "remove-language", "en", "--yes")
    assert done.returncode == 2 and "original language" in done.stderr
    assert (project / "docs/en/index.md").is_file()


def test_a_language_folder_missing_from_mkdocs_yml_is_a_finding(project: Path):
    (project / "docs/fr").mkdir()
    for name in ("index.md", "about.md"):
        shutil.copy(project / "docs/en" / name, project / "docs/fr" / name)
    findings = json.loads(check(project, "--format", "json").stdout)
    assert [f["file"] for f in findings if f["rule"] == "language-folder-unlisted"] == ["docs/fr/about.md"]


def test_a_folder_of_other_files_is_not_a_language_folder(project: Path):
    (project / "docs/img").mkdir()
    (project / "docs/img/index.md").write_text("# Images\n", encoding="utf-8")
    findings = json.loads(check(project, "--format", "json").stdout)
    assert not [f for f in findings if f["rule"] == "language-folder-unlisted"]


def test_translation_diff_marks_the_changed_words(project: Path):
    edit(project / "docs/en/due-process.md", "and limited access to legal", "and very limited access to legal")
    done = site(project, "translation-diff", "docs/es/due-process.md")
    assert "evidentiary support, and {+very+} limited access to legal" in done.stdout


def test_add_language_then_remove_language_leaves_git_status_clean(project: Path):
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout

    (project / ".gitignore").write_text((ROOT_GITIGNORE).read_text(encoding="utf-8") + ".venv\n", encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    assert site(project, "add-language", "fr").returncode == 0
    # What a translator does in between: look at the status, check, build the preview's pages.
    site(project, "status")
    check(project)
    build(project, project / "site")
    assert site(project, "remove-language", "fr", "--yes").returncode == 0
    assert git("status", "--porcelain", "--untracked-files=all") == ""
