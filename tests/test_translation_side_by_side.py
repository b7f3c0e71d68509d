"""The translation beside its English original: `translation-diff --side-by-side` and the
preview's compare pages (`/_translation/<lang>/<page>/`, in `serve` only)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from preview_support import serving
from translation_support import build, copy_project, edit, site

from refcheck.translation import sidebyside

SPANISH_SENTENCE = "La detención, incluso en centros ubicados en Estados Unidos"


@pytest.fixture(scope="module")
def stale(tmp_path_factory) -> Path:
    """A copy in which one English word of due-process.md changed after the translation's review."""
    root = copy_project(tmp_path_factory.mktemp("sbs"))
    edit(root / "docs/en/due-process.md", "creates numerous hurdles", "creates many hurdles")
    return root


def test_each_english_block_stands_beside_its_translation(stale: Path):
    done = site(stale, "translation-diff", "--side-by-side", "docs/es/due-process.md")
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if "In addition to screening" in line)
    left, right = row.split("│")
    assert left.startswith("9: In addition to screening") and right.strip().startswith("10: Además de las")


def test_the_changed_english_words_are_marked(stale: Path):
    done = site(stale, "translation-diff", "--side-by-side", "--changed-only", "docs/es/due-process.md")
    english_column = " ".join(" ".join(line.split("│")[0].split()) for line in done.stdout.splitlines())
    text = " ".join(done.stdout.split())
    assert "[-numerous-] {+many+}" in english_column
    # Only the changed block: the heading and the other paragraphs are left out.
    assert "The Policy Violates" not in text


def test_the_glossary_renderings_of_the_blocks_terms_are_given(stale: Path):
    done = site(stale, "translation-diff", "--side-by-side", "docs/es/due-process.md")
    assert "≈ asylum seekers → solicitantes de asilo" in done.stdout


def test_a_missing_translation_is_one_line_not_a_traceback(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "docs/es/due-process.md").unlink()
    done = site(root, "translation-diff", "--side-by-side", "docs/es/due-process.md")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "docs/es/due-process.md" in done.stdout


def test_blocks_pair_by_structure_when_a_paragraph_is_missing():
    english = "# Title\n\nFirst.\n\nSecond.\n\n[^1]: A note.\n"
    spanish = "# Título\n\nPrimero.\n\n[^1]: Una nota.\n"
    rows = sidebyside.rows(english, spanish, None, [], "es")
    pairs = [(row.english.text if row.english else None, row.translated.text if row.translated else None)
             for row in rows]
    assert ("# Title", "# Título") in pairs
    assert ("[^1]: A note.", "[^1]: Una nota.") in pairs
    assert sum(1 for _, right in pairs if right is None) == 1


def test_a_note_continuation_and_list_items_are_blocks_of_their_own():
    text = "Intro.\n\n- one\n- two\n\n[^1]: Note,\n\n    continued.\n"
    kinds = [block.kind for block in sidebyside.blocks(text)]
    assert kinds == ["p", "item", "item", "note:1"]


def test_the_compare_page_escapes_what_the_pages_hold():
    row = sidebyside.Row(sidebyside.Block("p", 3, "<script>alert(1)</script>"),
                         sidebyside.Block("p", 3, '<img src=x onerror="alert(1)">'),
                         (("equal", "<script>alert(1)</script>"),), ("a → <b>",))
    page = sidebyside.as_html([row], title="t", english_file="e", translated_file="s",
                              labels={"missing": "-", "legend": "l"}, language="es")
    assert "<script>alert" not in page and "<img" not in page and "&lt;script&gt;" in page


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def test_the_preview_serves_a_compare_page_and_the_banner_links_it(stale: Path):
    with serving(stale) as preview:
        page = get(preview.url + "_translation/es/due-process/")
        banner_page = get(preview.url + "es/due-process/")
    assert "<del>numerous</del>" in page and "<ins>many</ins>" in page
    assert SPANISH_SENTENCE in page and "Detention, even in facilities in the United States" in page
    assert 'href="/_translation/es/due-process/"' in banner_page


def test_a_published_build_has_no_compare_pages(stale: Path, tmp_path: Path):
    done = build(stale, tmp_path / "site")
    assert not (tmp_path / "site" / "_translation").exists(), done.stderr[-2000:]
