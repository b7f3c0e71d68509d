"""Rule 7: content a translator can edit must not run code, load other sites or break the build.

The checker judges the HTML that MkDocs publishes, not what its own Markdown reader sees: each
page is rendered by Python-Markdown with the project's `markdown_extensions` (scripts/refcheck/safehtml/
render.py) and passed through the allowlist sanitizer the build uses (scripts/refcheck/safehtml/), and
each element, attribute or URL the allowlist removes is reported at its Markdown line, in the words
the build uses. Pages past the size and nesting limits are reported and not rendered. Inside the
build (the edition-safe-html plugin) the build reports all of this itself, so this check then only
looks at links.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from pathlib import Path
from urllib.parse import urlsplit

from refcheck.config import Config
from refcheck.findings import Finding, Location, POLICY, Rule, Severity
from refcheck.cache import bytes_digest, content_key
from refcheck.project import Page, Project
from refcheck.uitext import _

from refcheck.safehtml import page as safe_page
from refcheck.safehtml import budget, plain, policy
from refcheck.safehtml.render import Renderer, renderer

UNSAFE_HTML = Rule(
    "unsafe-html",
    "The HTML a page renders to holds an element, attribute or address outside the allowlist of page content.",
    Severity.ERROR,
    "A pull request that only changes words must not be able to run code, restyle or frame the site, or "
    "load another site's content on every reader's screen; the build removes such markup, and says where.",
    '<script src="https://example.org/x.js"></script>',
    "Plain Markdown text.",
    group=POLICY, needs_text=False,
)
UNSAFE_EVENT_HANDLER = Rule(
    "unsafe-event-handler",
    "Raw HTML or an attr_list `{ ... }` carries an inline event handler (`onclick=`, `onerror=` ...).",
    Severity.ERROR,
    "An event handler is a script in disguise.",
    '<img src="map.png" onerror="alert(1)">',
    '<img src="map.png" alt="Map">',
    group=POLICY, needs_text=False,
)
UNSAFE_JAVASCRIPT_URL = Rule(
    "unsafe-javascript-url",
    "A link or HTML attribute uses a `javascript:`, `vbscript:` or `data:` URL.",
    Severity.ERROR,
    "Following the link runs code instead of opening a page.",
    "[click](javascript:alert(1))",
    "[click](https://example.org/)",
    group=POLICY, needs_text=False,
)
INSECURE_HTTP_LINK = Rule(
    "insecure-http-link",
    "A link uses plain `http://` (an error where the build removes such links, as this site's does).",
    Severity.WARNING,
    "The page can be altered on its way to the reader; most sources are also served over https.",
    "<http://www.hrw.org/report>",
    "<https://www.hrw.org/report>",
    group=POLICY, needs_text=False,
)
PAGE_LIMITS = Rule(
    "page-limits",
    "A page is larger than 1 MB, nests lists and quotes deeper than 20 levels, or has more than 500 footnotes.",
    Severity.ERROR,
    "Such a page keeps the build busy for minutes or ends it with a traceback (a list nested 250 deep); "
    "past 20 levels the checker's own reader stops seeing what the build publishes.",
    "25 nested `>` quotes",
    "Quotes and lists a few levels deep.",
    group=POLICY, needs_text=False,
)
MARKUP_NOT_ALLOWED = Rule(
    "markup-not-allowed",
    "A page sets what only the site may: an address or a behaviour in an attribute list (`{ href=... }`; "
    "it may set ids, classes, lang, hreflang, title, aria-* and an image's alt and size), an id of a note or of the theme, an id the page already has, a theme class (`md-*`, "
    "`edition-*`), or the text direction (`<bdo>`, `dir=`).",
    Severity.ERROR,
    "Readers would get something other than what every check reads: a link to another address than the "
    "one checked, a note's anchor taken over, the theme's notices imitated, figures shown reversed.",
    '[source](https://example.org/){ href="https://example.net/" }',
    "[source](https://example.org/){ lang=en }",
    group=POLICY, needs_text=False,
)
BIDI_CONTROL = Rule(
    "bidi-control",
    "A page holds a bidirectional control character (U+202A–U+202E, U+2066–U+2069 anywhere; "
    "U+200E, U+200F, U+061C next to a figure).",
    Severity.ERROR,
    "It reorders what readers see (\"70 %\" shown as \"% 07\") while the text every check compares stays the same.",
    "El 70\u00a0% de los niños, with U+202E before 70",
    "El 70\u00a0% de los niños",
    group=POLICY, needs_text=False,
)
RULES = [UNSAFE_HTML, UNSAFE_EVENT_HANDLER, UNSAFE_JAVASCRIPT_URL, INSECURE_HTTP_LINK, PAGE_LIMITS,
         MARKUP_NOT_ALLOWED, BIDI_CONTROL]
BY_ID = {rule.id: rule for rule in RULES}
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
# The build plugin that removes what the allowlist does; a project with it publishes nothing the allowlist removes.
SANITIZING_PLUGIN = "edition-safe-html"


def _sanitizes(config: Mapping[str, Any]) -> bool:
    plugins = config.get("plugins") or []
    # `plugins:` is a list of names and one-key mappings (name: settings), or one mapping.
    names = plugins if isinstance(plugins, Mapping) else [
        next(iter(item), None) if isinstance(item, Mapping) else item for item in plugins]
    return SANITIZING_PLUGIN in names


def _read_bytes(project: Project, file: str) -> bytes | None:
    try:
        return (project.root / file).read_bytes()
    except OSError:
        return None  # the reader of the project already reported it


def _decoded(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _judge(task: tuple[str, Renderer, bool]) -> list[safe_page.Problem]:
    """One page's problems: limits, front matter, and what the sanitizer removes from its HTML."""
    text, render, removed = task
    source = safe_page.Source.read(text)
    problems = safe_page.front_matter_problems(source) + safe_page.bidi_problems(source)
    breaches = safe_page.limit_problems(source)
    if breaches:  # not rendered: that is what the limits are for
        return problems + breaches
    if not plain.needs_rendering(source.body, render.extensions):
        return problems  # prose, notes and relative links only: nothing the allowlist removes
    try:
        with budget.within():
            html = render.html(source.body)
    except budget.OutOfTime:
        return problems + [safe_page.out_of_time(source)]
    except Exception as error:  # an extension's bug on odd input: the build would fail too
        return problems + [safe_page.Problem(safe_page.UNSAFE_HTML, source.body_line,
                                             f"Python-Markdown could not render this page ({type(error).__name__}: {error})")]
    cleaned, removals = safe_page.sanitize(html, source, removed)
    refused = [refusal for refusal in render.refused() if removed or _falsifies(refusal)]
    found = (problems + removals + safe_page.refusal_problems(refused, source, removed)
             + safe_page.unique_ids(cleaned, source)[1])
    return list(dict.fromkeys(found))  # a refusal the sanitizer repeats, once


