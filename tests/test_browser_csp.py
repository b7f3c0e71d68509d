"""Every page carries a Content-Security-Policy that lets the theme work and refuses any other script."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import PAGE_PARAMS, browser, page_name, page_url, screenshot, search  # noqa: F401
from csp_support import open_watched
from sitebuild import StaticSiteHandler, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def watch(browser, site_server):
    contexts: list = []
    yield lambda language, page="": open_watched(browser, page_url(site_server, language, page), contexts)
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_the_policy_is_the_first_element_of_head_and_the_theme_runs_under_it(watch, language, page):
    watched = watch(language, page)
    first = watched.page.evaluate("document.head.firstElementChild.outerHTML")
    assert first.startswith('<meta http-equiv="Content-Security-Policy"'), first
    policy = watched.page.evaluate("document.head.firstElementChild.content")
    for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'none'", "worker-src 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # Material's inline scripts ran (their hashes are in the policy): its helpers exist.
    assert watched.page.evaluate("typeof __md_get") == "function"
    assert watched.violations() == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_search_works_under_the_policy(watch, language):
    watched = watch(language)
    word = {"en": "asylum", "es": "asilo"}[language]
    assert search(watched.page, word)
    screenshot(watched.page, f"csp-search-{language}")
    assert watched.violations() == []


def test_the_palette_toggle_works_under_the_policy(watch):
    watched = watch("en")
    page = watched.page
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    screenshot(page, "csp-palette-dark")
    assert watched.violations() == []


def test_footnote_tooltips_work_under_the_policy(watch):
    watched = watch("es", "not-safe-to-wait/")
    watched.page.locator("a.footnote-ref").first.hover()
    expect(watched.page.locator(".md-tooltip2--active .md-tooltip2__inner")).to_be_visible()
    screenshot(watched.page, "csp-footnote-tooltip")
    assert watched.violations() == []


def test_the_language_switch_works_under_the_policy(watch, site_server):
    watched = watch("en", "due-process/")
    page = watched.page
    page.locator(".md-header .md-select").hover()
    page.locator(".md-header .md-select__link[hreflang='es']").click()
    page.wait_for_url(page_url(site_server, "es", "due-process/"))
    page.wait_for_function("document.documentElement.classList.contains('js')")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert watched.violations() == []


def _inject(watch, script: str):
    """Run `script` in the English home page, as content that slipped past the sanitizer would; wait for the refusal."""
    watched = watch("en")
    watched.page.evaluate(script)
    watched.page.wait_for_function("window.__violations.length > 0")
    return watched


def test_an_injected_inline_script_is_refused(watch):
    watched = _inject(watch, """() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.body.append(script);
    }""")
    assert watched.page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in watched.violations()), watched.violations()
    assert any("Content Security Policy" in message for message in watched.console), watched.console


def test_an_injected_event_handler_is_refused(watch):
    watched = _inject(watch, """() => {
        const box = document.createElement("div");
        box.innerHTML = '<img src="missing.png" onerror="window.__injected = true">';
        document.body.append(box);
    }""")
    assert watched.page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src-attr") for v in watched.violations()), watched.violations()


def test_a_script_from_another_site_is_refused(watch):
    watched = _inject(watch, """() => {
        const script = document.createElement("script");
        script.src = "https://evil.example/x.js";
        document.body.append(script);
    }""")
    assert any("evil.example" in v for v in watched.violations()), watched.violations()


class RootNotFoundHandler(StaticSiteHandler):
    """A host like GitHub Pages: every unknown address gets the root 404.html (the default language's)."""

    def not_found_page(self) -> Path:
        return Path(self.directory) / "404.html"


@pytest.fixture
def root_not_found_server(site_build):
    server = serve(site_build.site_dir, RootNotFoundHandler)
    yield server.url
    server.stop()


def test_the_root_404_page_brings_in_the_language_404_page_under_the_policy(browser, root_not_found_server):
    contexts: list = []
    try:
        watched = open_watched(browser, root_not_found_server + "es/no-such-page/", contexts)
        expect(watched.page.locator("article h1")).to_have_text("404 – Página no encontrada")
        watched.page.wait_for_function("document.documentElement.classList.contains('js')")
        screenshot(watched.page, "csp-root-404-spanish")
        assert watched.page.evaluate("typeof __md_get") == "function"
        assert watched.violations() == []
    finally:
        for context in contexts:
            context.close()
