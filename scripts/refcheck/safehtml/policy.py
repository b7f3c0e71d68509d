"""The allowlist: the elements, attributes and URLs a page of this site needs, and nothing else.

What the pages need: paragraphs, headings with ids, lists, quotes, emphasis, `<ins>` (the caret
extension), footnotes (`sup`, `ol`/`li value`, back-links with `title`/`aria-label`), admonitions
(`div`/`p` with classes), tables (MkDocs always loads the tables extension; its column alignment
is a `style` attribute with one of three exact values), code, `details`, figures and images from
the site itself. Links may be https, mailto or relative; images only relative (the site's own).
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Removed with everything inside them: their content is code, styles or foreign markup, not text.
CLEAN_CONTENT_TAGS = frozenset({
    "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "object", "embed",
    "textarea", "title", "xmp", "svg", "math", "select", "option",
})
# No `dir` and no `<bdo>`: text direction reorders figures on screen (authored.py says why).
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "title"})
GENERIC_ATTRIBUTE_PREFIXES = frozenset({"aria-"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": frozenset({"href", "hreflang", "type", "download"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
    "del": frozenset({"datetime"}),
}
# Python-Markdown's tables extension aligns columns with exactly these style attributes.
ALIGNMENTS = frozenset({"text-align: left;", "text-align: right;", "text-align: center;"})
TAG_ATTRIBUTE_VALUES = {"td": {"style": set(ALIGNMENTS)}, "th": {"style": set(ALIGNMENTS)}}
URL_SCHEMES = frozenset({"https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "data", "poster",
                            "xlink:href", "background", "srcset", "ping", "values", "to", "from"})
# The theme's own elements use ids that start with "__" (`__config`, `__search`, `__drawer`):
# a page that declared one would replace the theme's element for the theme's scripts (DOM clobbering).
RESERVED_ID = re.compile(r"^\s*__")
_CONTROLS = re.compile(r"[\x00-\x20]+")  # what browsers drop from an address
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(url: str) -> str:
    """The scheme as a browser reads it ("" for a relative URL): controls and spaces are ignored."""
    if ":" not in url:
        return ""
    found = _SCHEME.match(_CONTROLS.sub("", url))
    return found.group(1).lower() if found else ""


def is_site_url(url: str) -> bool:
    """A relative URL on this site: no scheme and no other host (`//host/...`)."""
    cleaned = _CONTROLS.sub("", url).replace("\\", "/")
    return not url_scheme(cleaned) and not cleaned.startswith("//")


# The site's own address (`site_url`), which the build's generated text may link to whatever its
# scheme (a local preview is http://127.0.0.1:8000/); set by the build plugin, empty elsewhere.
OWN_SITE: list[str] = []


def set_own_site(site_url: str | None) -> None:
    OWN_SITE[:] = [site_url] if site_url and url_scheme(site_url) in ("http", "https") else []


def _own(url: str) -> bool:
    return any(url.startswith(site) for site in OWN_SITE)


# The theme's classes: a page that used them would dress its text as the theme's own notices. (This
# edition's `edition-*` classes are also its hooks' output, which passes through here: the author's
# are refused where they are still the author's, refcheck/safehtml/authored.py.)
THEME_CLASS = re.compile(r"^md-", re.IGNORECASE)


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and RESERVED_ID.match(value):
        return None
    if attribute == "class" and any(THEME_CLASS.match(name) for name in value.split()):
        kept = " ".join(name for name in value.split() if not THEME_CLASS.match(name))
        return kept or None
    # ammonia takes "java\tscript:" for a relative URL; browsers drop the tab and run it.
    if attribute in URL_ATTRIBUTES and url_scheme(value) not in URL_SCHEMES | {""} and not _own(value):
        return None
    if element == "img" and attribute == "src" and not is_site_url(value):
        return None
    return value


def clean(html: str) -> str:
    """The page HTML with everything outside the allowlist removed (comments included)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        generic_attribute_prefixes=set(GENERIC_ATTRIBUTE_PREFIXES),
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=set(URL_SCHEMES) | {url_scheme(site) for site in OWN_SITE},
    )


def text_only(html: str) -> str:
    """Markup reduced to its text, escaped: for titles that templates print as HTML."""
    return nh3.clean(html, tags=set(), clean_content_tags=set(CLEAN_CONTENT_TAGS), strip_comments=True)
