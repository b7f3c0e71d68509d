"""The weekly issue shows what servers answered as inert text (issue 9, item 8).

A server controls its Location header and reason phrase; the checker's messages quote them. The
issue body must not let them mention people, link anywhere, reference issues or carry markup. The
body is read back with markdown-it (CommonMark, as GitHub's renderer is built on): every message
must come out as one code span and nothing else.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from translation_support import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "refcheck"))
import weekly_issue  # noqa: E402  (a standalone script: stdlib only, imported by path)

HOSTILE = [
    "https://ok.example/a redirects to https://evil.example/@maintainer, which answered 404 Not Found",
    "https://ok.example/a answered 404 <img src=x onerror=alert(1)>",
    "https://ok.example/a redirects to [click here](https://evil.example) (fixes #1)",
    "https://ok.example/a answered 500 ``` closing fence? ` and a `` run",
    "line one\n\n# A heading\n- a list item @everyone <script>alert(1)</script>",
    "https://ok.example/\u202egnp.exe\u202c answered 404 <https://evil.example/auto>",
    "www.evil.example and cc @org/site-maintainers ![x](https://evil.example/pixel.png)",
]


def finding(message: str, line: int = 3) -> dict:
    return {"rule": "external-broken", "severity": "error", "file": "docs/en/index.md", "line": line,
            "column": 1, "message": message}


def message_lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("- ")]


def inline_tokens(line: str) -> list:
    tokens = MarkdownIt("commonmark").parseInline(line[2:])
    return tokens[0].children


@pytest.mark.parametrize("message", HOSTILE)
def test_a_server_message_becomes_one_code_span_and_nothing_else(message: str):
    [line] = message_lines(weekly_issue.report([finding(message)]))
    kinds = [token.type for token in inline_tokens(line)]
    assert kinds == ["code_inline", "text", "code_inline"], (line, kinds)
    assert "\n" not in line


def test_no_mention_link_or_html_survives_in_the_rendered_body():
    body = weekly_issue.report([finding(message, n) for n, message in enumerate(HOSTILE, 1)])
    html = MarkdownIt("commonmark").render(body)
    assert "<a " not in html and "<img" not in html and "<script" not in html and "<h1" not in html
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    for word in ("@maintainer", "@everyone", "@org", "onerror", "evil.example", "#1"):
        assert word in html and word not in outside_code, word


def test_invisible_and_bidirectional_characters_are_shown_not_obeyed():
    [line] = message_lines(weekly_issue.report([finding("a\u202eb\u200bc\x07d")]))
    assert "\u202e" not in line and "\u200b" not in line and "\x07" not in line
    assert "a\ufffdb\ufffdc\ufffdd" in line


def test_a_huge_message_is_cut_and_the_body_stays_under_githubs_limit():
    findings = [finding("https://ok.example/ redirects to https://x.example/" + "a" * 5000, n) for n in range(1, 400)]
    body = weekly_issue.report(findings)
    assert len(body) <= weekly_issue.MAX_BODY
    assert "[...]" in body and "more (the run's summary lists them all)" in body


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_message_is_inert(message: str):
    for line in message_lines(weekly_issue.report([finding(message)])):
        kinds = [token.type for token in inline_tokens(line)]
        assert kinds in (["code_inline", "text", "code_inline"], ["code_inline", "text"]), (line, kinds)


def test_the_script_counts_a_refused_private_address_as_broken(tmp_path):
    path = tmp_path / "findings.json"
    path.write_text(json.dumps([{**finding("x leads to 10.0.0.1"), "rule": "external-private-address"}]))
    script = ROOT / "scripts" / "refcheck" / "weekly_issue.py"
    done = subprocess.run([sys.executable, str(script), "--count", str(path)], capture_output=True, text=True)
    assert done.stdout.strip() == "1"
