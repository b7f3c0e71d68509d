"""What a page's markup may set: attributes, ids, classes, direction, look-alike domains, output.

Each behaviour with a page that fails and one that passes; a property test generates attribute
lists, raw HTML and bidirectional controls and proves each is refused with a finding or published
inert; the checker's output prints every control character of a page visible.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from refcheck import report
from refcheck.checks import lookalike, unsafe
from refcheck.findings import Finding, Severity
from refcheck.safehtml import limits, page as safe_page
from refcheck.safehtml.render import renderer
from refcheck.uitext.shown import code_span, visible
from refcheck_support import Edit, copy_fixture, line_of, source_findings

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", {"toc": {"permalink": True}},
              "pymdownx.caret", "pymdownx.superfences"]
RENDER = renderer(EXTENSIONS)
OUR_RULES = {"markup-not-allowed", "bidi-control", "unsafe-html", "unsafe-event-handler", "unsafe-javascript-url",
             "page-limits"}


def judged(markdown: str) -> list[safe_page.Problem]:
    return unsafe._judge((markdown, RENDER, True))


def published(markdown: str) -> str:
    source = safe_page.Source.read(markdown)
    return safe_page.sanitize(RENDER.html(source.body), source)[0]


@pytest.mark.parametrize(("markdown", "line"), [
    ('# T\n\n[x](https://real.example/){ href="https://other.example/" }\n', 3),
    ("# T\n\nText.\n{: style=\"color:red\" }\n", 4),
    ("# T\n\nText.\n{: #fn:1 }\n", 4),
    ("# T\n\nText.\n{: .md-dialog }\n", 4),
    ('# T\n\n<span class="edition-notice">x</span>\n', 3),
    ('# T\n\nHubo <bdo dir="rtl">5289</bdo> casos.\n', 3),
    ('# T\n\n## A { #a }\n\n<span id="a">x</span>\n', 5),
])
def test_markup_only_the_site_may_set_is_refused_at_its_line(markdown: str, line: int) -> None:
    problems = [p for p in judged(markdown) if p.rule == "markup-not-allowed"]
    assert problems and problems[0].line == line, judged(markdown)


@pytest.mark.parametrize("markdown", [
    "# T\n\n## A { #a }\n\nText.\n{: .note lang=en }\n",
    '# T\n\n<span lang="en">Homeland Security Act</span> y <p class="brief-date">x</p>\n',
    "# T\n\nText[^1].\n\n[^1]: Note <https://www.hrw.org/>.\n",
])
def test_markup_a_page_may_set_passes(markdown: str) -> None:
    assert judged(markdown) == []


def test_the_address_readers_get_is_the_one_written_in_the_link() -> None:
    html = published('# T\n\n[x](https://real.example/){ href="https://other.example/" }\n')
    assert 'href="https://real.example/"' in html and "other.example" not in html


@pytest.mark.parametrize("character", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u202a", "\u202b"])
def test_bidi_controls_are_refused_and_never_published(character: str) -> None:
    markdown = f"# T\n\nEl {character}70 % de los casos.\n"
    assert [p.line for p in judged(markdown) if p.rule == "bidi-control"] == [3]
    assert character not in published(markdown)


def test_bidi_marks_are_refused_next_to_figures_only() -> None:
    assert [p.rule for p in judged("# T\n\nHubo 5\u200f289 casos.\n")] == ["bidi-control"]
    assert judged("# T\n\nשלום \u200fעולם\n") == []


@pytest.mark.parametrize("block", ["[" * 60_000, "[a](" * 15_000, "[^" * 30_000, "<a " * 20_000])
def test_blocks_python_markdown_reads_in_quadratic_time_are_refused_before_rendering(block: str) -> None:
    problems = judged(f"# T\n\n{block}\n")
    assert [(p.rule, p.line) for p in problems if p.rule == "page-limits"] == [("page-limits", 3)]


def test_the_pages_of_the_corpora_do_not_reach_the_bracket_limit() -> None:
    root = Path(__file__).parent / "fixtures"
    worst = max(limits.bracket_work(path.read_text(encoding="utf-8", errors="replace"))[1] for path in root.rglob("*.md"))
    assert worst < limits.MAX_BRACKET_WORK // 10


def test_rendering_past_its_budget_is_a_page_limits_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unsafe.budget, "PAGE_SECONDS", 0.2)
    monkeypatch.setattr(type(RENDER), "html", lambda self, text: re.match(r"(a|aa)+b", "a" * 60))
    problems = judged("# T\n\n<b>x</b>\n")
    assert [p.rule for p in problems] == ["page-limits"] and "took longer than" in problems[0].message


# -- look-alike domains ---------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "rule_fires"), [
    ("https://example.\u043erg/report", True),  # Cyrillic o: mixes scripts
    ("https://examp1e.org/report", True),  # 1 for l: the original's domain in disguise
    ("https://xn--exmple-4nf.org/report", True),  # punycode of a look-alike
    ("https://example.org/report", False),
    ("https://example.net/report", False),  # another domain, not a look-alike: url-parity's business
])
def test_a_translations_look_alike_of_its_originals_domain_is_an_error(tmp_path: Path, address: str, rule_fires: bool) -> None:
    root = copy_fixture("folder", tmp_path)
    path = Edit("docs/es/index.md", "https://example.org/report", address).apply(root, "folder")
    found = [f for f in source_findings(root, (lookalike,)) if f.rule == "lookalike-domain"]
    assert bool(found) == rule_fires, found
    if rule_fires:
        assert found[0].line == line_of(path, address) and found[0].severity is Severity.ERROR


# -- output ----------------------------------------------------------------------------------------

ESCAPES = "docs/es/a\x1b]52;c;aGk=\x07b\x1b[2J\u202e.md"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_of_file_names_and_messages_print_visible(fmt: str) -> None:
    finding = Finding("x", Severity.ERROR, ESCAPES, 3, None, "page text \x1b]0;title\x07 and \r forged")
    out = report.render([finding], fmt, lambda: [])
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out), repr(out)
    assert "\\x1b]52" in out


def test_a_backtick_in_a_page_name_cannot_end_its_markdown_code_span() -> None:
    span = code_span("docs/es/a`b``c.md")
    assert span.startswith("```") and span.endswith("```") and "a`b``c" in span
    assert visible("a\nb") == "a\\nb"


# -- generated markup ------------------------------------------------------------------------------

NAMES = st.sampled_from(["href", "src", "id", "class", "lang", "dir", "style", "title", "onclick", "target",
                         "download", "data-md-component", "formaction", "hidden", "tabindex"])
VALUES = st.sampled_from(["https://evil.example/", "fn:1", "fnref:1", "__search", "md-dialog", "edition-notice",
                          "rtl", "javascript:x()", "a", "closed-doors", "display:none", "en"])
BIDI = st.sampled_from(["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                        "&#x202E;", "&#8238;"])
SHAPES = st.sampled_from([
    "[x](https://www.hrw.org/){{ {attrs} }}", "Texto 5289.\n{{: {attrs} }}", "## Cierre {{ {attrs} }}",
    "<span {attrs}>5289</span>", '<div {attrs} markdown="1">\nTexto 70 %.\n</div>', "<bdo {attrs}>5289</bdo>",
])


def _inert(html: str) -> list[str]:
    """What a published page must never hold, read as a browser parses it."""
    found = []
    body = LexborHTMLParser(f"<body>{html}</body>").body
    for node in body.css("*"):
        attributes = {name.lower(): value or "" for name, value in node.attributes.items()}
        if node.tag == "bdo" or "dir" in attributes or "style" in attributes:
            found.append(f"direction or style on {node.tag}")
        if any(name.startswith("on") for name in attributes):
            found.append("handler")
        address = attributes.get("href", "") + attributes.get("src", "")
        if "evil.example" in address and not address.startswith("#"):  # `#...`: an anchor in the page
            found.append("other address")
        if re.search(r"(^|\s)md-", attributes.get("class", "")) or attributes.get("id", "").startswith("__"):
            found.append("theme's name")
    if re.search("[\u202a-\u202e\u2066-\u2069]", body.text()):
        found.append("bidi control")
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=SHAPES, attributes=st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=3),
       bidi=st.lists(BIDI, max_size=2), where=st.integers(min_value=0, max_value=40))
def test_generated_markup_is_refused_with_a_finding_or_published_inert(shape, attributes, bidi, where) -> None:
    attrs = " ".join(f'{name}="{value}"' for name, value in attributes)
    body = shape.format(attrs=attrs)
    for mark in bidi:
        body = body[:where] + mark + body[where:]
    markdown = f"# Prueba\n\nTexto con nota[^1].\n\n{body}\n\n[^1]: Nota.\n"
    problems = [p for p in judged(markdown) if p.rule in OUR_RULES]
    leaks = _inert(published(markdown))
    assert problems or not leaks, (markdown, leaks)
    assert not leaks, (markdown, leaks, problems)


# -- the CSP ---------------------------------------------------------------------------------------

def test_the_csp_hashes_the_themes_scripts_but_none_that_page_data_reaches() -> None:
    from refcheck.safehtml import csp

    page = ('<html><head></head><body><script>var palette = __md_get("__palette")</script>'
            '<script>location.href = "https://evil.example/phish"</script></body></html>')
    assert len(csp.inline_script_hashes(page)) == 2
    hashes = csp.inline_script_hashes(page, ["https://evil.example/phish", "es"])
    assert len(hashes) == 1 and hashes == csp.inline_script_hashes(page)[:1]
    assert len(csp.inline_script_hashes(page, ["https:\\/\\/evil.example\\/phish"])) == 2  # another value


def test_the_translators_tools_print_page_text_with_control_characters_visible(capsys: pytest.CaptureFixture[str]) -> None:
    from refcheck.translation import commands

    commands._say("docs/es/x\x1b]52;c;aGk=\x07.md: [-viejo-]{+nuevo \x1b[2J+}\nsecond line")
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]52" in out and out.count("\n") == 2


def test_status_markdown_keeps_a_page_name_with_a_backtick_inside_its_code() -> None:
    from refcheck.translation.status import _PATH_MARK, _markdown_hint

    hint = _markdown_hint(f"run `python3 scripts/site.py mark-translated {_PATH_MARK}`", "docs/es/a`b<i>.md")
    assert hint == "run <code>python3 scripts/site.py mark-translated docs/es/a`b&lt;i&gt;.md</code>"
