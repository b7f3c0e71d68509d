"""While a page loads and a search runs, the browser asks nothing of any host but the local server."""

from __future__ import annotations

import pytest

from browser import PAGE_PARAMS, browser, open_page, page_name, screenshot, search  # noqa: F401

pytestmark = pytest.mark.browser

WORD = {"en": "asylum", "es": "asilo"}


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_loading_a_page_and_searching_asks_only_the_local_server_and_nothing_fails(open_page, language, page):
    """Nothing leaves for another host; nothing is wasted on a slow connection (Material's sitemap
    lookups beside each language link, for one, would fail)."""
    opened = open_page(language, page)
    opened.page.wait_for_load_state("networkidle")
    assert search(opened.page, WORD[language])
    opened.page.wait_for_load_state("networkidle")
    screenshot(opened.page, f"privacy-{language}-{page_name(page)}-after-search")
    assert opened.requests, "no request recorded"
    assert not opened.off_site(), f"requests off the local server: {opened.off_site()}"
    assert not opened.failed, f"failed requests: {opened.failed}"
