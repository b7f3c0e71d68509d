"""Open a page in Chromium with every Content-Security-Policy violation recorded (tests of the CSP)."""

from __future__ import annotations

from dataclasses import dataclass

from browser import DESKTOP, TIMEOUT_MS

# Runs before the page's own scripts (Playwright injects it outside the page's CSP). On the window, which
# keeps its listeners when a script rewrites the document (document.open).
RECORD_VIOLATIONS = """
window.__violations = [];
window.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.effectiveDirective + " " + (event.blockedURI || "inline"));
});
"""


@dataclass
class WatchedPage:
    page: object
    console: list[str]

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")


def open_watched(browser, url: str, contexts: list) -> WatchedPage:
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    contexts.append(context)
    page = context.new_page()
    watched = WatchedPage(page, [])
    page.on("console", lambda message: watched.console.append(message.text))
    page.goto(url, wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('js')")
    return watched
