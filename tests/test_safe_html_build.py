"""A pull request's Markdown puts no active content on the site: every payload, built and loaded.

A copy of the project gets one Spanish page per payload (tests/unsafe_payloads.py) and a
translation notice in mkdocs.yml that carries markup. The strict build must fail with each finding
at its file and line, the standalone checker must find the same, and in Chromium no payload runs
and no active markup is left on any page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import browser  # noqa: F401
from csp_support import open_watched
from sitebuild import serve
from translation_support import build, check, copy_project
from browser import DESKTOP, TIMEOUT_MS
from markup_payloads import BRIEF_LINK, LONG_WORD, MARKUP_PAYLOADS
from refcheck.safehtml import policy
from unsafe_payloads import NOTICE_PAYLOAD, PAYLOADS as UNSAFE_PAYLOADS, Payload, expected_line

PAYLOADS = UNSAFE_PAYLOADS + MARKUP_PAYLOADS + (LONG_WORD,)

NOTICE = "Traducción de esta edición: KIND publicó este informe solo en inglés."
# Active markup that must not be anywhere in a published page (the theme's own scripts aside).
ACTIVE_MARKUP = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase(), value = attribute.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(element.tagName + " " + name);
      if (/^(javascript|vbscript|data):/.test(value) && ["href", "src", "action", "formaction", "values", "xlink:href"].includes(name))
        found.push(element.tagName + " " + name + "=" + value.slice(0, 20));
    }
  }
  const article = document.querySelector("article");
  for (const tag of ["script", "style", "iframe", "object", "embed", "form", "input", "base", "meta", "link", "svg", "math", "noscript"])
    if (article && article.querySelector(tag)) found.push("article " + tag);
  if (document.querySelector("base")) found.push("base");
  if (document.querySelector("meta[http-equiv=refresh i]")) found.push("meta refresh");
  if (document.querySelector("link[rel~=stylesheet][href*='evil']")) found.push("foreign stylesheet");
  if (document.getElementById("__config").tagName !== "SCRIPT") found.push("clobbered __config");
  return found;
}"""


OUR_RULES = ("unsafe-", "page-limits", "markup-not-allowed", "bidi-control")
# What readers must not be shown: the theme's classes, reversed text, another address, a taken id.
FALSIFIED = """() => {
  const found = [];
  const article = document.querySelector("article");
  for (const element of article.querySelectorAll("*")) {
    const classes = [...element.classList].filter(name => /^(md-|edition-notice)/.test(name));
    if (classes.length && !element.closest(".md-source-file, .md-content__button")) found.push("class " + classes.join(" "));
    if (element.hasAttribute("dir") || element.tagName === "BDO") found.push("direction " + element.tagName);
    if (element.hasAttribute("style")) found.push("style " + element.tagName);
    for (const name of ["target", "download", "data-md-component"]) if (element.hasAttribute(name)) found.push(name);
  }
  for (const link of article.querySelectorAll("a[href], img[src]"))
    if ((link.getAttribute("href") || link.getAttribute("src")).includes("evil.example")) found.push("evil " + link.tagName);
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(article.textContent)) found.push("bidi control");
  const ids = [...document.querySelectorAll("[id]")].map(element => element.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length) found.push("repeated ids " + repeated.join(" "));
  for (const id of ["__drawer", "__search", "__toc", "__config"]) {
    const element = document.getElementById(id);
    if (element && element.closest("article")) found.push("theme id " + id);
  }
  return found;
}"""


