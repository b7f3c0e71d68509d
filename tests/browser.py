"""Shared Playwright fixtures and helpers for the browser tests (tests/test_browser_*.py).

One Chromium per test session (Debian's /usr/bin/chromium; Playwright never downloads a browser
here), one fresh browser context per page opened, so no test sees another's cache, storage or
palette choice. Every test saves screenshots of what it checked into
test-artifacts/screenshots/ at the repository root.
"""

from __future__ import annotations

import atexit
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import snowballstemmer

from sitebuild import CHROMIUM, CHROMIUM_ARGS, DEFAULT_LANGUAGE, LANGUAGES, ROOT, Server

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Every page of the site, by its address inside a language folder ("" is the home page).
PAGES = ("", "not-safe-to-wait/", "mexico-lacks-capacity/", "due-process/", "sources/", "about/", "changes/")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
# Fail within seconds rather than Playwright's default 30 s: everything is served from 127.0.0.1.
TIMEOUT_MS = 10_000

# Material's own interface text, as the theme ships it for each language.
NO_RESULTS = {"en": "No matching documents", "es": "No se encontraron documentos"}

def page_name(page: str) -> str:
    """`not-safe-to-wait/` -> `not-safe-to-wait`, the home page -> `index`; for ids and file names."""
    return page.strip("/") or "index"


# (language, page) for every page in every language, with readable test ids.
PAGE_PARAMS = [pytest.param(language, page, id=f"{language}-{page_name(page)}") for language in LANGUAGES for page in PAGES]


def other_language(language: str) -> str:
    return next(other for other in LANGUAGES if other != language)


def page_url(server: Server, language: str, page: str) -> str:
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return f"{server.url}{prefix}{page}"


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save what the test checked as test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@dataclass
class OpenedPage:
    """A page and every request its browser context made, in order."""

    page: object
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "404 http://..." for every answer >= 400

    def off_site(self) -> list[str]:
        """Requests to any host other than the local server's (data: and blob: URLs stay local)."""
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and urlsplit(url).hostname != "127.0.0.1"]


_chromium: dict[str, object] = {}


def _shared_chromium():
    """One Chromium for the whole session, whichever test module asks first.

    Each test module imports the fixtures below, which gives each module its own copy of a
    session fixture; the browser itself is kept here so that there is only one.
    """
    if "browser" not in _chromium:
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            pytest.fail(f"{CHROMIUM} is missing: `python3 scripts/site.py test` installs Debian's chromium")
        playwright = sync_playwright().start()
        _chromium["playwright"] = playwright
        _chromium["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(_close_chromium)
    return _chromium["browser"]


def _close_chromium() -> None:
    browser = _chromium.pop("browser", None)
    if browser is not None:
        browser.close()
        _chromium.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    return _shared_chromium()


@pytest.fixture
def open_page(browser, site_server: Server) -> Iterator[Callable[..., OpenedPage]]:
    """open_page(language, page, viewport=DESKTOP, color_scheme="light") -> OpenedPage, loaded.

    Each call gets its own browser context; all are closed when the test ends.
    """
    contexts = []

    def open_(language: str, page: str, *, viewport: dict = DESKTOP, color_scheme: str = "light",
              path: str | None = None) -> OpenedPage:
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, reduced_motion="reduce")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = OpenedPage(page=context.new_page())
        context.on("request", lambda request: opened.requests.append(request.url))
        context.on("response", lambda response: response.status >= 400 and opened.failed.append(
            f"{response.status} {response.url}"))
        url = page_url(site_server, language, page) if path is None else site_server.url + path
        opened.page.goto(url, wait_until="load")
        # Material's JavaScript marks the document once it has taken over the page.
        opened.page.wait_for_function("document.documentElement.classList.contains('js')")
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def en_page(open_page) -> Callable[[str], OpenedPage]:
    """en_page("sources/") opens an English page."""
    return lambda page, **options: open_page("en", page, **options)


@pytest.fixture
def es_page(open_page) -> Callable[[str], OpenedPage]:
    """es_page("sources/") opens a Spanish page."""
    return lambda page, **options: open_page("es", page, **options)


# lunr's stemmers: Porter's original algorithm for English, Snowball's for Spanish.
STEMMERS = {"en": snowballstemmer.stemmer("porter"), "es": snowballstemmer.stemmer("spanish")}


def search(page, words: str, *, expect_results: bool = True) -> list[str]:
    """Type words into Material's search box as a reader does; return the result links' addresses."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():
        toggle.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    # Material searches on key events, so type the words rather than fill them in.
    box.press_sequentially(words, delay=10)
    # The worker answers each keystroke in turn, and a part of a word may find nothing ("traffi"
    # stems to no prefix of "traffick"). So wait for what the whole word gives: results whose links
    # highlight the word's stem (the site stems what is typed with lunr's Snowball stemmers), or,
    # where nothing is expected, the "no results" line.
    language = page.evaluate("document.documentElement.lang")
    stem = " ".join(STEMMERS[language].stemWords(words.lower().split()))
    if expect_results:
        page.wait_for_function(
            """stem => [...document.querySelectorAll('.md-search-result__list > li a')]
                .some(a => new URL(a.href).searchParams.get('h') === stem)""",
            arg=stem,
        )
    else:
        page.wait_for_function(
            """none => document.querySelector('.md-search-result__meta')?.textContent.trim() === none""",
            arg=NO_RESULTS[language],
        )
    return page.eval_on_selector_all(".md-search-result__list > li a", "links => links.map(a => a.href)")
