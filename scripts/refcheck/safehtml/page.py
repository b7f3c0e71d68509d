"""One page judged as the build publishes it: limits, front matter, and the sanitized HTML.

The build plugin (scripts/edition_plugins/safe_html.py) and the checker (refcheck/checks/unsafe.py) both
call these functions, so a problem reads the same in both: `Problem.rule` is the checker's rule id
and `Problem.message` the words both print after `file:line`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml

from refcheck.safehtml import limits, policy
from refcheck.safehtml.locate import SourceLocator
from refcheck.safehtml.removals import Removal, removals

# Set by the build plugin: the build itself reports what the sanitizer removes, so the checker run
# inside the same build (the refcheck plugin) does not render every page again.
BUILD_REPORTS_PAGES = False

UNSAFE_HTML = "unsafe-html"
UNSAFE_EVENT_HANDLER = "unsafe-event-handler"
UNSAFE_JAVASCRIPT_URL = "unsafe-javascript-url"
PAGE_LIMITS = "page-limits"
INSECURE_HTTP_LINK = "insecure-http-link"
MARKUP_NOT_ALLOWED = "markup-not-allowed"
BIDI_CONTROL = "bidi-control"
# Embeddings, overrides and isolates reorder whatever follows them; the three marks only matter
# next to figures ("70" shown as "07"). Written as characters or as character references.
_BIDI_ANYWHERE = "\u202a-\u202e\u2066-\u2069"
_BIDI_MARKS = "\u200e\u200f\u061c"
BIDI = re.compile(rf"[{_BIDI_ANYWHERE}]|[{_BIDI_MARKS}](?=[\s.,%]*\d)|(?<=\d)[{_BIDI_MARKS}]"
                  r"|&(?:#x0*(?:202[a-e]|206[6-9])|#0*(?:823[4-8]|829[4-7]));?"
                  r"|&(?:lrm|rlm|#x0*(?:200[ef]|61c)|#0*(?:820[67]|1564));?(?=[\s.,%]*\d)", re.IGNORECASE)
BIDI_PUBLISHED = re.compile(f"[{_BIDI_ANYWHERE}{_BIDI_MARKS}]")
BIDI_REFERENCE = re.compile(r"&(?:lrm|rlm|#x0*(?:202[a-e]|206[6-9]|200[ef]|61c)|#0*(?:823[4-8]|829[4-7]|820[67]|1564));?",
                            re.IGNORECASE)
# A start tag with an id, as nh3 writes it (double quotes); the heading tags keep theirs.
_TAG_ID = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sid="([^"]*)"')
_HEADING_TAG = re.compile(r"h[1-6]")
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Tags whose removal means code or another site's page, not merely unsupported markup.
EMBEDDING_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet",
                            "base", "meta", "link", "style", "form", "svg", "math"})
# MkDocs' own front-matter reader (mkdocs.utils.meta): the same pattern, so lines agree.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MARKUP = re.compile(r"<\s*[A-Za-z!/?]")


@dataclass(frozen=True)
class Problem:
    rule: str
    line: int  # 1-based, in the source file
    message: str  # in English
    # The message as a catalog entry (marked with N_) and its values, for `in_language`.
    template: str = ""
    values: tuple[tuple[str, str], ...] = ()

    def in_language(self, gettext: Callable[[str], str]) -> str:
        """The message in the reader's language (gettext from refcheck.uitext), where it has a template."""
        if not self.template:
            return self.message
        return gettext(self.template).format(**dict(self.values))


def N_(message: str) -> str:
    """Marks a message for the gettext catalog (refcheck/uitext); it is translated where it is printed."""
    return message


def _problem(rule: str, line: int, template: str, **values: str) -> Problem:
    return Problem(rule, line, template.format(**values), template, tuple(values.items()))


