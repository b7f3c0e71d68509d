"""Text that templates print into a page, escaped once, in place.

MkDocs renders templates with Jinja's autoescape off, and Material prints `page.meta.title`,
`page.meta.description`, `config.site_name`, `config.copyright` and the like as they are. A value
escaped here becomes a `markupsafe.Markup`: printed as it is, left alone by Jinja's `e` filter
(so never escaped twice), and recognised here as done, so running again on the same objects is
harmless. Values meant to carry markup (`copyright`) are sanitized by the allowlist instead.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, MutableSequence
from typing import Any

from markupsafe import Markup

from refcheck.safehtml import policy


def text(value: Any) -> Any:
    """A string as HTML text; Markup (already safe) and non-strings as they are."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup.escape(value)


def markup(value: Any) -> Any:
    """A string meant to carry markup, through the allowlist."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(policy.clean(value))


def in_place(container: Any, _seen: set[int] | None = None) -> None:
    """Escape every string inside a mapping or list (page.meta, config.extra.edition).

    Each container is visited once: YAML aliases make one object appear many times (a "billion
    laughs" front matter is a few lines that name one list 10^9 times), so a plain walk would never end.
    """
    seen = set() if _seen is None else _seen
    if id(container) in seen:
        return
    seen.add(id(container))
    if isinstance(container, MutableMapping):
        for key in list(container.keys()):
            item = container[key]
            if isinstance(item, str):
                container[key] = text(item)
            else:
                in_place(item, seen)
    elif isinstance(container, MutableSequence):
        for index, item in enumerate(container):
            if isinstance(item, str):
                container[index] = text(item)
            else:
                in_place(item, seen)


def escaped_copy(value: Any, _memo: dict[int, Any] | None = None) -> Any:
    """A copy of a mapping or list (nested) with every string escaped; the original is left alone.

    A container that appears more than once (YAML aliases) is copied once and shared, as it was.
    """
    if isinstance(value, str):
        return text(value)
    memo = {} if _memo is None else _memo
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, Mapping):
        copy: Any = {}
        memo[id(value)] = copy
        copy.update({key: escaped_copy(item, memo) for key, item in value.items()})
        return copy
    if isinstance(value, (list, tuple)):
        copy = []
        memo[id(value)] = copy
        copy.extend(escaped_copy(item, memo) for item in value)
        return copy
    return value


def striptags(value: Any) -> Markup:
    """Jinja's `striptags`, which also turns `&lt;` back into `<`, returning escaped text instead."""
    return Markup.escape(Markup(str(value)).striptags())


def markup_text(value: Any) -> Any:
    """HTML text (entities allowed, tags not) made safe: tags removed, text escaped once."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(policy.text_only(value))
