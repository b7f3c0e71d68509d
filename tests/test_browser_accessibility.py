"""axe-core, with every one of its rules (WCAG and best practices), finds nothing on any page.

Every page, in either language and palette, on a phone and on a desktop screen.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PAGES, PHONE, browser, open_page, page_name, screenshot  # noqa: F401
from sitebuild import LANGUAGES

pytestmark = pytest.mark.browser

# Material's palettes: the reader's light or dark system setting picks one on first visit.
SCHEMES = {"light": "default", "dark": "slate"}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
PARAMS = [
    pytest.param(language, page, palette, screen, id=f"{language}-{page_name(page)}-{palette}-{screen}")
    for language in LANGUAGES
    for page in PAGES
    for palette in SCHEMES
    for screen in SCREENS
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


@pytest.mark.parametrize(("language", "page", "palette", "screen"), PARAMS)
def test_axe_with_all_rules_finds_nothing(open_page, axe, language, page, palette, screen):
    browser_page = open_page(language, page, color_scheme=palette, viewport=SCREENS[screen]).page
    browser_page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=SCHEMES[palette]
    )
    # No runOnly: every rule axe has, best practices included, not only the WCAG-tagged ones.
    results = axe.run(browser_page, options={"resultTypes": ["violations"]})
    screenshot(browser_page, f"axe-{language}-{page_name(page)}-{palette}-{screen}", full_page=True)
    violations = results.response["violations"]
    assert not violations, f"axe found {len(violations)} violation(s):\n{describe(violations)}"