def _falsifies(refusal) -> bool:
    """What the author's markup must not do on any site (elsewhere the rest is the project's choice):
    run a script, change a link's or image's address behind the checker's back, take a note's anchor."""
    if refusal.reason == "attr-list":
        removal = safe_page.Removal(refusal.tag, refusal.attribute, refusal.value)
        return refusal.attribute in policy.URL_ATTRIBUTES or safe_page.is_active(removal)
    return refusal.reason == "reserved-id" and not refusal.value.lstrip().startswith("__")






def _settings(config: Mapping[str, Any], removed: bool) -> tuple[str, str, bool]:
    """What a page's judgement depends on besides its text and the code that judges it."""
    return repr(config.get("markdown_extensions")), repr(config.get("mdx_configs")), removed


def _judged(project: Project, render: Renderer, removed: bool) -> list[tuple[Page, list[safe_page.Problem]]]:
    """Each page's problems, from the checker's cache where the page, the settings and the code are
    unchanged (a page is read again only if it was not read through the facts cache, or must be
    judged)."""
    cache = project.cache_table("page-html-judgements", list[safe_page.Problem])
    settings = _settings(project.config, removed)
    pages: list[Page] = []
    texts: dict[int, str] = {}
    digests: list[str] = []
    for page in project.pages:
        digest = project.page_digests.get(page.file)
        if digest is None:
            data = _read_bytes(project, page.file)
            if data is None:
                continue
            digest, texts[len(pages)] = bytes_digest(data), _decoded(data)
        pages.append(page)
        digests.append(digest)
    keys = [content_key(digest.encode("ascii"), page.file, settings)
            for page, digest in zip(pages, digests)] if cache is not None else []
    found = [cache.get(key) if cache is not None else None for key in keys] or [None] * len(pages)
    missing = []
    for index, problems in enumerate(found):
        if problems is None:
            missing.append(index)
    for index in missing:
        if index not in texts:
            data = _read_bytes(project, pages[index].file)
            texts[index] = _decoded(data) if data is not None else ""
    for index, problems in zip(missing, _judge_all([(texts[i], render, removed) for i in missing])):
        found[index] = problems
        if cache is not None:
            cache.put(keys[index], problems)
    if cache is not None:
        cache.save()
    return [(page, problems or []) for page, problems in zip(pages, found)]


def _judge_all(tasks: list[tuple[str, Renderer, bool]]) -> list[list[safe_page.Problem]]:
    return [_judge(task) for task in tasks]


def _page_findings(project: Project) -> Iterator[Finding]:
    """What the build publishes, judged page by page."""
    removed = _sanitizes(project.config)
    render = renderer(project.config.get("markdown_extensions"))
    for page, problems in _judged(project, render, removed):
        for problem in problems:
            if problem.rule == safe_page.INSECURE_HTTP_LINK and not removed:
                continue  # published as it is: reported below from the links, as a warning
            rule = BY_ID[problem.rule]
            severity = Severity.ERROR if rule is INSECURE_HTTP_LINK and removed else None
            yield Finding.at(rule, Location(page.file, problem.line), problem.in_language(_), severity)


def _http_link_findings(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        for link in page.facts.links:
            if policy.url_scheme(link.url) != "http" or config.ignored_url(link.url):
                continue
            try:
                host = (urlsplit(link.url.strip()).hostname or "").lower()
            except ValueError:
                host = ""
            if host not in LOCAL_HOSTS:
                yield Finding.at(INSECURE_HTTP_LINK, link.where, _("`{url}` uses plain http; use https if the site offers it").format(url=link.url))


def check(project: Project, config: Config) -> Iterator[Finding]:
    if safe_page.BUILD_REPORTS_PAGES:
        # Inside the build: the edition-safe-html plugin reports every page itself, as it publishes it.
        return
    yield from _page_findings(project)
    if not _sanitizes(project.config):
        # Without the sanitizer, http links are published: a warning, from the checker's own reader.
        yield from _http_link_findings(project, config)