@dataclass(frozen=True)
class PayloadSite:
    root: Path
    site_dir: Path
    build_log: str
    build_status: int
    check_output: str
    check_status: int


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> PayloadSite:
    root = copy_project(tmp_path_factory.mktemp("payloads"))
    for payload in PAYLOADS:
        (root / payload.file).write_text(payload.markdown, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert NOTICE in text
    config.write_text(text.replace(NOTICE, NOTICE_PAYLOAD), encoding="utf-8")
    site_dir = root / "site"
    with (root / "docs/es/about.md").open("a", encoding="utf-8") as about:
        about.write(BRIEF_LINK)
    built = build(root, site_dir)
    checked = check(root)
    return PayloadSite(root, site_dir, built.stdout + built.stderr, built.returncode,
                       checked.stdout + checked.stderr, checked.returncode)


FINDING_PARAMS = [pytest.param(payload, rule, needle, id=f"{payload.name}-{rule}-{index}")
                  for payload in PAYLOADS for index, (rule, needle) in enumerate(payload.findings)]
PAGE_PARAMS = [pytest.param(payload, id=payload.name) for payload in PAYLOADS]


def test_the_strict_build_fails_on_the_payloads(payload_site: PayloadSite) -> None:
    assert payload_site.build_status == 1, payload_site.build_log[-2000:]
    assert "Traceback" not in payload_site.build_log
    assert "RecursionError" not in payload_site.build_log


@pytest.mark.parametrize(("payload", "rule", "needle"), FINDING_PARAMS)
def test_the_build_reports_each_finding_at_its_file_and_line(payload_site: PayloadSite, payload: Payload, rule: str, needle: str) -> None:
    line = expected_line(payload.markdown, needle)
    expected = f"{payload.file}:{line}: {rule}: "
    assert expected in payload_site.build_log, [entry for entry in payload_site.build_log.splitlines() if payload.file in entry]


@pytest.mark.parametrize(("payload", "rule", "needle"), FINDING_PARAMS)
def test_the_standalone_checker_reports_each_finding_at_its_file_and_line(payload_site: PayloadSite, payload: Payload, rule: str, needle: str) -> None:
    line = expected_line(payload.markdown, needle)
    assert payload_site.check_status == 1
    assert f"{payload.file}:{line}: error {rule}: " in payload_site.check_output, \
        [entry for entry in payload_site.check_output.splitlines() if payload.file in entry]


def test_the_build_and_the_checker_use_the_same_words(payload_site: PayloadSite) -> None:
    build = {entry.split(": ", 1)[1] for entry in (line.split("WARNING -  ", 1)[-1] for line in payload_site.build_log.splitlines())
             if "payload-" in entry and any(rule in entry for rule in OUR_RULES)}
    check = {entry.replace(": error ", ": ", 1).split(": ", 1)[1] for entry in payload_site.check_output.splitlines()
             if "payload-" in entry and any(rule in entry for rule in OUR_RULES)}
    assert build and build == check, (build ^ check)


@pytest.fixture(scope="module")
def payload_server(payload_site: PayloadSite):
    server = serve(payload_site.site_dir)
    yield server
    server.stop()


@pytest.fixture
def watch(browser, payload_server):
    contexts: list = []
    yield lambda path: open_watched(browser, payload_server.url + path, contexts)
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("payload", PAGE_PARAMS)
def test_no_payload_runs_and_no_active_markup_is_published(watch, payload: Payload) -> None:
    watched = watch(payload.url_path)
    page = watched.page
    # Give anything that would fire on load or on an interaction its chance.
    page.mouse.move(200, 300)
    for link in page.locator("article a").all()[:5]:
        link.hover(force=True)  # a note's tooltip may cover the next link
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(ACTIVE_MARKUP) == []


@pytest.mark.browser
def test_front_matter_markup_is_shown_as_text(watch) -> None:
    page = watch("es/payload-front-matter/").page
    assert page.title().startswith("<img src=x onerror=")
    assert page.evaluate("document.querySelector('meta[name=description]').content").startswith('"><script>')
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_mkdocs_yml_text_is_shown_as_text(watch) -> None:
    page = watch("es/").page
    notice = page.locator(".edition-notice")
    assert NOTICE_PAYLOAD in notice.inner_text()
    assert notice.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


@pytest.fixture
def without_csp(browser, payload_server):
    """Pages opened with the Content-Security-Policy off: the allowlists alone must hold."""
    contexts: list = []

    def open_page(path: str):
        context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(payload_server.url + path, wait_until="load")
        page.wait_for_function("document.documentElement.classList.contains('js')")
        return page

    yield open_page
    for context in contexts:
        context.close()


MARKUP_PARAMS = [pytest.param(payload, id=payload.name) for payload in (*MARKUP_PAYLOADS, LONG_WORD)]


@pytest.mark.browser
@pytest.mark.parametrize("payload", MARKUP_PARAMS)
def test_without_the_csp_no_markup_payload_runs_or_falsifies_the_page(without_csp, payload: Payload) -> None:
    page = without_csp(payload.url_path)
    page.mouse.move(200, 300)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(ACTIVE_MARKUP) == []
    assert page.evaluate(FALSIFIED) == []


@pytest.mark.browser
def test_without_the_csp_the_one_page_brief_makes_no_script_of_a_relative_link(without_csp) -> None:
    page = without_csp("es/brief/")
    assert page.locator("article a[href*='script:']").count() == 1  # the payload is on the page
    assert page.evaluate(ACTIVE_MARKUP) == []
    page.locator("article a[href*='script:']").click()
    assert page.evaluate("window.__pwned") is None


def test_the_pdf_makes_no_script_of_a_relative_link(payload_site: PayloadSite) -> None:
    import pikepdf

    # A strict build of these pages publishes nothing (it stops on their errors, before the PDFs are
    # written): what the PDF would hold is what a build that does not stop makes.
    site_dir = payload_site.root / "site-not-strict"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=payload_site.root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    pdfs = list((site_dir / "es").glob("*.pdf"))
    assert pdfs, "no Spanish PDF was made"
    with pikepdf.open(pdfs[0]) as pdf:
        actions = [annotation.get("/A") for page in pdf.pages for annotation in page.get("/Annots", [])]
        uris = [str(action.URI) for action in actions if action is not None and "/URI" in action]
        kinds = {str(action.get("/S")) for action in actions if action is not None}
    assert uris and not [uri for uri in uris if policy.url_scheme(uri) not in ("https", "mailto", "http", "")]
    assert "/JavaScript" not in kinds
