"""Stale translations: the English version a translation follows, marking it, the diff, the notice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from refcheck.translation import diff, originals, pages
from refcheck.translation.status import page_status
from translation_support import build, check, copy_project, edit, line_of, site

INDEX_SENTENCE = "Extreme violence by gangs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository whose Spanish pages are all marked up to date."""
    root = copy_project(tmp_path)
    done = site(root, "mark-translated", "--all", "--lang", "es")
    assert done.returncode == 0, done.stderr
    return root


# -- the hash ------------------------------------------------------------------------------------
def test_rewrapping_an_english_paragraph_keeps_the_hash():
    text = "# Title\n\nOne two three\nfour five.\n\nSix.\n"
    rewrapped = "# Title\r\n\r\nOne two\r\nthree four five.   \r\n\r\n\r\nSix."
    assert pages.english_hash(text) == pages.english_hash(rewrapped)


def test_changing_a_word_changes_the_hash():
    assert pages.english_hash("One two three.") != pages.english_hash("One two four.")


def test_merging_two_paragraphs_changes_the_hash():
    assert pages.english_hash("One.\n\nTwo.") != pages.english_hash("One.\nTwo.")


# -- front matter --------------------------------------------------------------------------------
def test_set_front_matter_adds_front_matter_to_a_page_without_it():
    assert pages.set_front_matter("# Título\n", {"translation_of": "abc"}) == (
        "---\ntranslation_of: abc\n---\n\n# Título\n"
    )


def test_set_front_matter_keeps_the_other_keys_and_their_layout():
    page = "---\ndescription: >-\n  Un texto\n  largo.\n---\n\n# Título\n"
    updated = pages.set_front_matter(page, {"translation_of": "abc"})
    assert updated == "---\ndescription: >-\n  Un texto\n  largo.\ntranslation_of: abc\n---\n\n# Título\n"
    again = pages.set_front_matter(updated, {"translation_of": "def", "translation_state": None})
    assert again == updated.replace("abc", "def")


def test_removing_the_last_key_removes_the_front_matter():
    page = "---\ntranslation_state: untranslated\n---\n\n# Title\n"
    assert pages.set_front_matter(page, {"translation_state": None}) == "# Title\n"


# -- mark-translated and status ------------------------------------------------------------------
def test_mark_translated_records_the_english_hash_and_keeps_the_english_text(project: Path):
    english = (project / "docs/en/index.md").read_text(encoding="utf-8")
    digest = pages.english_hash(english)
    front = pages.read_front_matter((project / "docs/es/index.md").read_text(encoding="utf-8"))
    assert front.values["translation_of"] == digest
    stored = project / "translations/originals" / f"index.{digest}.md"
    assert stored.read_text(encoding="utf-8") == english


def test_mark_translated_changes_nothing_else_in_the_page(tmp_path: Path):
    root = copy_project(tmp_path)
    page = root / "docs/es/due-process.md"
    page.write_text(pages.set_front_matter(page.read_text(encoding="utf-8"), {"translation_of": None}),
                    encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    assert "translation_of:" not in before
    assert site(root, "mark-translated", "docs/es/due-process.md").returncode == 0
    after = (root / "docs/es/due-process.md").read_text(encoding="utf-8")
    # One line added to the front matter (which also holds the page's description), nothing else.
    added = [line for line in after.splitlines(keepends=True) if line.startswith("translation_of: ")]
    assert len(added) == 1
    assert after.replace(added[0], "", 1) == before


def test_a_fresh_translation_is_up_to_date(project: Path):
    status = page_status(pages.load_project(project), "es", "index.md")
    assert status.state == pages.TRANSLATED


def test_an_english_change_makes_the_translation_stale(project: Path):
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    status = page_status(pages.load_project(project), "es", "index.md")
    assert status.state == pages.STALE
    assert status.words == 2  # "and rising": the changed words, not their paragraph or the page


def test_rewrapping_the_english_page_does_not_make_it_stale(project: Path):
    edit(project / "docs/en/index.md", "Extreme violence by gangs and", "Extreme violence by gangs\nand")
    status = page_status(pages.load_project(project), "es", "index.md")
    assert status.state == pages.TRANSLATED


def test_a_translation_without_a_record_is_unrecorded(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "docs/es/about.md").write_text("# Acerca de esta edición\n", encoding="utf-8")
    status = page_status(pages.load_project(root), "es", "about.md")
    assert status.state == pages.UNRECORDED


def test_marking_again_after_review_makes_it_up_to_date_and_prunes_the_old_version(project: Path):
    old = pages.english_hash((project / "docs/en/index.md").read_text(encoding="utf-8"))
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    done = site(project, "mark-translated", "docs/es/index.md")
    assert done.returncode == 0, done.stderr
    assert "(was " + old + ")" in done.stdout
    assert not (project / "translations/originals" / f"index.{old}.md").exists()
    assert page_status(pages.load_project(project), "es", "index.md").state == pages.TRANSLATED


def test_mark_translated_refuses_an_english_page(project: Path):
    done = site(project, "mark-translated", "docs/en/index.md")
    assert done.returncode == 2
    assert "the en pages are the originals" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["mark-translated", "translation-diff"])
