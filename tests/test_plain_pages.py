"""The checker's shortcut (scripts/refcheck/safehtml/plain.py) never skips a page the renderer would fault.

A page said not to need rendering must render, with Python-Markdown and the same extensions, to
HTML from which the allowlist removes nothing. Held on real Markdown (this site, both corpus
projects, the generated benchmark pages) and on random pages built from the pieces that matter.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.mkdocsconfig import read_config
from refcheck.safehtml.page import Source, sanitize
from refcheck.safehtml.plain import PLAIN_EXTENSIONS, extensions_are_plain, needs_rendering
from refcheck.safehtml.render import renderer
from sitebuild import ROOT

CORPORA = ROOT / "tests" / "fixtures" / "corpora"
# Every extension the shortcut knows, with the options that change their output.
ALL_PLAIN = renderer(sorted(PLAIN_EXTENSIONS - {"toc"}) + [{"toc": {"permalink": True}}])


@lru_cache(maxsize=1)
def _site_renderer():
    return renderer(read_config(ROOT / "mkdocs.yml").data.get("markdown_extensions"))


def _removed(render, markdown: str) -> list:
    source = Source.read(markdown)
    return sanitize(render.html(source.body), source, removed=True)[1]


def _holds(render, markdown: str) -> bool:
    """The shortcut's promise for one page: skipped means nothing would be removed."""
    source = Source.read(markdown)
    return needs_rendering(source.body, render.extensions) or not _removed(render, markdown)


def _pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md")) + sorted(CORPORA.rglob("*.md"))


def test_this_site_is_plain_enough_for_the_shortcut():
    assert extensions_are_plain(_site_renderer().extensions)


@pytest.mark.parametrize("render", [_site_renderer(), ALL_PLAIN], ids=["site-extensions", "all-plain-extensions"])
def test_real_pages_skipped_by_the_shortcut_render_clean(render):
    skipped = 0
    for path in _pages():
        text = path.read_text(encoding="utf-8")
        assert _holds(render, text), f"{path.relative_to(ROOT)}: skipped, but the allowlist removes {_removed(render, text)}"
        skipped += not needs_rendering(Source.read(text).body, render.extensions)
    assert skipped >= 10  # the shortcut is taken on real pages, not only on empty ones


def test_generated_benchmark_pages_take_the_shortcut(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
    import bench_check_references

    bench_check_references.generate(tmp_path, 40)
    render = renderer(["attr_list", "footnotes", "admonition", {"toc": {"permalink": True}}])
    for path in sorted((tmp_path / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert not needs_rendering(text, render.extensions), path.name
        assert not _removed(render, text), path.name


@pytest.mark.parametrize("markdown", [
    "# __config\n", "__x Title\n=====\n", "# ＿＿config\n", "# *_*_x\n", "[a](http://example.org/)\n",
    "[a](\njava\tscript:alert(1))\n", "[a]:\n    javascript:alert(1)\n", "[a][b]\n\n> [b]: vbscript:x\n",
    "![map](https://example.org/map.png)\n", "<https://example.org/> at the start\n", "x &#106;avascript: y\n",
    "## Notes { #__x }\n", "text {: onclick=x }\n", "```{ .python #__c }\nx\n```\n", "[a](data:text/html,x)\n",
    "[a](mailto:someone@example.org)\n", "- # __in a list\n", "!!! note\n    # __inside\n",
])
def test_what_the_shortcut_always_renders(markdown):
    assert needs_rendering(markdown, ALL_PLAIN.extensions)


def test_an_extension_the_shortcut_does_not_know_sends_every_page_to_the_renderer():
    assert needs_rendering("Plain text.\n", ("toc", "pymdownx.emoji"))
    assert needs_rendering("Plain text.\n", ("toc", "pymdownx.tabbed"))
    assert not needs_rendering("Plain text.\n", ("markdown.extensions.toc", "footnotes"))


PIECES = st.sampled_from([
    "# ", "## ", "\n", "\n\n", "\n    ", "> ", "- ", "1. ", "text", "Texto é", " ", "_", "__", "＿", "*", "**",
    "`", "\\", "[", "]", "(", ")", ":", "#", "[x](", "[^1]", "[^1]: ", "[ref]: ", "[x][ref]", "https://a.org/p",
    "http://a.org/", "javascript:", "java\tscript:", "data:", "mailto:x@a.org", "//a.org", "../page.md#id", "{",
    "}", "{ #id }", "{: .c }", "{#__x}", "<https://a.org/b>", "<", ">", "&", "&#106;", "![", "!!! note", "???+ note",
    "^^", "^", "~~", "~", "==", "```", "~~~", "=====", "-----", "*[HTML]: x", "Term\n:   def", "|a|b|\n|-|-|\n|1|2|",
    "onclick=", "\"", "'",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_random_pages_skipped_by_the_shortcut_render_clean(markdown):
    assert _holds(ALL_PLAIN, markdown)
    assert _holds(_site_renderer(), markdown)
