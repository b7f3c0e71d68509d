"""Chromium's print of every page (assets/stylesheets/print.css): what paper keeps and drops.

Each printed page is saved as test-artifacts/print/<language>-<page>.pdf, and its first sheet as a
screenshot beside the others (test-artifacts/screenshots/print-<language>-<page>.png).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from browser import PAGE_PARAMS, SCREENSHOTS, browser, open_page, page_name  # noqa: F401
from pages import normalize
from sitebuild import ROOT

pytestmark = pytest.mark.browser

PRINTS = ROOT / "test-artifacts" / "print"
TITLES = {
    "en": "Remain in Mexico: A Dangerous and Untenable Proposal",
    "es": "Quédate en México: una propuesta peligrosa e insostenible",
}
PUBLISHED = {"en": "Kids in Need of Defense (KIND), November 30, 2018",
             "es": "Kids in Need of Defense (KIND), 30 de noviembre de 2018"}
TRANSLATION_NOTICE = "Traducción de esta edición: KIND publicó este informe solo en inglés."
PRINT_PARAMS = [*PAGE_PARAMS, *(pytest.param(language, "brief/", id=f"{language}-brief") for language in TITLES)]


@dataclass(frozen=True)
class Printed:
    """A page as Chromium printed it, and what the page itself says that paper should keep or drop."""

    path: Path
    address: str  # the page's canonical address
    sources: tuple[str, ...]  # every outside address linked from the article
    # every outside link of the article: its address as the HTML writes it, whether its text is that
    # address, and whether it is in a note
    source_links: tuple[tuple[str, bool, bool], ...]
    search_placeholder: str
    downloads_label: str


_printed: dict[tuple[str, str], Printed] = {}


def print_page(open_page, language: str, page: str) -> Printed:
    """Chromium's print (print media, Letter) of the page, made once per test session."""
    if (language, page) in _printed:
        return _printed[language, page]
    opened = open_page(language, page).page
    opened.emulate_media(media="print")
    PRINTS.mkdir(parents=True, exist_ok=True)
    path = PRINTS / f"{language}-{page_name(page)}.pdf"
    opened.pdf(path=str(path), format="Letter")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(SCREENSHOTS / f"print-{language}-{page_name(page)}")], check=True)
    printed = Printed(
        path=path,
        address=opened.evaluate("document.querySelector('link[rel=canonical]').href"),
        sources=tuple(opened.eval_on_selector_all("article a[href^='http']", "links => links.map(a => a.href)")),
        source_links=tuple(tuple(link) for link in opened.eval_on_selector_all(
            "article a[href^='http']", "links => links.map(a => [a.getAttribute('href'),"
            " a.textContent.trim() === a.getAttribute('href'), a.closest('.footnote') !== null])")),
        search_placeholder=opened.get_attribute("input.md-search__input", "placeholder"),
        downloads_label=opened.get_attribute("nav.edition-downloads", "aria-label"),
    )
    _printed[language, page] = printed
    return printed


def printed_text(path: Path, page: int | None = None) -> str:
    command = ["pdftotext", "-raw", "-enc", "UTF-8"] + (["-f", str(page), "-l", str(page)] if page else [])
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize(("language", "page"), PRINT_PARAMS)
def test_print_gives_the_briefs_title_publisher_date_and_the_pages_address(open_page, language, page):
    printed = print_page(open_page, language, page)
    text = normalize(printed_text(printed.path))
    assert TITLES[language] in text
    assert PUBLISHED[language] in text
    assert printed.address in text


@pytest.mark.parametrize(("language", "page"), [p for p in PRINT_PARAMS if p.values[0] == "es"])
def test_printed_spanish_pages_carry_the_translation_notice_and_every_source_address(open_page, language, page):
    printed = print_page(open_page, language, page)
    text = printed_text(printed.path)
    assert TRANSLATION_NOTICE in normalize(text)
    joined = re.sub(r"\s+", "", text)  # an address may wrap over lines
    missing = [address for address in printed.sources if f"<{address}>" not in joined]
    # An address given as the link's own text is printed as that text, not again after it.
    missing = [address for address in missing if address not in joined]
    assert not missing, missing


@pytest.mark.parametrize(("language", "page"), PRINT_PARAMS)
def test_each_address_in_the_notes_is_printed_once_for_each_link(open_page, language, page):
    """After the link's text, or as the link's own text (the addresses restored in notes 5 and 6):
    then print.css does not print it again after it."""
    printed = print_page(open_page, language, page)
    joined = re.sub(r"\s+", "", printed_text(printed.path))  # an address may wrap over lines
    wrong = {}
    for address in {href for href, _, in_note in printed.source_links if in_note}:
        after_link_text = sum(1 for href, shown, _ in printed.source_links if href == address and not shown)
        if joined.count(f"<{address}>") != after_link_text:
            wrong[address] = (joined.count(f"<{address}>"), after_link_text)
    assert not wrong, f"address: (times printed between < >, links with other text): {wrong}"


@pytest.mark.parametrize(("language", "page"), [("en", "mexico-lacks-capacity/"), ("es", "mexico-lacks-capacity/")])
def test_the_pages_with_restored_addresses_have_links_that_show_their_address(open_page, language, page):
    """What the test above checks for them: notes 5 and 6 give an address as the link's own text."""
    assert sum(shown and in_note for _, shown, in_note in print_page(open_page, language, page).source_links) == 2


@pytest.mark.parametrize(("language", "page"), PRINT_PARAMS)
def test_no_printed_sheet_is_blank(open_page, language, page):
    path = print_page(open_page, language, page).path
    with pikepdf.open(path) as pdf:
        sheets = len(pdf.pages)
    blank = [number for number in range(1, sheets + 1) if not printed_text(path, number).strip()]
    assert not blank, f"blank sheets {blank} of {sheets}"


# The Spanish first page no longer is one: it carries this edition's dated note on what followed the brief.
@pytest.mark.parametrize(("language", "page"), [("en", "due-process/"), ("es", "due-process/")])
def test_short_pages_print_on_one_sheet(open_page, language, page):
    with pikepdf.open(print_page(open_page, language, page).path) as pdf:
        assert len(pdf.pages) == 1


@pytest.mark.parametrize(("language", "page"), PRINT_PARAMS)
def test_print_leaves_out_navigation_back_links_and_permalinks(open_page, language, page):
    printed = print_page(open_page, language, page)
    text = printed_text(printed.path)
    assert "↩" not in text and "¶" not in text
    assert printed.search_placeholder and printed.search_placeholder not in text
    assert printed.downloads_label and printed.downloads_label not in text
