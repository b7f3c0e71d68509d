"""At 375 x 667 pixels no page scrolls sideways, and the navigation drawer opens and closes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import PAGE_PARAMS, PHONE, browser, open_page, page_name, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_no_page_scrolls_sideways_on_a_phone(open_page, language, page):
    browser_page = open_page(language, page, viewport=PHONE).page
    widths = browser_page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    screenshot(browser_page, f"phone-{language}-{page_name(page)}", full_page=True)
    assert widths["scroll"] <= widths["client"], (
        f"the page is {widths['scroll']} px wide in a {widths['client']} px window: it scrolls sideways"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_navigation_drawer_opens_and_closes_on_a_phone(open_page, language):
    browser_page = open_page(language, "due-process/", viewport=PHONE).page
    drawer = browser_page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()

    browser_page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    expect(drawer.locator(".md-nav__link", has_text="About" if language == "en" else "Acerca")).to_be_visible()
    screenshot(browser_page, f"phone-{language}-drawer-open")

    # The shaded overlay right of the drawer closes it, as a tap beside the menu does.
    browser_page.locator("label.md-overlay").click(position={"x": PHONE["width"] - 20, "y": PHONE["height"] // 2})
    expect(drawer).not_to_be_in_viewport()
    screenshot(browser_page, f"phone-{language}-drawer-closed")
