"""The sanitizer keeps what the pages need, removes everything else, and says where each removal came from."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser

from refcheck.mkdocsconfig import read_config
from refcheck.safehtml import csp, escape, limits, policy
from refcheck.safehtml.page import Source, limit_problems, sanitize
from refcheck.safehtml.render import renderer
from sitebuild import ROOT


@lru_cache(maxsize=1)
def _site_renderer():
    return renderer(read_config(ROOT / "mkdocs.yml").data.get("markdown_extensions"))


def _publish(markdown: str) -> tuple[str, list]:
    source = Source.read(markdown)
    return sanitize(_site_renderer().html(source.body), source)


NEEDED = """# Title { #the-title }

Text with a note.[^1] And ^^inserted^^ words, *emphasis*, **strong**, `code`.

!!! note "An editorial note"
    Admonition text.

| Left | Right |
|:-----|------:|
| a    | b     |

<span lang="es">en español</span>, <abbr title="Kids in Need of Defense">KIND</abbr>.

[https](https://example.org/){ hreflang="es" title="Source" aria-label="Source" }, [mail](mailto:a@example.org),
[relative](../sources.md#x), [anchor](#the-title).

![Map](img/map.png){ width="300" }

<details markdown><summary>More</summary>Hidden text.</details>

[^1]: The note, with a [source](https://example.org/report.pdf).
"""


def test_the_markup_the_pages_need_is_kept() -> None:
    cleaned, problems = _publish(NEEDED)
    assert problems == []
    for kept in ('id="the-title"', "<ins>", 'class="admonition note"', 'style="text-align: right;"', 'lang="es"',
                 'hreflang="es"', 'aria-label="Source"', 'href="mailto:a@example.org"', 'src="img/map.png"',
                 'class="footnote-ref"', "<details>", 'title="Kids in Need of Defense"'):
        assert kept in cleaned, kept


def test_every_page_of_the_site_is_published_unchanged_by_the_sanitizer() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for path in pages:
        assert _publish(path.read_text(encoding="utf-8"))[1] == [], path


def test_each_removal_is_reported_at_its_own_line_in_page_order() -> None:
    markdown = "---\ntitle: T\n---\n\n# T\n\n<script>a()</script>\n\ntext\n\n<script>b()</script>\n\n<b onclick=\"c()\">x</b>\n"
    cleaned, problems = _publish(markdown)
    assert "<script" not in cleaned and "onclick" not in cleaned
    assert [(p.rule, p.line) for p in problems] == [("unsafe-html", 7), ("unsafe-html", 11), ("unsafe-event-handler", 13)]


def test_text_written_with_character_references_is_found_by_the_attribute_name() -> None:
    _, problems = _publish('# T\n\ntext\n\n<a href="&#106;avascript:x()">y</a>\n')
    assert [(p.rule, p.line) for p in problems] == [("unsafe-javascript-url", 5)]


def test_a_theme_id_is_removed() -> None:
    cleaned, problems = _publish('<p id="__search">x</p>\n')
    assert "__search" not in cleaned and problems[0].message.startswith('id="__search" is reserved')


def test_images_must_come_from_the_site() -> None:
    for address in ("https://example.org/a.png", "//example.org/a.png", "data:image/png;base64,AAAA", "/\\example.org/a.png"):
        assert not policy.is_site_url(address), address
    assert policy.is_site_url("../img/a.png") and policy.is_site_url("img/a.png")


def test_nesting_is_read_from_markers_and_indentation() -> None:
    assert limits.nesting("- a\n  - b\n    - c\n\nPara.\n\n- d\n")[0] == 3
    assert limits.nesting("> " * 25 + "x")[0] == 25
    assert limits.nesting("- " * 30 + "x")[0] == 30
    assert limits.nesting("".join("  " * depth + "- x\n" for depth in range(30))) == (30, 21)


def test_a_page_past_a_limit_is_reported_before_rendering() -> None:
    source = Source.read("---\ntitle: t\n---\n\n" + "> " * 21 + "x\n")
    assert [(p.rule, p.line) for p in limit_problems(source)] == [("page-limits", 5)]
    notes = "\n".join(f"[^{n}]: n" for n in range(limits.MAX_FOOTNOTES + 1))
    assert "501 footnotes" in limit_problems(Source.read(notes))[0].message


def test_the_policy_hashes_only_the_inline_scripts_a_browser_runs() -> None:
    page = ('<html><head><script>a()</script><script src="b.js"></script><script type="application/json">{}</script>'
            '<script type="application/ld+json">{}</script><script type="module">c()</script></head><body></body></html>')
    expected = [f"'sha256-{base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()}'" for code in ("a()", "c()")]
    assert csp.inline_script_hashes(page) == expected
    published = csp.with_policy(page)
    assert published.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' ' + " ".join(expected))


def test_escaped_template_values_are_escaped_once() -> None:
    escaped = escape.text('<img src=x onerror="a()">')
    assert escaped == "&lt;img src=x onerror=&#34;a()&#34;&gt;"
    assert escape.text(escaped) is escaped
    assert escape.striptags("&lt;/title&gt;&lt;script&gt;") == Markup("&lt;/title&gt;&lt;script&gt;")
    original = {"notice": "<b>x</b>", "list": ["<i>"]}
    assert escape.escaped_copy(original) == {"notice": "&lt;b&gt;x&lt;/b&gt;", "list": ["&lt;i&gt;"]}
    assert original == {"notice": "<b>x</b>", "list": ["<i>"]}
    assert escape.markup('Text <a href="https://example.org/" onclick="x()">KIND</a>') == 'Text <a href="https://example.org/">KIND</a>'


def test_the_checker_loads_no_extension_from_outside_the_markdown_packages() -> None:
    chosen = renderer(["footnotes", "os", "evil_module", {"pymdownx.caret": {}}, {"toc": {"slugify": object()}}])
    assert chosen.skipped == ("os", "evil_module")
    assert "footnotes" in chosen.extensions and "pymdownx.caret" in chosen.extensions
    assert "toc" not in chosen.options  # a Python object option is left out


# -- random Markdown ------------------------------------------------------------------------------
TAG_NAMES = ["a", "img", "p", "div", "span", "script", "style", "svg", "math", "iframe", "object", "base", "meta",
             "link", "form", "input", "details", "table", "td", "ins", "noscript", "template", "textarea", "animate", "x-y"]
ATTRIBUTE_NAMES = ["onclick", "onerror", "ONLOAD", "onmouseover", "href", "src", "style", "id", "class", "lang", "title",
                   "aria-label", "srcdoc", "formaction", "action", "values", "xlink:href", "data-x", "markdown"]
ADDRESSES = ["javascript:a()", "JaVaScRiPt:a()", "java\tscript:a()", "&#106;avascript:a()", "vbscript:a()",
             "data:text/html,<script>a()</script>", "https://example.org/", "http://example.org/", "//evil.example/x",
             "mailto:a@example.org", "img/a.png", "#top", "__config", "x\" onerror=\"a()"]


@st.composite
def html_fragment(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAG_NAMES))
    attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTE_NAMES), st.sampled_from(ADDRESSES)), max_size=3))
    rendered = "".join(f' {name}="{value}"' for name, value in attributes)
    inner = draw(html_fragment(depth + 1)) if depth < 3 and draw(st.booleans()) else draw(st.sampled_from(["x", "", "a()"]))
    return f"<{tag}{rendered}>{inner}</{tag}>"


@st.composite
def markdown_page(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["html", "quote", "list", "attr_list", "link", "fence", "md_in_html"]))
        fragment = draw(html_fragment())
        address = draw(st.sampled_from(ADDRESSES))
        name = draw(st.sampled_from(ATTRIBUTE_NAMES))
        nesting = draw(st.integers(1, 6))
        blocks.append({
            "html": fragment,
            "quote": "> " * nesting + fragment,
            "list": "".join("  " * level + "- item\n" for level in range(nesting)) + "\n" + "  " * nesting + "    " + fragment,
            "attr_list": f'## Heading {{ #h {name}="{address}" }}\n\nText\n{{: {name}="{address}" }}',
            "link": f'[x]({address}){{ {name}="{address}" }} ![i]({address}){{ {name}="{address}" }}',
            "fence": "```\n\n" + fragment,
            "md_in_html": f'<div markdown="1">\n[y]({address}){{ {name}="{address}" }}\n\n{fragment}\n</div>',
        }[kind])
    return "# Page\n\n" + "\n\n".join(blocks) + "\n"


def _active_markup(html: str) -> list[str]:
    found = []
    body = LexborHTMLParser(f"<!DOCTYPE html><html><body>{html}</body></html>").body
    for node in body.traverse(include_text=False):
        if node.tag == "body":
            continue
        if node.tag not in policy.TAGS:
            found.append(f"<{node.tag}>")
        for name, value in node.attributes.items():
            value = value or ""
            if name.lower().startswith("on"):
                found.append(f"{node.tag} {name}")
            if name in ("href", "src") and policy.url_scheme(value) not in ("", "https", "mailto"):
                found.append(f"{node.tag} {name}={value}")
            if node.tag == "img" and name == "src" and not policy.is_site_url(value):
                found.append(f"img src={value}")
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_page())
def test_random_markdown_never_publishes_active_markup_and_every_removal_is_reported(markdown: str) -> None:
    html = _site_renderer().html(markdown)
    cleaned, problems = sanitize(html, Source.read(markdown))
    assert _active_markup(cleaned) == []
    if _active_markup(html):
        assert problems, "active markup was removed without a finding"
    # Sanitizing what was published changes nothing more: nothing is left for a second pass to remove.
    assert sanitize(cleaned, Source.read(markdown))[1] == []