@dataclass(frozen=True)
class Source:
    """A page's file as MkDocs reads it: the text, its front matter, and where the Markdown begins."""

    text: str
    meta: Mapping[str, Any]
    body_start: int  # character offset of the Markdown after the front matter

    @classmethod
    def read(cls, text: str) -> "Source":
        found = FRONT_MATTER.match(text)
        if found:
            try:
                meta = yaml.safe_load(found.group(1))
            except Exception:  # MkDocs then renders the block as Markdown, and so do we
                meta = None
            if isinstance(meta, dict):
                rest = text[found.end():]
                return cls(text, meta, len(text) - len(rest.lstrip("\n")))
        return cls(text, {}, 0)

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    @property
    def body_line(self) -> int:
        return self.text.count("\n", 0, self.body_start) + 1


def is_active(removal: Removal) -> bool:
    """Content that runs or takes over the page: a script, style, frame, form or page setting, an
    event handler or a script address. (A reserved `__` id threatens only this site's theme, whose
    sanitizer removes it; elsewhere such ids come from the project's own code highlighting.)"""
    name = (removal.attribute or "").lower()
    if removal.attribute is None:
        return removal.tag in EMBEDDING_TAGS
    if name.startswith("on"):
        return True
    return name in policy.URL_ATTRIBUTES and policy.url_scheme(removal.value) in SCRIPT_SCHEMES


def describe(removal: Removal, found: bool, removed: bool = True) -> Problem:
    """The problem a removal stands for; `removed`: the project's build does remove it (this site's does)."""
    tag, name = removal.tag, removal.attribute
    gone = " and is removed from the published page" if removed else ""
    where = "" if found else " (somewhere in this page: its text was not found in the Markdown)"
    if (name or "").lower() == "dir" or (name is None and tag == "bdo"):
        return _problem(MARKUP_NOT_ALLOWED, 0, _REASONS["direction"])
    if (name or "").lower() == "class" and any(policy.THEME_CLASS.match(c) for c in removal.value.split()):
        shown = " ".join(c for c in removal.value.split() if policy.THEME_CLASS.match(c))
        return _problem(MARKUP_NOT_ALLOWED, 0, _REASONS["reserved-class"], value=_short(shown, 40))
    if name is None:
        if tag in EMBEDDING_TAGS:
            return Problem(UNSAFE_HTML, 0, f"<{tag}> is not allowed in page content{gone}: scripts, styles, frames, "
                                           f"forms and page settings belong in the theme, reviewed as code{where}")
        return Problem(UNSAFE_HTML, 0, f"<{tag}> is outside the HTML allowlist of page content{gone}; "
                                       f"write it in Markdown{where}")
    lowered = name.lower()
    if lowered.startswith("on"):
        return Problem(UNSAFE_EVENT_HANDLER, 0, f"<{tag} {name}=...> runs a script{gone}: remove the attribute{where}")
    if tag == "img" and lowered == "src":
        return Problem(UNSAFE_HTML, 0, f"<img src=\"{_short(removal.value)}\"> does not come from this site{gone}: "
                                       f"images must be files of the site, linked with a relative path{where}")
    scheme = policy.url_scheme(removal.value)
    if lowered in policy.URL_ATTRIBUTES and scheme in SCRIPT_SCHEMES:
        return Problem(UNSAFE_JAVASCRIPT_URL, 0,
                       f"<{tag} {name}=\"{scheme}:...\"> runs a script{gone}: link to a page instead{where}")
    if lowered == "id" and policy.RESERVED_ID.match(removal.value):
        return Problem(UNSAFE_HTML, 0, f"id=\"{removal.value}\" is reserved for the theme's own elements "
                                       f"(ids starting with \"__\"){gone}: choose another id{where}")
    if lowered in policy.URL_ATTRIBUTES and scheme == "http":
        return Problem(INSECURE_HTTP_LINK, 0, f"`{_short(removal.value)}` uses plain http{gone}: use https{where}")
    if lowered in policy.URL_ATTRIBUTES:
        return Problem(UNSAFE_HTML, 0, f"<{tag} {name}=\"{_short(removal.value)}\"> is not an https, mailto or "
                                       f"relative address{gone}{where}")
    return Problem(UNSAFE_HTML, 0, f"<{tag} {name}> is outside the HTML allowlist of page content{gone}; "
                                   f"remove the attribute{where}")


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def out_of_time(source: Source) -> Problem:
    """Rendering the page took longer than its budget (refcheck/safehtml/budget.py)."""
    from refcheck.safehtml.budget import PAGE_SECONDS

    return _problem(PAGE_LIMITS, source.body_line,
                    N_("rendering this page took longer than {seconds} s: look for long runs of unclosed brackets "
                       "or markup"), seconds=f"{PAGE_SECONDS:g}")


