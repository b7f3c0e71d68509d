"""The header block's controls by keyboard and by screen reader, and the notes as they are read.

Cite opens from the keyboard and its copy buttons copy; Copy link copies the page's address with
the reader's place; the language links keep that place. Notes: markers named "Note 2" / "Nota 2",
a "Notes" heading screen readers find, text at 14 px or more and 7:1 or better in both palettes;
restored text stays inside a phone's column.
"""

from __future__ import annotations

import pytest

from browser import browser, open_page, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser

NOTE = {"en": "Note {n}", "es": "Nota {n}"}
NOTES = {"en": "Notes", "es": "Notas"}
COPIED = {"en": "Copied", "es": "Copiado"}

# WCAG's relative luminance and contrast ratio of two "rgb(r, g, b)" colours, in the page.
CONTRAST_JS = """
([fg, bg]) => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = parse(c).slice(0, 3).map(v => v / 255).map(
      v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def granted(open_page, language, page, **options):
    opened = open_page(language, page, **options).page
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return opened


@pytest.mark.parametrize("language", LANGUAGES)
def test_cite_opens_from_the_keyboard_and_copies_each_citation(open_page, language):
    page = granted(open_page, language, "not-safe-to-wait/")
    page.focus(".edition-cite > summary")
    page.keyboard.press("Enter")
    panel = page.locator(".edition-cite__panel")
    panel.wait_for(state="visible")
    screenshot(page, f"cite-open-{language}")
    apa = page.inner_text("#edition-cite-apa")
    page.click("[data-copy-text='edition-cite-apa']")
    page.wait_for_function("text => document.querySelector('[data-copy-status]').textContent === text",
                           arg=COPIED[language])
    assert page.evaluate("navigator.clipboard.readText()") == " ".join(apa.split())
    page.click(".edition-copy[data-copy-file$='.bib']")
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.startsWith('@techreport'))")
    page.focus(".edition-cite > summary")
    page.keyboard.press("Enter")
    panel.wait_for(state="hidden")


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_link_copies_the_address_with_the_readers_place(open_page, language):
    page = granted(open_page, language, "not-safe-to-wait/")
    page.evaluate("location.hash = '#fn:2'")
    page.click("[data-copy-link]")
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.endsWith('not-safe-to-wait/#fn:2'))")


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_links_keep_the_readers_place(open_page, language):
    page = open_page(language, "not-safe-to-wait/").page
    page.evaluate("location.hash = '#fn:3'")
    page.click(".edition-languages__link:not([aria-current])")
    page.wait_for_url("**#fn:3")


@pytest.mark.parametrize("language", LANGUAGES)
def test_note_markers_and_the_notes_heading_are_named(open_page, language):
    page = open_page(language, "not-safe-to-wait/").page
    labels = page.eval_on_selector_all("a.footnote-ref", "links => links.map(a => a.getAttribute('aria-label'))")
    assert labels == [NOTE[language].format(n=n) for n in (2, 3, 4)]
    heading = page.locator("div.footnote > h2")
    assert heading.inner_text() == NOTES[language]
    assert heading.bounding_box()["width"] <= 1  # for screen readers, not for sight
    page.hover("a.footnote-ref")
    dialog = page.locator("[role=dialog][id^='__tooltip2_']").first
    dialog.wait_for(state="visible")
    assert dialog.get_attribute("aria-label") == NOTE[language].format(n=2)


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_note_text_is_14_px_at_7_to_1(open_page, language, palette):
    page = open_page(language, "not-safe-to-wait/", color_scheme=palette).page
    style = page.evaluate("""() => { const p = document.querySelector('div.footnote li p');
        const s = getComputedStyle(p); return [s.fontSize, s.color, getComputedStyle(document.body).backgroundColor]; }""")
    assert float(style[0].removesuffix("px")) >= 14
    assert page.evaluate(CONTRAST_JS, [style[1], style[2]]) >= 7


@pytest.mark.parametrize("language", LANGUAGES)
def test_restored_text_stays_in_a_phones_column_and_has_no_frame(open_page, language):
    page = open_page(language, "mexico-lacks-capacity/", viewport={"width": 390, "height": 844}).page
    found = page.evaluate("""() => [...document.querySelectorAll('article ins')].map(ins => {
        const box = ins.getBoundingClientRect(), s = getComputedStyle(ins);
        return [box.right <= document.documentElement.clientWidth, s.borderTopStyle, s.borderLeftStyle]; })""")
    screenshot(page, f"restored-phone-{language}", full_page=True)
    assert found and all(fits for fits, _, _ in found)
    assert {(top, left) for _, top, left in found} == {("none", "none")}