def test_a_page_with_no_english_original_gets_one_line_not_a_traceback(project: Path, command: str):
    done = site(project, command, "docs/es/no-such-page.md")
    assert done.returncode == 2
    assert "there is no en page docs/en/no-such-page.md" in done.stderr and "Traceback" not in done.stderr


def test_translation_diff_refuses_an_english_page(project: Path):
    done = site(project, "translation-diff", "docs/en/index.md")
    assert done.returncode == 2 and "the en pages are the originals" in done.stderr


# -- the English diff ----------------------------------------------------------------------------
def test_translation_diff_shows_the_english_change_from_the_stored_version(project: Path):
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    done = site(project, "translation-diff", "docs/es/index.md")
    assert done.returncode == 0, done.stderr
    assert "-Extreme violence by gangs" in done.stdout
    assert "+Extreme and rising violence by gangs" in done.stdout
    assert "translations/originals/index." in done.stdout


def test_translation_diff_falls_back_to_git_history(project: Path):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "reviewed"], cwd=project, check=True)
    for stored in (project / "translations/originals").glob("index.*.md"):
        stored.unlink()
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    done = site(project, "translation-diff", "docs/es/index.md")
    assert done.returncode == 0, done.stderr
    assert "from git commit" in done.stdout and "+Extreme and rising violence" in done.stdout


def test_translation_diff_says_so_when_the_version_is_nowhere(project: Path):
    for stored in (project / "translations/originals").glob("index.*.md"):
        stored.unlink()
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    done = site(project, "translation-diff", "docs/es/index.md")
    assert done.returncode == 1
    assert "review the whole English page" in done.stdout


def test_a_stored_version_that_was_edited_is_not_trusted(project: Path):
    digest = pages.english_hash((project / "docs/en/index.md").read_text(encoding="utf-8"))
    stored = project / "translations/originals" / f"index.{digest}.md"
    stored.write_text("something else", encoding="utf-8")
    assert originals.find_original(pages.load_project(project), "index.md", digest) is None


def test_word_changes_show_the_words_around_each_change():
    changes = diff.word_changes("one two three four five six", "one two three 4 five six", context=2)
    assert changes == ["… two three [-four-]{+4+} five six"]


# -- the checker rule ----------------------------------------------------------------------------
def test_checker_reports_a_stale_translation_with_the_english_diff(project: Path):
    edit(project / "docs/en/index.md", INDEX_SENTENCE, "Extreme and rising violence by gangs")
    done = check(project, "--format", "json")
    import json

    findings = [f for f in json.loads(done.stdout) if f["rule"] == "translation-stale"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding["file"] == "docs/es/index.md"
    assert finding["line"] == line_of(project / "docs/es/index.md", "translation_of:")
    assert finding["severity"] == "warning"
    assert "{+and rising+}" in finding["message"]
    assert "mark-translated docs/es/index.md" in finding["message"]


def test_checker_reports_nothing_stale_when_translations_are_up_to_date(project: Path):
    done = check(project, "--format", "json")
    import json

    rules = {f["rule"] for f in json.loads(done.stdout)}
    assert not rules & {"translation-stale", "translation-unrecorded", "translation-untranslated"}


def test_checker_reports_an_unrecorded_translation(tmp_path: Path):
    root = copy_project(tmp_path)
    text = (root / "docs/es/about.md").read_text(encoding="utf-8")
    (root / "docs/es/about.md").write_text(pages.set_front_matter(text, {"translation_of": None}), encoding="utf-8")
    done = check(root)
    assert "docs/es/about.md:1:1: warning translation-unrecorded:" in done.stdout


# -- what readers see ----------------------------------------------------------------------------
def notice(html: str) -> str:
    start = html.find('class="edition-notice')
    return html[start: html.find("</p>", start)] if start >= 0 else ""


def test_readers_of_a_stale_page_see_the_notice_in_spanish_with_a_link_to_the_original(project: Path, tmp_path: Path):
    edit(project / "docs/en/due-process.md", "In addition to screening concerns", "Besides screening concerns")
    (project / "docs/es/about.md").unlink()  # and one page left untranslated
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    stale = notice((tmp_path / "site/es/due-process/index.html").read_text(encoding="utf-8"))
    assert "El original en inglés de esta página cambió después de esta traducción." in stale
    assert 'href="../../due-process/" hreflang="en"' in stale and "Ver el original en inglés" in stale
    fresh = notice((tmp_path / "site/es/index.html").read_text(encoding="utf-8"))
    assert "cambió" not in fresh and "Traducción de esta edición" in fresh
    fallback = notice((tmp_path / "site/es/about/index.html").read_text(encoding="utf-8"))
    assert "Esta página aún no está traducida" in fallback
    assert "cambió" not in notice((tmp_path / "site/due-process/index.html").read_text(encoding="utf-8"))
