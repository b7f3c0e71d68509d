"""The one Markdown reading of every tool here: markdown-it-py with the plugins the pages use.

CommonMark plus front matter, footnotes, admonitions, definition lists and tables, with line
numbers on every block. It accepts every link address (markdown-it drops `javascript:` links) so
that the checks can see them, and it finds link definitions where Python-Markdown (the site's
reader) finds them: also on a line right after a paragraph's text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown.blockprocessors import ReferenceProcessor
from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


def _keep_pre_tail_tokens(state: Any) -> None:
    # The footnote plugin's tail rule drops unreferenced and duplicate notes; keep them all.
    state.env["pre_tail_tokens"] = list(state.tokens)


# Python-Markdown's own reading of a link definition, which it finds on any line of a block, even
# right after a paragraph's text (CommonMark, and so markdown-it, reads that line as text).
DEFINITION_RE = ReferenceProcessor.RE


def _definitions_in_paragraphs(state: Any) -> None:
    """Take the link definitions Python-Markdown finds inside a paragraph out of its text, and make
    them definitions as markdown-it makes its own (a `definition` token before the paragraph)."""
    tokens: list[Token] = state.tokens
    references = state.env.setdefault("references", {})
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "inline" or index == 0 or tokens[index - 1].type != "paragraph_open" or "]:" not in token.content:
            index += 1
            continue
        lines = token.content.split("\n")
        kept, found = [], []
        for number, line in enumerate(lines):
            match = DEFINITION_RE.fullmatch(line)
            if match is None or not match.group(1).strip() or match.group(1).startswith("^"):  # (a note)
                kept.append(line)
                continue
            label = normalizeReference(match.group(1))
            url = match.group(2).lstrip("<").rstrip(">")
            if label not in references:
                references[label] = {"title": match.group(5) or match.group(6) or "", "href": url, "map": None}
            first = (token.map[0] + number) if token.map else 0
            definition = Token("definition", "", 0, map=[first, first + 1], block=True,
                               meta={"label": match.group(1), "id": label, "url": url})
            found.append(definition)
        if found:
            token.content = "\n".join(kept)
            tokens[index - 1 : index - 1] = found
            index += len(found)
        index += 1


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"inline_definitions": True})
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(admon_plugin)
        .use(deflist_plugin)
        .enable("table")
    )
    # Accept every address (markdown-it drops `javascript:` links), so the checks can see them.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.core.ruler.after("block", "definitions_in_paragraphs", _definitions_in_paragraphs)
    md.core.ruler.before("footnote_tail", "keep_pre_tail_tokens", _keep_pre_tail_tokens)
    return md
