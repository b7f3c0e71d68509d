"""The header's language selector leads from every page to the same page in the other language, and back."""

from __future__ import annotations

import pytest

from browser import PAGE_PARAMS, browser, open_page, other_language, page_name, page_url, screenshot  # noqa: F401

pytestmark = pytest.mark.browser


def _switch(page, language: str) -> None:
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-header .md-select__link[hreflang='{language}']").click()


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_the_language_switch_leads_to_the_same_page_in_the_other_language_and_back(
    open_page, site_server, language, page
):
    other = other_language(language)
    opened = open_page(language, page)
    browser_page = opened.page
    screenshot(browser_page, f"language-switch-{language}-{page_name(page)}-before")

    _switch(browser_page, other)
    browser_page.wait_for_url(page_url(site_server, other, page))
    assert browser_page.evaluate("document.documentElement.lang") == other
    screenshot(browser_page, f"language-switch-{language}-{page_name(page)}-to-{other}")

    _switch(browser_page, language)
    browser_page.wait_for_url(page_url(site_server, language, page))
    assert browser_page.evaluate("document.documentElement.lang") == language


@pytest.mark.parametrize(("language", "page", "fragment"), [
    ("es", "mexico-lacks-capacity/", "#fn:5"),
    ("en", "not-safe-to-wait/", "#fnref:3"),
    ("es", "sources/", "#closed-doors"),
])
def test_the_language_switch_keeps_the_readers_place(open_page, site_server, language, page, fragment):
    """A note, its marker and the explicit heading ids are the same in both languages."""
    other = other_language(language)
    opened = open_page(language, page, path=page_url(site_server, language, page)[len(site_server.url):] + fragment)
    _switch(opened.page, other)
    opened.page.wait_for_url(page_url(site_server, other, page) + fragment)
    assert opened.page.evaluate("document.documentElement.lang") == other
    target = opened.page.locator(f"[id='{fragment[1:]}']")
    assert target.count() == 1
    assert target.first.bounding_box()["y"] < opened.page.viewport_size["height"]
    screenshot(opened.page, f"language-switch-{language}-{page_name(page)}-keeps-{fragment[1:].replace(':', '-')}")
