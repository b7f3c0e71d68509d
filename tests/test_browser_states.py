"""axe-core, every rule, finds nothing in the states a reader opens: the Cite dialog, search with
its results, a note's tooltip and the language menu, in both languages and both palettes.

tests/test_browser_accessibility.py checks every page at rest; this module opens each control.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PHONE, browser, open_page, screenshot, search  # noqa: F401
from sitebuild import LANGUAGES
from test_browser_accessibility import SCHEMES, describe

pytestmark = pytest.mark.browser

# A word each language's search finds on several pages.
SEARCH_WORDS = {"en": "children", "es": "niños"}


def open_cite(page) -> None:
    page.click(".edition-cite > summary")
    page.wait_for_selector(".edition-cite__panel", state="visible")


def open_search(page) -> None:
    search(page, SEARCH_WORDS[page.evaluate("document.documentElement.lang")])


def open_tooltip(page) -> None:
    page.hover("a.footnote-ref")
    page.wait_for_selector(".md-tooltip2--active, .md-tooltip2", state="visible")


def open_language_menu(page) -> None:
    page.click(".md-header .md-select > button")
    page.wait_for_selector(".md-select__inner", state="visible")


STATES = {"cite": ("not-safe-to-wait/", open_cite), "search": ("", open_search),
          "tooltip": ("not-safe-to-wait/", open_tooltip), "language-menu": ("", open_language_menu)}
PARAMS = [pytest.param(language, state, palette, DESKTOP, id=f"{language}-{state}-{palette}")
          for language in LANGUAGES for state in STATES for palette in SCHEMES]
# On a phone the Cite panel spans the screen, over the page.
PARAMS += [pytest.param(language, "cite", palette, PHONE, id=f"{language}-cite-{palette}-phone")
           for language in LANGUAGES for palette in SCHEMES]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize(("language", "state", "palette", "viewport"), PARAMS)
def test_axe_finds_nothing_with_a_control_open(open_page, axe, language, state, palette, viewport):
    path, opener = STATES[state]
    page = open_page(language, path, color_scheme=palette, viewport=viewport).page
    page.wait_for_function("scheme => document.body.getAttribute('data-md-color-scheme') === scheme",
                           arg=SCHEMES[palette])
    opener(page)
    results = axe.run(page, options={"resultTypes": ["violations"]})
    screenshot(page, f"state-{language}-{state}-{palette}-{viewport['width']}")
    violations = results.response["violations"]
    assert not violations, f"axe found {len(violations)} violation(s) with {state} open:\n{describe(violations)}"
