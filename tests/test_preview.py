"""`python3 scripts/site.py serve`: findings show in the page and the terminal, never hang it."""

from __future__ import annotations

import signal
import time
import urllib.request
from pathlib import Path

import pytest

from browser import browser  # noqa: F401
from preview_support import port_in_use, serving
from translation_support import build, copy_project, edit, line_of

BROKEN_LINK = ("[Fuentes](sources.md)", "[Fuentes](sourcez.md)")
PAGE = Path("docs/es/about.md")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def broken_preview(tmp_path_factory):
    """A preview of a copy whose Spanish page has a broken link from the start."""
    root = copy_project(tmp_path_factory.mktemp("preview"))
    edit(root / PAGE, *BROKEN_LINK)
    with serving(root) as preview:
        yield root, preview


def test_a_page_with_an_error_is_served_not_held(broken_preview):
    _, preview = broken_preview
    assert 'role="alert"' in get(preview.url + "es/about/")


def test_the_banner_lists_the_finding_with_file_line_and_severity(broken_preview):
    root, preview = broken_preview
    page = get(preview.url + "es/about/")
    line = line_of(root / PAGE, "sourcez.md")
    assert f"docs/es/about.md:{line}:" in page
    assert "link-broken" in page and "refcheck-preview__finding--error" in page


def test_other_pages_list_it_among_other_files(broken_preview):
    _, preview = broken_preview
    page = get(preview.url + "due-process/")
    assert 'class="refcheck-preview__elsewhere" open' in page and "docs/es/about.md:" in page


def test_the_terminal_prints_the_error_at_error_level(broken_preview):
    root, preview = broken_preview
    line = line_of(root / PAGE, "sourcez.md")
    assert any(entry.startswith("ERROR") and f"docs/es/about.md:{line}:" in entry and "link-broken" in entry
               for entry in preview.lines)


def test_the_terminal_summary_names_a_command_that_works(broken_preview):
    _, preview = broken_preview
    assert "`python3 scripts/site.py check`" in preview.output()
    assert "python scripts/check_references.py" not in preview.output()


def test_the_terminal_has_no_plugin_settings_dumps(broken_preview):
    _, preview = broken_preview
    assert "mkdocs_static_i18n" not in preview.output()


def test_a_published_build_still_fails_on_the_error(broken_preview, tmp_path):
    root, _ = broken_preview
    done = build(root, tmp_path / "site")
    assert done.returncode != 0 and "link-broken" in done.stdout + done.stderr


def test_a_clean_preview_has_no_banner(tmp_path):
    root = copy_project(tmp_path)
    with serving(root) as preview:
        assert "refcheck-preview" not in get(preview.url + "es/about/")


@pytest.mark.browser
def test_the_banner_appears_in_the_browser_and_goes_when_fixed(browser, tmp_path):  # noqa: F811
    root = copy_project(tmp_path)
    with serving(root) as preview:
        page = browser.new_page()
        # wait_for reloads the page itself; MkDocs' live reload would reload it at the same time.
        page.route("**/livereload/**", lambda route: route.abort())
        try:
            page.goto(preview.url + "es/about/")
            assert page.locator(".refcheck-preview").count() == 0
            edit(root / PAGE, *BROKEN_LINK)
            banner = page.locator("[role=alert].refcheck-preview")
            assert wait_for(page, lambda: banner.count() == 1)
            assert banner.get_attribute("lang") == "es"
            assert banner.is_visible()
            # Styled by the checker's own stylesheet, which the plugin adds to the preview's theme.
            assert banner.evaluate("element => getComputedStyle(element).borderLeftStyle") == "solid"
            assert "link-broken" in banner.inner_text() and "docs/es/about.md:" in banner.inner_text()
            edit(root / PAGE, BROKEN_LINK[1], BROKEN_LINK[0])
            assert wait_for(page, lambda: banner.count() == 0)
        finally:
            page.close()


def wait_for(page, condition, timeout: float = 90) -> bool:
    """Reload the page until `condition()` holds: the preview rebuilds after each save."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.reload()
        if condition():
            return True
    return False


def test_serve_lang_es_says_where_and_serves_es_too(tmp_path):
    root = copy_project(tmp_path)
    with serving(root, "--lang", "es") as preview:
        assert f"{preview.url}es/" in preview.output()
        assert 'lang="es"' in get(preview.url + "es/about/")
        assert 'lang="es"' in get(preview.url + "about/")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_site_py_serve_stops_its_server(tmp_path, signum):
    root = copy_project(tmp_path)
    with serving(root) as preview:
        preview.process.send_signal(signum)
        preview.process.wait(timeout=30)
        assert not port_in_use(preview.port)


def test_the_banner_shows_markup_refusals_with_control_characters_visible(tmp_path):
    """What the build refuses in a page's markup is in the preview's banner too, its text made safe."""
    root = copy_project(tmp_path)
    edit(root / PAGE, "[Fuentes](sources.md)", '[Fuentes](sources.md){ href="https://evil.example/" } \u202e70')
    with serving(root) as preview:
        page = get(preview.url + "es/about/")
    line = line_of(root / PAGE, "evil.example")
    assert f"docs/es/about.md:{line}:" in page and "markup-not-allowed" in page and "bidi-control" in page
    assert "U+202E" in page and "evil.example" not in page.split('role="alert"', 1)[0]
