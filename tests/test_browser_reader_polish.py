"""What readers see of the details the audits found: each test is one of them, checked in Chromium."""

from __future__ import annotations

import pytest

from browser import DESKTOP, PAGE_PARAMS, PAGES, PHONE, browser, open_page, page_name, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser

TITLES = {"en": "Remain in Mexico: A Dangerous and Untenable Proposal",
          "es": "Quédate en México: una propuesta peligrosa e insostenible"}
SHORT_TITLES = {language: title.split(":")[0] for language, title in TITLES.items()}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_shows_twice_in_the_first_desktop_view_header_and_heading(open_page, language):
    page = open_page(language, "").page
    # Visible elements whose own text is the title (the innermost such element, ¶ left out).
    shown = page.evaluate(
        """title => {
            const text = element => element.textContent.replace('¶', '').replace(/\\s+/g, ' ').trim();
            return [...document.querySelectorAll('body *')].filter(element => {
              if (text(element) !== title || [...element.children].some(child => text(child) === title)) return false;
              const box = element.getBoundingClientRect(), style = getComputedStyle(element);
              return box.width > 0 && box.height > 0 && box.top < innerHeight && box.bottom > 0
                  && style.visibility !== 'hidden' && style.opacity !== '0';
            }).map(element => element.tagName + '.' + element.className);
        }""",
        TITLES[language],
    )
    screenshot(page, f"polish-title-{language}-desktop")
    assert len(shown) == 2 and shown[-1].startswith("H1"), f"the title is shown in: {shown}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_header_shows_the_short_title_uncut(open_page, language):
    page = open_page(language, "", viewport=PHONE).page
    topic = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    screenshot(page, f"polish-header-{language}-phone")
    assert " ".join(topic.inner_text().split()) == SHORT_TITLES[language]
    assert topic.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_permalink_stays_on_the_line_of_its_headings_last_word(open_page, language, screen):
    page = open_page(language, "sources/", viewport=SCREENS[screen]).page
    # For each heading: the top of the ¶ against the top of the last line of the words before it.
    alone = page.evaluate(
        """() => [...document.querySelectorAll('article :is(h1, h2, h3)')].filter(heading => {
              const link = heading.querySelector('.headerlink'), range = document.createRange();
              range.setStart(heading, 0);
              range.setEndBefore(link);
              const lines = [...range.getClientRects()].filter(rect => rect.width > 0);
              return Math.abs(link.getBoundingClientRect().top - lines[lines.length - 1].top) > 4;
            }).map(heading => heading.id)""")
    screenshot(page, f"polish-permalinks-{language}-{screen}", full_page=True)
    assert page.locator("article h2 .headerlink").count() > 0
    assert not alone, f"¶ on a line of its own under: {alone}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_options_are_in_their_own_language_and_mark_the_current_one(open_page, language):
    page = open_page(language, "sources/").page
    options = page.eval_on_selector_all(
        ".md-select__link", "links => links.map(a => [a.lang, a.hreflang, a.getAttribute('aria-current')])")
    assert sorted(options) == sorted([other, other, "true" if other == language else None] for other in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_dialog_has_a_name(open_page, language):
    page = open_page(language, "").page
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")


@pytest.mark.parametrize("language", LANGUAGES)
def test_back_links_are_visible_without_hovering(open_page, language):
    page = open_page(language, "not-safe-to-wait/", viewport=PHONE).page
    backrefs = page.locator(".footnote-backref")
    assert backrefs.count() == 3
    assert backrefs.evaluate_all("links => links.every(a => getComputedStyle(a).opacity === '1')")


@pytest.mark.parametrize("language", LANGUAGES)
def test_restored_note_text_has_the_notes_colour_and_its_links_the_links_colour(open_page, language):
    page = open_page(language, "").page
    colours = page.evaluate("""() => {
        const ins = document.querySelector('.footnote ins'), note = ins.closest('li');
        const restoredLink = ins.querySelector('a'), link = document.querySelector('article p a:not(.footnote-ref)')
            || document.querySelector('.md-footer a') ;
        const style = element => getComputedStyle(element);
        return {ins: style(ins).color, note: style(note).color, insLine: style(ins).textDecorationLine,
                restoredLink: style(restoredLink).color, link: getComputedStyle(document.querySelector('.footnote-ref')).color};
    }""")
    assert colours["ins"] == colours["note"]
    assert colours["insLine"] == "none"  # the link inside keeps its own single underline
    assert colours["restoredLink"] == colours["link"]


def test_focused_skip_link_covers_nothing_of_the_translation_notice(open_page):
    page = open_page("es", "", viewport=PHONE).page
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("e => e === document.activeElement")
    screenshot(page, "polish-skip-es-phone")
    skip_box, notice_box = skip.bounding_box(), page.locator(".edition-notice").bounding_box()
    assert skip_box["y"] + skip_box["height"] <= notice_box["y"] or skip_box["y"] >= notice_box["y"] + notice_box["height"]
