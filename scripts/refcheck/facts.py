"""What stage 2 finds in one page: positioned records (refcheck/extract.py makes them), and how
it reads pages. Plain frozen records, picklable: worker processes return them and the cache keeps
them (refcheck/cache.py). This module imports no parser, so a run whose pages all come from the
cache never loads one.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from refcheck.mdsource import prose

from refcheck.findings import Location
from refcheck.templates import TemplateSpec


@dataclass(frozen=True)
class SlugifySpec:
    """The site's toc slugify, as an importable name (kept picklable for worker processes)."""

    module: str = "markdown.extensions.toc"
    name: str = "slugify"
    kwargs: tuple[tuple[str, Any], ...] = ()
    factory: bool = False  # `!!python/object/apply:` : call name(**kwargs) to get the function
    separator: str = "-"

    @lru_cache(maxsize=None)
    def function(self) -> Callable[[str, str], str]:
        target = getattr(importlib.import_module(self.module), self.name)
        if self.factory or not _takes_text(target):
            # `!!python/name:pymdownx.slugs.slugify` names a factory without calling it: read it as
            # the slugify that factory makes by default, never stop the check on it.
            return target(**dict(self.kwargs))
        return target


def _takes_text(function: Callable[..., Any]) -> bool:
    """Whether `function(text, separator)` can be called (a factory takes keywords only)."""
    import inspect

    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return True
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
    return any(parameter.kind in positional for parameter in parameters)


@dataclass(frozen=True)
class ExtractOptions:
    """How the site reads a page: its slugify, and its template syntax (None: plain Markdown)."""

    slugify: SlugifySpec = SlugifySpec()
    templates: TemplateSpec | None = None
    # False: no rule of this run reads the page's text (`prose`, `blocks`, `numbers` stay empty:
    # cheaper to read, to keep in the cache and to load from it).
    text: bool = True


@dataclass(frozen=True)
class Link:
    url: str
    where: Location
    kind: str  # "link", "image", "autolink", "html"
    text: str = ""
    footnote: str | None = None  # label of the note the link stands in


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    explicit: bool
    where: Location


@dataclass(frozen=True)
class FootnoteRef:
    label: str
    where: Location


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    where: Location
    text: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class RefDef:
    label: str  # as written
    key: str  # normalised, as markdown-it matches it
    url: str
    where: Location


@dataclass(frozen=True)
class Unresolved:
    """`[^7]` or `[text][label]` that markdown-it left as text: nothing defines the label."""

    kind: str  # "footnote" or "reference"
    label: str
    text: str
    where: Location


@dataclass(frozen=True)
class HtmlTag:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    where: Location


@dataclass(frozen=True)
class Number:
    value: str  # canonical: 5289, 3.5
    text: str  # as written
    where: Location
    segment: str  # "" for the body, else the label of the note it stands in


@dataclass(frozen=True)
class TextBlock:
    """The plain text of one paragraph, heading, cell or title (for spelling and glossary rules)."""

    text: str
    where: Location
    footnote: str | None = None


@dataclass(frozen=True)
class PageFacts:
    file: str
    headings: tuple[Heading, ...] = ()
    ids: frozenset[str] = frozenset()
    links: tuple[Link, ...] = ()
    footnote_refs: tuple[FootnoteRef, ...] = ()
    footnote_defs: tuple[FootnoteDef, ...] = ()
    ref_defs: tuple[RefDef, ...] = ()
    used_refs: frozenset[str] = frozenset()
    unresolved: tuple[Unresolved, ...] = ()
    html_tags: tuple[HtmlTag, ...] = ()
    numbers: tuple[Number, ...] = ()
    blocks: tuple[TextBlock, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    decode_error: Location | None = None  # where the first byte that is not UTF-8 stands
    # The page's prose with positions, for the spelling and glossary rules (mdsource/prose.py).
    prose: tuple[prose.Block, ...] = field(default=(), hash=False, compare=False)
    # False when a template include the checker cannot read may add ids (refcheck/templates.py).
    ids_complete: bool = True
    includes: tuple[str, ...] = ()  # files `{% include %}` pulled in (resolved, absolute)
