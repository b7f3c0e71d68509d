"""Rule 7: content a translator can edit must not run code or load other sites' pages."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Project
from uitext import _

UNSAFE_HTML = Rule(
    "unsafe-html",
    "Raw HTML in a page embeds a `<script>`, `<iframe>`, `<object>`, `<embed>` or `<frame>`.",
    Severity.ERROR,
    "A pull request that only changes words must not be able to run code or frame another site "
    "on every reader's screen; scripts belong in the theme, reviewed as code.",
    '<script src="https://example.org/x.js"></script>',
    "Plain Markdown text.",
)
UNSAFE_EVENT_HANDLER = Rule(
    "unsafe-event-handler",
    "Raw HTML carries an inline event handler (`onclick=`, `onerror=` ...).",
    Severity.ERROR,
    "An event handler is a script in disguise.",
    '<img src="map.png" onerror="alert(1)">',
    '<img src="map.png" alt="Map">',
)
UNSAFE_JAVASCRIPT_URL = Rule(
    "unsafe-javascript-url",
    "A link or HTML attribute uses a `javascript:` URL.",
    Severity.ERROR,
    "Following the link runs code instead of opening a page.",
    "[click](javascript:alert(1))",
    "[click](https://example.org/)",
)
INSECURE_HTTP_LINK = Rule(
    "insecure-http-link",
    "A link uses plain `http://` (not localhost).",
    Severity.WARNING,
    "The page can be altered on its way to the reader; most sources are also served over https.",
    "<http://www.hrw.org/report>",
    "<https://www.hrw.org/report>",
)
RULES = [UNSAFE_HTML, UNSAFE_EVENT_HANDLER, UNSAFE_JAVASCRIPT_URL, INSECURE_HTTP_LINK]
EMBEDDING_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset"})
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href"})


def _scheme(url: str) -> str:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def check(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        for tag in page.facts.html_tags:
            if tag.tag in EMBEDDING_TAGS:
                yield Finding.at(UNSAFE_HTML, tag.where, _("<{tag}> in page content; remove it (scripts and frames belong in the theme)").format(tag=tag.tag))
            for name, value in tag.attrs:
                if name.lower().startswith("on"):
                    yield Finding.at(UNSAFE_EVENT_HANDLER, tag.where, _("<{tag} {name}=...> runs a script; remove the attribute").format(tag=tag.tag, name=name))
                elif name.lower() in URL_ATTRIBUTES and _scheme(value) == "javascript":
                    yield Finding.at(UNSAFE_JAVASCRIPT_URL, tag.where, _("<{tag} {name}=\"javascript:...\"> runs a script; link to a page instead").format(tag=tag.tag, name=name))
        for link in page.facts.links:
            if link.kind == "html":
                continue  # reported with its tag above
            scheme = _scheme(link.url)
            if scheme == "javascript":
                yield Finding.at(UNSAFE_JAVASCRIPT_URL, link.where, _("`javascript:` link runs a script; link to a page instead"))
            elif scheme == "http" and not config.ignored_url(link.url):
                try:
                    host = (urlsplit(link.url.strip()).hostname or "").lower()
                except ValueError:
                    host = ""
                if host not in LOCAL_HOSTS:
                    yield Finding.at(INSECURE_HTTP_LINK, link.where, _("`{url}` uses plain http; use https if the site offers it").format(url=link.url))
        for link in page.facts.links:
            if link.kind == "html" and _scheme(link.url) == "http" and not config.ignored_url(link.url):
                yield Finding.at(INSECURE_HTTP_LINK, link.where, _("`{url}` uses plain http; use https if the site offers it").format(url=link.url))
