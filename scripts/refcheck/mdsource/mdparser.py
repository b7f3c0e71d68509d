"""The one Markdown reading of every tool here: markdown-it-py with the plugins the pages use.

CommonMark plus front matter, footnotes, admonitions, definition lists and tables, with line
numbers on every block. It accepts every link address (markdown-it drops `javascript:` links) so
that the checks can see them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


def _keep_pre_tail_tokens(state: Any) -> None:
    # The footnote plugin's tail rule drops unreferenced and duplicate notes; keep them all.
    state.env["pre_tail_tokens"] = list(state.tokens)


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
    md.core.ruler.before("footnote_tail", "keep_pre_tail_tokens", _keep_pre_tail_tokens)
    return md