def limit_problems(source: Source) -> list[Problem]:
    """The limits the page's Markdown passes (checked before anything renders it)."""
    offset = source.body_line - 1
    return [Problem(PAGE_LIMITS, breach.line + offset, breach.message)
            for breach in limits.breaches(source.body, len(source.text.encode("utf-8", "replace")))]


def front_matter_problems(source: Source) -> list[Problem]:
    """Front-matter text that carries markup: the site shows it as text, so it is a mistake or an attack."""
    problems = []
    for key, value in _strings(source.meta):
        if MARKUP.search(value):
            line = _key_line(source.text, key)
            problems.append(Problem(UNSAFE_HTML, line,
                                    f"front matter `{key}` carries HTML markup (`{_short(value, 40)}`); "
                                    "the site shows it as plain text: write plain text"))
    return problems


def strings_of(meta: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every string of a page's front matter, with its key."""
    return _strings(meta)


def _strings(value: Any, key: str = "", _seen: set[int] | None = None) -> Iterator[tuple[str, str]]:
    """Every string of the front matter with its key; each container once (YAML aliases repeat them)."""
    seen = set() if _seen is None else _seen
    if isinstance(value, str):
        yield key, value
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        for name, item in value.items():
            yield from _strings(item, f"{key}.{name}" if key else str(name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, key, seen)


def _key_line(text: str, key: str) -> int:
    first = re.escape(key.split(".", 1)[0])
    found = re.search(rf"^\s*['\"]?{first}['\"]?\s*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def bidi_problems(source: Source) -> list[Problem]:
    """Each bidirectional control character of the file (front matter included), at its line."""
    return [_problem(BIDI_CONTROL, source.text.count("\n", 0, found.start()) + 1,
                     N_("U+{code} changes the order in which readers see the text (figures too) but not the text "
                        "every check reads: delete it"), code=f"{ord(_bidi_character(found.group(0))):04X}")
            for found in BIDI.finditer(source.text)]


def _bidi_character(written: str) -> str:
    if not written.startswith("&"):
        return written
    import html

    return html.unescape(written if written.endswith(";") else written + ";")[:1]


_REASONS = {
    "attr-list": N_("an attribute list `{{ ... }}` may set an id, classes, lang, a title and aria- labels, "
                    "not `{name}`: the site sets addresses and behaviour"),
    "reserved-id": N_("id=\"{value}\" is the site's (notes `fn:`/`fnref:`, the theme's `__`): choose another id"),
    "reserved-class": N_("class \"{value}\" belongs to the theme or this edition's templates: a page must not wear it"),
    "direction": N_("text direction (`<bdo>`, `dir=`) reorders what readers see, figures included, but not what "
                    "the checks read: delete it"),
}


def refusal_problems(refused: Sequence[Any], source: Source, removed: bool = True) -> list[Problem]:
    """Problems for what authored.Guard refused (the author's own attributes), at their lines."""
    locator = SourceLocator(source.text, source.body_start)
    problems = []
    for refusal in refused:
        # A class list is found by its first refused class (attr_list writes `.md-a .md-b`).
        value = refusal.value.split()[0] if refusal.reason == "reserved-class" and refusal.value.split() else refusal.value
        removal = Removal(refusal.tag, refusal.attribute, value)
        line, found = locator.line(removal)
        if not refusal.taken_off and (refusal.reason == "direction"
                                      or (refusal.reason == "reserved-class" and policy.THEME_CLASS.match(value))):
            continue  # the sanitizer removes it too, and says so at the same place
        if is_active(removal):  # a script: said as the sanitizer says it
            described = describe(removal, found, removed)
            problems.append(replace(described, line=line))
            continue
        where = "" if found else " (somewhere in this page: its text was not found in the Markdown)"
        shown = refusal.attribute or refusal.tag
        problem = _problem(MARKUP_NOT_ALLOWED, line, _REASONS[refusal.reason], name=shown, value=_short(refusal.value, 40))
        problems.append(replace(problem, message=problem.message + where, template="") if where else problem)
    return problems


def unique_ids(html: str, source: Source) -> tuple[str, list[Problem]]:
    """The HTML with each id once, and a problem for each id the page set twice: a heading keeps
    its id, else the last element (a note, which Python-Markdown writes at the end); the others
    lose it, so no link, note or tooltip leads to the author's copy."""
    places: dict[str, list[re.Match[str]]] = {}
    for found in _TAG_ID.finditer(html):
        places.setdefault(found.group(2), []).append(found)
    dropped: list[re.Match[str]] = []
    problems = []
    for value, found in places.items():
        if len(found) < 2:
            continue
        keeper = next((match for match in found if _HEADING_TAG.fullmatch(match.group(1))), found[-1])
        dropped += [match for match in found if match is not keeper]
        problems.append(_problem(MARKUP_NOT_ALLOWED, _authored_id_line(source, value),
                                 N_("id=\"{value}\" is already an id of this page (a heading's or a note's): "
                                    "links and notes would lead to the wrong place; choose another id"),
                                 value=_short(value, 40)))
    parts, done = [], 0
    for match in sorted(dropped, key=lambda m: m.start()):
        parts.append(html[done:match.start(2) - len(' id="')])
        done = match.end(2) + 1
    return "".join(parts) + html[done:], problems


def _authored_id_line(source: Source, value: str) -> int:
    """Where the author wrote the id: `id="..."` in raw HTML, else the last `#id` of an attribute list."""
    body = source.text[source.body_start:]
    written = re.search(rf"""\bid\s*=\s*["']?{re.escape(value)}(?![\w:.-])""", body)
    if written is None:
        written = next(reversed(list(re.finditer(rf"#{re.escape(value)}(?![\w:.-])", body))), None)
    offset = source.body_start + (written.start() if written is not None else 0)
    return source.text.count("\n", 0, offset) + 1


def sanitize(html: str, source: Source, removed: bool = True) -> tuple[str, list[Problem]]:
    """The page HTML cleaned by the allowlist, and one problem per removal at its source line.

    `removed`: whether the project's build removes what the allowlist does (this site's does; a
    project that runs the checker without this sanitizer hears what is wrong, not that it is gone).
    """
    if removed:  # before the allowlist, which then judges the values readers get (`\u202a__search`)
        html = BIDI_PUBLISHED.sub("", BIDI_REFERENCE.sub("", html))
    cleaned = policy.clean(html)
    if removed and BIDI_PUBLISHED.search(cleaned):  # written some other way, decoded by the parser
        cleaned = policy.clean(BIDI_PUBLISHED.sub("", cleaned))
    problems = []
    if cleaned != html:
        locator = SourceLocator(source.text, source.body_start)
        for removal in removals(html, cleaned):
            line, found = locator.line(removal)
            if not removed and not is_active(removal):
                # A project without this sanitizer publishes it as it is, and it runs nothing: what it
                # wrote outside this site's allowlist (`<a name>`, an image from elsewhere) is its choice.
                continue
            described = describe(removal, found, removed)
            problems.append(replace(described, line=line))
    return cleaned, problems
