"""The markup of Python-Markdown's extensions that markdown-it reads as text, blanked out of prose.

MkDocs projects write with pymdown-extensions and a few other Python-Markdown extensions whose
syntax CommonMark does not know, so a reader of the Markdown sees it as words of a paragraph.
None of it is a sentence a reader reads, and none of it is translated:
- block openers, of which only the title is prose: pymdownx.blocks (`/// warning | Title`, `///`,
  `//// tab | Python 3.10+`, and the option lines right after an opener, `    type: warning`),
  pymdownx.tabbed (`=== "Tab"`), pymdownx.details (`??? note "Title"`);
- lines that pull in another file: pymdownx.snippets (`--8<-- "path"`), includes in braces
  (`{* ../../docs_src/app.py hl[1, 7:8] *}`, `{! path !}`);
- inline markup: pymdownx.keys (`++ctrl+alt+del++`), emoji shortcodes (`:material-check:`),
  arithmatex (`$x^2$`, `$$...$$`, `\\(...\\)`, TeX commands such as `\\frac`), pymdownx.critic's
  marks (`{++ ++}`, `{-- --}`, `{~~ old ~> new ~~}`, `{== ==}`, `{>> comment <<}`: the deleted and
  the commented text go too).
`blank` replaces each with spaces of the same length, so that every other character keeps its
column; attribute lists (`{ #id .class lang=en }`) are handled by refcheck/mdsource/prose.py.
"""

from __future__ import annotations

import re

# Block openers at the start of a line; group "title" is the prose they keep.
_OPENERS = (
    re.compile(r"/{3,}[ \t]*(?:[\w-]+[ \t]*)?(?:\|[ \t]*(?P<title>.*))?$"),  # pymdownx.blocks
    re.compile(r"={3}[+!]?[ \t]+\"(?P<title>.*?)\"?[ \t]*$"),  # pymdownx.tabbed
    re.compile(r"\?{3}\+?[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+\"(?P<title>.*?)\"?)?[ \t]*$"),  # pymdownx.details
)
# The options of a pymdownx.blocks block, on the lines right after its opener (`    type: warning`).
_BLOCK_OPTION = re.compile(r"[ \t]*[\w-]+:(?:[ \t].*)?")
# Lines that name another file: nothing on them is prose.
_INCLUDES = re.compile(r";?-{1,}8<-{1,}.*|\{[*!].*[*!]\}[ \t]*$")
_INLINE = re.compile(
    r"\{[*!][^\n]*?[*!]\}"  # an include in braces
    r"|\+\+[\w-]+(?:\+[\w-]+)*\+\+"  # keys
    r"|(?<![\w:]):[a-z0-9][a-z0-9_+-]*:(?![\w:])"  # emoji and icon shortcodes
    r"|\$\$.*?\$\$|\$(?![\s$])[^$\n]*?(?<!\s)\$(?!\d)|\\\(.*?\\\)|\\\[.*?\\\]"  # arithmatex
    r"|\\[A-Za-z]+"  # a TeX command on a line of a display block ($$ ... $$ over several lines)
    r"|\{>>.*?<<\}|\{--.*?--\}|\{~~(?:(?!~>).)*~>|~~\}|\{\+\+|\+\+\}|\{==|==\}"  # critic
)


def opens_block(text: str) -> bool:
    """Whether a line opens a pymdownx.blocks block (`/// admonition | Title`, not the closing
    `///`): option lines may follow it."""
    return bool(_OPENERS[0].match(text)) and text.strip("/ \t") != ""


def is_block_option(text: str) -> bool:
    """Whether a line after a blocks opener is one of its options (`type: warning`)."""
    return bool(_BLOCK_OPTION.fullmatch(text))


def blank(text: str, line_start: bool, after_opener: bool = False) -> str:
    """`text` (a run of a paragraph's text, all on one line) with its markup turned into spaces;
    `line_start`: the run starts its line (where block openers and includes stand);
    `after_opener`: the lines before it in the paragraph are a blocks opener and its options."""
    if after_opener and line_start and is_block_option(text):
        return " " * len(text)
    if line_start:
        if _INCLUDES.fullmatch(text.strip()):
            return " " * len(text)
        for opener in _OPENERS:
            found = opener.match(text)
            if found:
                start, end = found.span("title") if found.group("title") else (len(text), len(text))
                text = " " * start + text[start:end] + " " * (len(text) - end)
                break
    if not any(mark in text for mark in "{+:$\\~="):
        return text
    return _INLINE.sub(lambda match: " " * len(match.group(0)), text)
