"""axe-core finds no WCAG 2.1 A or AA violation on any page, in either language or palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import PAGES, browser, open_page, page_name, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser

WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Material's palettes: the reader's light or dark system setting picks one on first visit.
SCHEMES = {"light": "default", "dark": "slate"}
PARAMS = [
    pytest.param(language, page, palette, id=f"{language}-{page_name(page)}-{palette}")
    for language in LANGUAGES
    for page in PAGES
    for palette in SCHEMES
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict]) -> str:
    """axe's findings as lines a person can act on: rule, impact, what to do, where."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']} - {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize(("language", "page", "palette"), PARAMS)
def test_axe_finds_no_wcag_21_a_or_aa_violation(open_page, axe, language, page, palette):
    browser_page = open_page(language, page, color_scheme=palette).page
    browser_page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=SCHEMES[palette]
    )
    results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_21_A_AA}, "resultTypes": ["violations"]})
    screenshot(browser_page, f"axe-{language}-{page_name(page)}-{palette}", full_page=True)
    violations = results.response["violations"]
    assert not violations, f"axe found {len(violations)} WCAG 2.1 A/AA violation(s):\n{describe(violations)}"
