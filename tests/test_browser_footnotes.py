"""Note markers show the brief's numbers, lead to the note and back, and show the note on hover."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import browser, open_page, page_name, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser

# The brief's notes 1 to 6 and the page each is on.
NOTES = {1: "", 2: "not-safe-to-wait/", 3: "not-safe-to-wait/", 4: "not-safe-to-wait/", 5: "mexico-lacks-capacity/", 6: "mexico-lacks-capacity/"}
NOTE_PARAMS = [pytest.param(language, page, number, id=f"{language}-note-{number}") for language in LANGUAGES for number, page in NOTES.items()]


def _note(page, number: int):
    return page.locator(f"[id='fn:{number}']")


def _marker(page, number: int):
    return page.locator(f"[id='fnref:{number}'] a.footnote-ref, a.footnote-ref[href='#fn:{number}']").first


@pytest.mark.parametrize(("language", "page", "number"), NOTE_PARAMS)
def test_a_note_marker_leads_to_the_note_and_its_back_link_returns(open_page, language, page, number):
    browser_page = open_page(language, page).page
    marker = _marker(browser_page, number)
    expect(marker).to_have_text(str(number))

    marker.click()
    note = _note(browser_page, number)
    expect(note).to_be_in_viewport()
    # The ordered list shows the brief's number, not the note's position on the page.
    assert note.evaluate("li => li.value") == number
    screenshot(browser_page, f"footnote-{language}-{page_name(page)}-note-{number}-opened")

    note.locator("a.footnote-backref").first.click()
    expect(browser_page.locator(f"[id='fnref:{number}']")).to_be_in_viewport()
    screenshot(browser_page, f"footnote-{language}-{page_name(page)}-note-{number}-back-at-marker")


@pytest.mark.parametrize(("language", "page", "number"), NOTE_PARAMS)
def test_hovering_a_note_marker_shows_the_note_as_a_tooltip(open_page, language, page, number):
    browser_page = open_page(language, page).page
    _marker(browser_page, number).hover()
    tooltip = browser_page.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(tooltip).to_be_visible()
    note_text = _note(browser_page, number).inner_text().replace("↩", "").strip()
    expect(tooltip).to_contain_text(note_text[:40])
    screenshot(browser_page, f"footnote-{language}-{page_name(page)}-note-{number}-tooltip")


@pytest.mark.parametrize(("language", "page", "number"), NOTE_PARAMS)
def test_the_source_links_in_a_note_point_to_https(open_page, language, page, number):
    browser_page = open_page(language, page).page
    links = _note(browser_page, number).locator("a:not(.footnote-backref)")
    addresses = links.evaluate_all("links => links.map(a => a.href)")
    assert addresses, f"note {number} links to no source"
    assert all(address.startswith("https://") for address in addresses), addresses
