"""The edition's own prose is set as the brief is: typographic apostrophes and quotes in English,
« » in Spanish (the RAE's first level); no "¶" in any contents list; no orphan in preview images.
The brief's own words stay exactly as received (test_site_content.py)."""

from __future__ import annotations

import pytest

from pages import normalize, page_path, parse
from sitebuild import LANGUAGES

EDITION_PAGES = ["sources/index.html", "about/index.html", "changes/index.html"]


def edition_text(site_dir, language, page) -> str:
    tree = parse(page_path(site_dir, language, page))
    for node in tree.css("code, pre, [lang]:not(html)"):  # code, and passages in the other language
        node.decompose()
    return tree.css_first("article").text(separator=" ")


@pytest.mark.parametrize("page", EDITION_PAGES)
def test_english_edition_prose_has_no_straight_apostrophes_or_quotes(site_build, page):
    text = edition_text(site_build.site_dir, "en", page)
    assert "'" not in text and '"' not in text


@pytest.mark.parametrize("page", [*EDITION_PAGES, "index.html", "not-safe-to-wait/index.html",
                                  "mexico-lacks-capacity/index.html", "due-process/index.html"])
def test_spanish_edition_text_quotes_with_angle_quotes(site_build, page):
    text = edition_text(site_build.site_dir, "es", page)
    assert not any(mark in text for mark in '“”"'), page


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_block_speaks_typographically(site_build, language):
    block = parse(page_path(site_build.site_dir, language, "about/index.html")).css_first("section.edition-masthead")
    assert "'" not in block.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_contents_list_shows_the_permalink_sign(site_build, language):
    for page in ["brief/index.html", "sources/index.html"]:
        tree = parse(page_path(site_build.site_dir, language, page))
        entries = [normalize(node.text()) for node in tree.css("nav.md-nav--secondary a")]
        assert entries and not [entry for entry in entries if "¶" in entry], page


class Letters:
    """A stand-in for Pillow's drawing: every character 10 px wide."""

    @staticmethod
    def textlength(text, font=None):
        return 10 * len(text)


def test_preview_title_never_ends_a_line_with_a_one_letter_word():
    from citation.preview_image import _wrap

    lines = _wrap(Letters, "Remain in Mexico: A Dangerous and Untenable Proposal", None, 190)
    assert all(len(line.split()[-1]) > 1 for line in lines[:-1]), lines
    assert " ".join(lines) == "Remain in Mexico: A Dangerous and Untenable Proposal"


def test_preview_title_never_leaves_one_word_alone_on_its_last_line():
    from citation.preview_image import _wrap

    lines = _wrap(Letters, "una propuesta peligrosa e insostenible", None, 260)
    assert len(lines[-1].split()) > 1, lines
