"""An unknown address under each language shows that language's not-found page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import browser, open_page, screenshot  # noqa: F401

pytestmark = pytest.mark.browser

# The not-found heading each language's 404 page shows.
HEADINGS = {"en": "404 – Page not found", "es": "404 – Página no encontrada"}
SEARCH_PLACEHOLDER = {"en": "Search", "es": "Búsqueda"}


@pytest.mark.parametrize(("language", "path"), [("en", "no-such-page/"), ("es", "es/no-such-page/")], ids=["en", "es"])
def test_an_unknown_address_shows_the_language_not_found_page(open_page, site_server, language, path):
    opened = open_page(language, "", path=path)
    browser_page = opened.page
    response = browser_page.context.request.get(site_server.url + path)
    assert response.status == 404
    assert browser_page.evaluate("document.documentElement.lang") == language
    expect(browser_page.locator("article h1")).to_have_text(HEADINGS[language])
    expect(browser_page.locator("input.md-search__input")).to_have_attribute("placeholder", SEARCH_PLACEHOLDER[language])
    screenshot(browser_page, f"not-found-{language}")
