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

from safehtml import policy


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


def in_place(container: Any) -> None:
    """Escape every string inside a mapping or list (page.meta, config.extra.edition)."""
    if isinstance(container, MutableMapping):
        for key in list(container.keys()):
            item = container[key]
            if isinstance(item, str):
                container[key] = text(item)
            else:
                in_place(item)
    elif isinstance(container, MutableSequence):
        for index, item in enumerate(container):
            if isinstance(item, str):
                container[index] = text(item)
            else:
                in_place(item)


def escaped_copy(value: Any) -> Any:
    """A copy of a mapping or list (nested) with every string escaped; the original is left alone."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, Mapping):
        return {key: escaped_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [escaped_copy(item) for item in value]
    return value


def striptags(value: Any) -> Markup:
    """Jinja's `striptags`, which also turns `&lt;` back into `<`, returning escaped text instead."""
    return Markup.escape(Markup(str(value)).striptags())


def markup_text(value: Any) -> Any:
    """HTML text (entities allowed, tags not) made safe: tags removed, text escaped once."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(policy.text_only(value))
