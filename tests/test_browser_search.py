"""Search in the browser: each language's pages find their own language only, as a reader types."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser import NO_RESULTS, browser, en_page, es_page, open_page, screenshot, search  # noqa: F401

pytestmark = pytest.mark.browser

WORD = {"en": "asylum", "es": "asilo"}


def _is_spanish(url: str) -> bool:
    return "/es/" in url


def test_an_english_word_on_an_english_page_lists_english_pages_only(en_page):
    opened = en_page("not-safe-to-wait/")
    results = search(opened.page, "trafficking")
    screenshot(opened.page, "search-en-trafficking-results")
    assert results, "no result for 'trafficking', a word of the English page 'It is not safe to wait in Mexico'"
    assert any(url.split("?")[0].endswith("/not-safe-to-wait/") for url in results), results
    assert not [url for url in results if _is_spanish(url)], f"Spanish pages among English results: {results}"


@pytest.mark.parametrize(
    ("language", "word", "section"),
    [("en", "Podkul", "the-brief"), ("es", "Podkul", "the-brief")],
    ids=["en", "es"],
)
def test_opening_a_search_result_lands_on_the_passage(open_page, language, word, section):
    opened = open_page(language, "")
    page = opened.page
    results = search(page, word)
    assert any(f"about/?h=" in url and url.endswith(f"#{section}") for url in results), f"results for {word!r}: {results}"
    page.locator(f".md-search-result__list a[href*='#{section}']").first.click()
    page.wait_for_url(re.compile(rf"/about/\?h=.*#{section}$"))
    # The search.highlight feature marks the word where the reader lands.
    expect(page.locator(f"[id='{section}']")).to_be_in_viewport()
    expect(page.locator("article mark", has_text=re.compile(word, re.I)).first).to_be_in_viewport()
    screenshot(page, f"search-{language}-result-opened-{word}")


def test_a_spanish_word_on_a_spanish_page_lists_spanish_pages_only(es_page):
    opened = es_page("mexico-lacks-capacity/")
    results = search(opened.page, "asilo")
    screenshot(opened.page, "search-es-asilo-results")
    assert results, "no result for 'asilo', a word of the Spanish pages"
    assert all(_is_spanish(url) for url in results), f"pages outside /es/ among Spanish results: {results}"


def test_a_spanish_singular_finds_the_plural(es_page):
    opened = es_page("")
    results = search(opened.page, "niña")
    screenshot(opened.page, "search-es-nina-singular-finds-ninas")
    assert any(url.split("?")[0].endswith("/es/not-safe-to-wait/") for url in results), (
        f"'niña' did not find 'No es seguro esperar en México', which says 'niñas': {results}"
    )
    assert all(_is_spanish(url) for url in results), results


def test_a_spanish_plural_finds_the_singular_through_stemming(es_page):
    """No page says "detenciones": only the Spanish stemmer leads it to "detención"."""
    opened = es_page("")
    results = search(opened.page, "detenciones")
    screenshot(opened.page, "search-es-detenciones-finds-detencion")
    assert any(url.split("?")[0].endswith("/es/mexico-lacks-capacity/") for url in results), results
    assert all(_is_spanish(url) for url in results), results
    text = opened.page.context.request.get(results[0].split("?")[0]).text()
    assert "detenciones" not in text.lower()


def test_an_english_word_finds_its_other_forms_through_stemming(en_page):
    """The brief says "trafficking" and "traffickers", never "trafficked"."""
    opened = en_page("")
    results = search(opened.page, "trafficked")
    assert any(url.split("?")[0].endswith("/not-safe-to-wait/") for url in results), results
    assert not [url for url in results if _is_spanish(url)], results


def test_a_spanish_word_without_its_accent_finds_the_accented_one(es_page):
    opened = es_page("")
    results = search(opened.page, "detencion")
    screenshot(opened.page, "search-es-detencion-finds-detencion-accented")
    assert any(url.split("?")[0].endswith("/es/mexico-lacks-capacity/") for url in results), (
        f"'detencion' did not find the page that says 'detención': {results}"
    )
    assert all(_is_spanish(url) for url in results), results
    text = opened.page.context.request.get(results[0].split("?")[0]).text()
    assert "detención" in text and "detencion" not in text.lower().replace("detención", "")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_word_found_nowhere_gives_the_no_results_message_in_the_page_language(open_page, language):
    opened = open_page(language, "due-process/")
    results = search(opened.page, "xyzzyqq", expect_results=False)
    screenshot(opened.page, f"search-{language}-no-results")
    assert results == []
    expect(opened.page.locator(".md-search-result__meta")).to_have_text(NO_RESULTS[language])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_search_worker_loads_only_when_the_reader_searches(open_page, language):
    """First loads stay light: lunr and its language support come with the first query."""
    opened = open_page(language, "")
    opened.page.wait_for_load_state("networkidle")

    def lunr_requests() -> list[str]:
        return [url for url in opened.requests if "/workers/search." in url or "/lunr/" in url]

    assert not lunr_requests(), lunr_requests()
    assert search(opened.page, WORD[language])
    assert any("/workers/search." in url for url in lunr_requests())
    if language == "es":
        assert any(url.endswith("/lunr.es.min.js") for url in lunr_requests())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_search_index_is_fetched_only_when_the_reader_goes_to_search(open_page, language):
    """Every first load is 4.5 to 5 KB lighter: the language's index comes when the search field
    takes focus, and the first query still finds the page."""
    opened = open_page(language, "")
    opened.page.wait_for_load_state("networkidle")

    def index_requests() -> list[str]:
        return [url for url in opened.requests if url.endswith("/search/search_index.json")]

    assert not index_requests(), index_requests()
    assert search(opened.page, WORD[language])
    folder = "/es/" if language == "es" else "/"
    assert len(index_requests()) == 1 and urlsplit(index_requests()[0]).path == f"{folder}search/search_index.json"
