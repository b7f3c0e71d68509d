"""The published brief: complete, faithful, footnoted, and honest about what this edition added."""

from __future__ import annotations

import re

import pytest

from pages import (
    ALL_PAGES,
    BRIEF_PAGES,
    LANGUAGE_ROOTS,
    ORIGINAL,
    PUBLISHER_NAVIGATION,
    RESTORED_NOTES,
    article,
    article_text,
    normalize,
    original_sentences,
    original_text,
    page_path,
    parse,
)
from sitebuild import ROOT

SOURCE_COPY = ROOT.parent / "shared" / "brief" / ORIGINAL.name


def test_the_original_is_kept_unedited_outside_the_docs():
    assert ORIGINAL.is_file()
    assert not ORIGINAL.is_relative_to(ROOT / "docs")
    if SOURCE_COPY.is_file():  # the copy as received, where this checkout sits beside shared/
        assert ORIGINAL.read_bytes() == SOURCE_COPY.read_bytes()


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_exists_in_both_languages(site_build, language, page):
    assert page_path(site_build.site_dir, language, page).is_file()


@pytest.mark.parametrize("page", ALL_PAGES)
def test_spanish_pages_are_translations_not_fallbacks(page):
    source = ROOT / "docs" / "es" / page.replace("/index.html", ".md").replace("index.html", "index.md")
    assert source.is_file(), f"{source.relative_to(ROOT)} is missing: the page falls back to English"


def test_every_sentence_of_the_original_is_on_the_english_pages(site_build):
    english = " ".join(
        article_text(parse(page_path(site_build.site_dir, "en", page))) for page in ALL_PAGES
    )
    missing = [sentence for sentence in original_sentences() if sentence not in english]
    assert not missing, "sentences of the brief missing from the English pages:\n" + "\n".join(missing)


def test_english_brief_pages_add_nothing_unmarked_to_the_brief(site_build):
    """Outside what is marked as this edition's (<ins>, its notes, note links), every paragraph is the brief's."""
    original = normalize(re.sub(r"\[\d\]", "", original_text()))
    for page in BRIEF_PAGES:
        node = article(parse(page_path(site_build.site_dir, "en", page)))
        for element in node.css("ins, .edition-addition, a.headerlink, sup[id^='fnref'], a.footnote-backref"):
            element.decompose()
        for block in node.css("h1, p, li"):
            text = normalize(block.text(separator=""))
            if text:
                assert text in original, f"{page}: not in the brief: {text!r}"


def test_the_publishers_navigation_is_not_published(site_build):
    for page in ALL_PAGES:
        assert PUBLISHER_NAVIGATION not in article_text(parse(page_path(site_build.site_dir, "en", page)))


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
@pytest.mark.parametrize("page,numbers", BRIEF_PAGES.items())
def test_notes_show_the_briefs_numbers(site_build, language, page, numbers):
    tree = parse(page_path(site_build.site_dir, language, page))
    markers = [int(a.text()) for a in tree.css("a.footnote-ref")]
    assert markers == numbers
    items = tree.css("div.footnote li")
    assert [int(li.attributes["value"]) for li in items] == numbers
    assert [li.attributes["id"] for li in items] == [f"fn:{n}" for n in numbers]


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_note_links_to_its_source_over_https(site_build, language):
    for page in BRIEF_PAGES:
        for item in parse(page_path(site_build.site_dir, language, page)).css("div.footnote li"):
            links = [a.attributes.get("href", "") for a in item.css("a:not(.footnote-backref)")]
            assert links and all(link.startswith("https://") for link in links), (page, links)


@pytest.mark.parametrize(
    "language,marker", [("en", "restored by this edition"), ("es", "restaurad")]
)
def test_restored_notes_are_marked_as_this_editions(site_build, language, marker):
    notes = {}
    for page in BRIEF_PAGES:
        for item in parse(page_path(site_build.site_dir, language, page)).css("div.footnote li"):
            notes[int(item.attributes["value"])] = item
    for number in RESTORED_NOTES:
        inserted = notes[number].css("ins")
        assert inserted, f"note {number} has no <ins> marking the restoration"
        assert marker in " ".join(i.text() for i in inserted).lower()
        assert any(a.attributes["href"].startswith("https://") for i in inserted for a in i.css("a"))
    added = "added by this edition" if language == "en" else "añadido por esta edición"
    for number in set(notes) - set(RESTORED_NOTES):
        for inserted in notes[number].css("ins"):  # a link the edition adds, such as a Spanish edition
            assert added in inserted.text().lower(), f"note {number}: {inserted.text()!r}"


@pytest.mark.parametrize("language,title", [("en", "Back to note"), ("es", "Volver a la nota")])
def test_note_back_links_are_titled_in_the_pages_language(site_build, language, title):
    for page, numbers in BRIEF_PAGES.items():
        backrefs = parse(page_path(site_build.site_dir, language, page)).css("a.footnote-backref")
        assert [b.attributes["title"] for b in backrefs] == [
            f"{title} {n} {'in the text' if language == 'en' else 'en el texto'}" for n in numbers
        ]


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_sources_page_links_back_to_every_citing_note(site_build, language):
    tree = parse(page_path(site_build.site_dir, language, "sources/index.html"))
    backlinks = {a.attributes["href"] for a in article(tree).css("a[href*='#fnref:']")}
    targets = {f"#fnref:{n}" for numbers in BRIEF_PAGES.values() for n in numbers}
    assert {href[href.index("#"):] for href in backlinks} == targets
    for href in backlinks:
        path, fragment = href.split("#")
        target = (page_path(site_build.site_dir, language, "sources/index.html").parent / path / "index.html")
        assert f'id="{fragment}"' in target.resolve().read_text(encoding="utf-8"), href


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_sources_page_gives_archived_copies_and_spanish_editions(site_build, language):
    links = [a.attributes["href"] for a in article(parse(page_path(site_build.site_dir, language, "sources/index.html"))).css("a")]
    assert sum(link.startswith("https://web.archive.org/web/2018/") for link in links) >= 5
    for spanish_edition in (
        "https://www.hrw.org/es/report/2016/03/31/puertas-cerradas/",
        "https://supportkind.org/resources/childhood-cut-short-report-sgbv/",
        "https://www.acnur.org/5b0766944.pdf",
    ):
        assert any(link.startswith(spanish_edition) for link in links), spanish_edition


@pytest.mark.parametrize(
    "figure",
    ["5289", "más de 900", "casi el 70\u00a0%", "2016", "2017", "1951", "2002"],
)
def test_spanish_pages_write_the_briefs_figures_the_spanish_way(site_build, figure):
    spanish = " ".join(
        parse(page_path(site_build.site_dir, "es", page)).css_first("article").text()
        for page in ALL_PAGES
    )
    assert figure in spanish


def test_about_page_says_the_spanish_text_is_this_editions_translation(site_build):
    about = article_text(parse(page_path(site_build.site_dir, "es", "about/index.html")))
    assert "traducción" in about.lower() and "KIND" in about
    english = article_text(parse(page_path(site_build.site_dir, "en", "about/index.html")))
    assert "own translation" in english
