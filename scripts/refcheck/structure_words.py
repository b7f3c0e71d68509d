"""The words the structure rules use for a block and for a Markdown slip, in the reader's language."""

from __future__ import annotations

from refcheck.pitfalls import Slip
from refcheck.shape import Block
from refcheck.uitext import _, ngettext


def _images(block: Block) -> str:
    if not block.images:
        return ""
    return " " + ngettext("with {count} image", "with {count} images", block.images).format(count=block.images)


def describe(block: Block | None) -> str:
    if block is None:
        return ""
    kind, detail = block.kind, block.detail
    if kind == "heading":
        return _("a level-{level} heading “{title}”").format(level=detail[0], title=block.title[:60])
    if kind == "paragraph":
        return _("a paragraph") + _images(block)
    if kind == "list":
        count = len(block.children)
        if detail[0]:
            return ngettext("a numbered list of {count} item", "a numbered list of {count} items", count).format(count=count)
        return ngettext("a bulleted list of {count} item", "a bulleted list of {count} items", count).format(count=count)
    if kind == "item":
        return _("a list item")
    if kind == "admonition":
        if block.empty:
            return _("an empty “{kind}” admonition").format(kind=detail[0])
        if detail[1]:
            return _("a “{kind}” admonition with a title").format(kind=detail[0])
        return _("a “{kind}” admonition without a title").format(kind=detail[0])
    if kind == "table":
        rows = ngettext("{count} row", "{count} rows", detail[0]).format(count=detail[0])
        columns = ngettext("{count} column", "{count} columns", detail[1]).format(count=detail[1])
        return _("a table of {rows} and {columns}").format(rows=rows, columns=columns)
    if kind == "code":
        return _("a code block")
    if kind == "quote":
        return _("a block quote")
    if kind == "definitions":
        return ngettext("a definition list of {count} term", "a definition list of {count} terms", detail[0]).format(count=detail[0])
    return _("an HTML <{tag}> block").format(tag=detail[0] if detail else "?") + _images(block)


def slip_message(slip: Slip) -> str:
    if slip.kind == "admonition-text":
        if slip.unclosed_quote:
            return _("`{line}` shows as text, not as an admonition: its title opens a quote it never closes; "
                     "close it (`!!! note \"Title\"`)").format(line=slip.text)
        return _("`{line}` shows as text, not as an admonition: put it on a line of its own after a blank line, "
                 "as `!!! kind \"Title\"`, and indent its text by 4 spaces").format(line=slip.text)
    if slip.kind == "admonition-empty":
        return _("the admonition “{title}” shows empty and its text below it, outside the box: indent the text "
                 "under the `!!!` line by 4 spaces").format(title=slip.text)
    if slip.kind == "note-continuation":
        return _("this line left note [^{label}]: after a blank line a note goes on only where the text is "
                 "indented by 4 spaces; indent it by 4 spaces").format(label=slip.text)
    if slip.kind == "element-open":
        tag = slip.text[1:].split()[0].rstrip(">") if len(slip.text) > 1 else "?"
        return _("`{element}` is never closed: the rest of its paragraph falls inside it; add `</{tag}>` "
                 "where it should end").format(element=slip.text, tag=tag)
    return _("`{marker}` is opened here and never closed, so it shows on the page as typed; close it "
             "(`{marker}text{marker}`) or write `\\{marker}`").format(marker=slip.text)
