"""The status command, and adding a language with no change to Python or to the checker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.translation import pages

from refcheck.translation.status import page_status
from translation_support import build, check, copy_project, edit, site
from refcheck.mdsource import prose


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path)
    assert site(root, "mark-translated", "--all").returncode == 0
    return root


def test_status_counts_translated_stale_unrecorded_and_missing_pages(project: Path):
    edit(project / "docs/en/index.md", "Extreme violence", "Extreme and rising violence")
    (project / "docs/es/about.md").unlink()
    text = (project / "docs/es/sources.md").read_text(encoding="utf-8")
    (project / "docs/es/sources.md").write_text(pages.set_front_matter(text, {"translation_of": None}), encoding="utf-8")
    done = site(project, "status", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["es"]["summary"]
    assert summary == {"translated": 4, "stale": 1, "unrecorded": 1, "untranslated": 0, "missing": 1,
                       "pages": 7, "words": summary["words"]}
    about_words = len(prose.words_of((project / "docs/en/about.md").read_text(encoding="utf-8")))
    assert summary["words"] == about_words + 2  # the missing page, and the two words added to index.md


def test_a_stale_page_counts_the_english_words_that_changed_not_its_paragraph(project: Path):
    edit(project / "docs/en/due-process.md", "In addition to screening concerns", "Besides screening worries")
    stale = page_status(pages.load_project(project), "es", "due-process.md")
    assert stale.state == "stale" and stale.words == 2


def test_status_headers_are_singular_for_one_page_and_one_word(project: Path):
    edit(project / "docs/en/due-process.md", "In addition to", "Besides")
    text = site(project, "status").stdout
    markdown = site(project, "status", "--markdown").stdout
    assert "(1 word)" in text and "(1 words)" not in text
    assert "1 page to do" in markdown and ", 1 word." in markdown


def test_status_text_lists_what_is_left_and_how_to_do_it(project: Path):
    (project / "docs/es/about.md").unlink()
    done = site(project, "status")
    assert "es (Español)" in done.stdout
    assert "docs/es/about.md: missing" in done.stdout


def test_status_says_when_everything_is_up_to_date(project: Path):
    assert "Every translation is up to date." in site(project, "status").stdout


def test_status_markdown_is_a_table_for_a_pull_request_comment(project: Path):
    edit(project / "docs/en/due-process.md", "In addition", "Besides")
    done = site(project, "status", "--markdown")
    lines = done.stdout.splitlines()
    assert lines[0] == "### Translation status"
    assert "| language | translated | stale | unrecorded | untranslated | missing | words to translate |" in lines
    assert any(line.startswith("| Español (`es`) | 6 | 1 | 0 | 0 | 0 |") for line in lines)
    assert "- `docs/es/due-process.md`: **stale**" in done.stdout
    assert "translation-diff docs/es/due-process.md" in done.stdout


def test_status_of_an_unknown_language_is_a_one_line_error(project: Path):
    done = site(project, "status", "--lang", "de")
    assert done.returncode == 2 and "'de' is not a translation" in done.stderr


# -- add-language --------------------------------------------------------------------------------
def test_add_language_edits_mkdocs_yml_as_text_and_keeps_comments_and_tags(project: Path):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    done = site(project, "add-language", "fr")
    assert done.returncode == 0, done.stderr
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    before_lines, after_lines = before.splitlines(), after.splitlines()
    start = next(i for i, (a, b) in enumerate(zip(before_lines, after_lines)) if a != b)
    inserted = len(after_lines) - len(before_lines)
    assert after_lines[:start] == before_lines[:start]
    assert after_lines[start + inserted:] == before_lines[start:]
    assert after_lines[start].strip() == "- locale: fr"
    assert "!ENV [SITE_URL" in after and "# The `languages` list of the i18n plugin" in after
    project_after = pages.load_project(project)
    assert project_after.languages == ("en", "es", "fr")
    assert project_after.names["fr"] == "Français"


def test_add_language_gives_the_new_language_every_interface_string(project: Path):
    site(project, "add-language", "fr")
    config = pages.load_mkdocs_yml(project / "mkdocs.yml")
    entries = {e["locale"]: e for e in pages.i18n_config(config)["languages"]}
    assert set(entries["fr"]["extra"]["edition"]) >= set(entries["es"]["extra"]["edition"])
    assert all(entries["fr"]["extra"]["edition"].values())
    assert set(entries["fr"]["nav_translations"]) == set(entries["es"]["nav_translations"])


def test_add_language_creates_pages_marked_untranslated_and_status_shows_them(project: Path):
    site(project, "add-language", "fr")
    for english in sorted((project / "docs/en").glob("*.md")):
        french = (project / "docs/fr" / english.name).read_text(encoding="utf-8")
        front = pages.read_front_matter(french)
        assert front.values["translation_state"] == "untranslated"
        assert front.values["translation_of"] == pages.english_hash(english.read_text(encoding="utf-8"))
        assert pages.body_of(french).strip() == pages.body_of(english.read_text(encoding="utf-8")).strip()
    summary = json.loads(site(project, "status", "--json").stdout)
    assert summary["fr"]["summary"]["untranslated"] == 7
    assert summary["es"]["summary"]["translated"] == 7


def test_a_new_language_builds_strictly_and_shows_the_not_translated_notice(project: Path, tmp_path: Path):
    site(project, "add-language", "fr")
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site/fr/due-process/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "This page is not translated yet" in page


def test_the_checker_lists_the_new_language_pages_as_untranslated_without_errors(project: Path):
    site(project, "add-language", "fr")
    done = check(project, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    findings = json.loads(done.stdout)
    untranslated = {f["file"] for f in findings if f["rule"] == "translation-untranslated"}
    assert untranslated == {f"docs/fr/{p.name}" for p in (project / "docs/en").glob("*.md")}


def test_translating_a_page_of_the_new_language_and_marking_it(project: Path):
    site(project, "add-language", "fr")
    page = project / "docs/fr/about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# About this edition", "# À propos de cette édition"),
                    encoding="utf-8")
    assert site(project, "mark-translated", "docs/fr/about.md").returncode == 0
    assert "translation_state" not in page.read_text(encoding="utf-8")
    assert page_status(pages.load_project(project), "fr", "about.md").state == "translated"


def test_mark_all_leaves_untranslated_copies_alone(project: Path):
    site(project, "add-language", "fr")
    done = site(project, "mark-translated", "--all", "--lang", "fr")
    assert "still marked untranslated" in done.stdout
    assert "translation_state: untranslated" in (project / "docs/fr/index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale, message", [("es", "already a language"), ("français", "not a language code")])
def test_add_language_refuses_what_it_cannot_do(project: Path, locale: str, message: str):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    done = site(project, "add-language", locale)
    assert done.returncode == 2 and message in done.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
