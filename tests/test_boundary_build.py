"""A pull request that touches docs/ only puts nothing on the site that the boundary refuses.

A copy of the project gets every payload of tests/boundary_payloads.py at once. The checker (what
`check` and pre-commit run) and the strict build must name each at its file and line, the build must
publish none of it, and in Chromium, with the Content-Security-Policy removed (so that the test
proves the allowlists, the CSP being a second wall), no payload runs on any page.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from boundary_payloads import ALLOWED, PAYLOADS, FilePayload
from browser import PAGES, browser  # noqa: F401
from csp_support import open_watched
from sitebuild import serve
from translation_support import copy_project

CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')
PAYLOAD_PARAMS = [pytest.param(payload, id=payload.name) for payload in PAYLOADS]
# Words of payload pages that must be nowhere on the site.
FOREIGN = (b"__pwned", b"evil.example", b"Falso", b"Otro texto")


@dataclass(frozen=True)
class BoundarySite:
    root: Path
    site_dir: Path
    build_log: str
    build_status: int
    build_seconds: float
    check_output: str
    check_status: int
    check_seconds: float


def _run(command: list[str], root: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PUBLISH_PDF": "off",
                               "LANG": "C.UTF-8", "HOME": str(root)})
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def boundary_site(tmp_path_factory: pytest.TempPathFactory) -> BoundarySite:
    root = copy_project(tmp_path_factory.mktemp("boundary"))
    for payload in PAYLOADS:
        (root / payload.file).parent.mkdir(parents=True, exist_ok=True)
        (root / payload.file).write_bytes(payload.data)
    for file, _published, data in ALLOWED:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_bytes(data)
    site_dir = root / "site"
    built, build_seconds = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], root)
    # The checker pre-commit runs (`site.py check` runs this after making sure .venv/ is installed).
    checked, check_seconds = _run([sys.executable, "scripts/check_references.py"], root)
    return BoundarySite(root, site_dir, built.stdout + built.stderr, built.returncode, build_seconds,
                        checked.stdout + checked.stderr, checked.returncode, check_seconds)


def _where(payload: FilePayload) -> str:
    line = payload.line()
    return f"{payload.file}:{line}" if line is not None else payload.file


def test_the_strict_build_and_check_fail_without_a_traceback(boundary_site: BoundarySite) -> None:
    assert boundary_site.build_status == 1, boundary_site.build_log[-3000:]
    assert boundary_site.check_status == 1, boundary_site.check_output[-3000:]
    for log in (boundary_site.build_log, boundary_site.check_output):
        assert "Traceback" not in log and "Error:" not in log.replace("ERROR", ""), log[-3000:]


def test_every_payload_answers_within_30_seconds(boundary_site: BoundarySite) -> None:
    # All payloads at once (an alias bomb of 9^9 values, a 13,000 x 13,000 PNG ...): each alone does less.
    assert boundary_site.check_seconds < 30, boundary_site.check_seconds
    assert boundary_site.build_seconds < 30, boundary_site.build_seconds


@pytest.mark.parametrize("payload", PAYLOAD_PARAMS)
def test_check_reports_each_payload_at_its_file_and_line(boundary_site: BoundarySite, payload: FilePayload) -> None:
    expected = f"{_where(payload)}: error {payload.rule}: "
    assert expected in boundary_site.check_output, [l for l in boundary_site.check_output.splitlines() if payload.file in l]


@pytest.mark.parametrize("payload", PAYLOAD_PARAMS)
def test_the_build_reports_each_payload_at_its_file_and_line(boundary_site: BoundarySite, payload: FilePayload) -> None:
    expected = f"ERROR   -  {_where(payload)}: {payload.rule}: "
    assert expected in boundary_site.build_log, [l for l in boundary_site.build_log.splitlines() if payload.file in l]


@pytest.mark.parametrize("payload", PAYLOAD_PARAMS)
def test_no_payload_is_published(boundary_site: BoundarySite, payload: FilePayload) -> None:
    if payload.published is not None:
        published = boundary_site.site_dir / payload.published
        assert not published.is_file() or published.read_bytes() != payload.data


def test_nothing_of_the_payloads_is_anywhere_on_the_site(boundary_site: BoundarySite) -> None:
    found = [(path.relative_to(boundary_site.site_dir).as_posix(), word) for path in boundary_site.site_dir.rglob("*")
             if path.is_file() for word in FOREIGN if word in path.read_bytes()]
    assert found == []


def test_what_a_pull_request_may_add_is_published(boundary_site: BoundarySite) -> None:
    for file, published, data in ALLOWED:
        assert (boundary_site.site_dir / published).read_bytes() == data
        assert file not in boundary_site.check_output


@pytest.fixture(scope="module")
def open_site(boundary_site: BoundarySite, browser):  # noqa: F811
    for page in boundary_site.site_dir.rglob("*.html"):
        page.write_bytes(CSP_META.sub(b"", page.read_bytes()))
    server = serve(boundary_site.site_dir)
    contexts: list = []
    yield lambda path: open_watched(browser, server.url + path, contexts)
    for context in contexts:
        context.close()
    server.stop()


NO_ACTIVE_CONTENT = """() => [
  ...[...document.querySelectorAll("meta[http-equiv]")].map(m => "meta " + m.httpEquiv),
  ...[...document.querySelectorAll("link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=prefetch]")].map(l => l.href),
  ...[...document.querySelectorAll("script[src], img[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preload]")]
      .map(e => e.src || e.href).filter(u => !u.startsWith(location.origin)),
  ...[...document.querySelectorAll("iframe, object, embed, base, article script, article style")].map(e => e.tagName),
]"""


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"{language}{page}" for language in ("", "es/") for page in PAGES])
def test_no_payload_runs_on_any_page_without_the_csp(open_site, path: str) -> None:
    watched = open_site(path)
    page = watched.page
    assert "Content-Security-Policy" not in page.content()  # the allowlists alone are tested
    page.mouse.move(200, 300)
    assert page.evaluate("window.__pwned") is None
    assert page.url.startswith("http://127.0.0.1")
    assert page.evaluate(NO_ACTIVE_CONTENT) == []
    text = page.locator("article").inner_text()
    assert "description:" not in text and "translation_of" not in text  # no front matter shown as text
    assert "{" not in page.title()
