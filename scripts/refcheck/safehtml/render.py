"""A page's Markdown rendered to HTML as MkDocs renders it, for the checker.

MkDocs builds one `markdown.Markdown` from `markdown_extensions` in mkdocs.yml plus its own
built-ins (toc, tables, fenced_code). The checker does the same, so it judges the HTML the build
publishes, not what another Markdown parser makes of the page. Reading mkdocs.yml from a pull
request must not run code, so an extension is loaded only from Python-Markdown, pymdown-extensions
or Material (installed packages); any other is reported as skipped, and options that are Python
objects (`!!python/name:...`, which only change ids) are left out.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown

    from refcheck.safehtml.authored import Guard, Refusal

MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
TRUSTED_PACKAGES = ("markdown.extensions.", "pymdownx.", "material.extensions.")


@dataclass(frozen=True)
class Renderer:
    extensions: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]]
    skipped: tuple[str, ...]  # extensions named in mkdocs.yml that the checker does not load

    def html(self, markdown_text: str) -> str:
        # One instance for every page, reset before each: Python-Markdown's reset() clears what
        # extensions keep per page (footnotes, abbreviations, ids), and building it anew costs a
        # quarter of a page's rendering.
        key = (self.extensions, repr(self.options))  # a Renderer sent to a worker process is a new object
        md = _instances.get(key)
        if md is None:
            import markdown  # only when a page is rendered (the checker skips plain pages)

            from refcheck.safehtml.authored import Guard

            extensions = [_extension(name, self.options.get(name, {})) for name in self.extensions]
            _guards[key] = Guard()  # last: it takes over attr_list's processor
            md = _instances[key] = markdown.Markdown(extensions=[*extensions, _guards[key]])
        md.reset()
        return md.convert(markdown_text)

    def refused(self) -> list["Refusal"]:
        """What the author's markup set that authored.py refuses, in the page last rendered."""
        guard = _guards.get((self.extensions, repr(self.options)))
        return list(guard.refused) if guard is not None else []


_instances: dict[tuple[tuple[str, ...], str], "markdown.Markdown"] = {}
_guards: dict[tuple[tuple[str, ...], str], "Guard"] = {}


def _extension(name: str, options: Mapping[str, Any]) -> "markdown.extensions.Extension":
    """The extension `name` names, made from the very module `_trusted` found. Handing Python-Markdown
    the name instead would have it read every installed package's entry points first (a third of
    a small site's check) and prefer one named like it."""
    dotted = name if "." in name else f"markdown.extensions.{name}"
    module_name, _, class_name = dotted.partition(":")
    module = importlib.import_module(module_name)
    if class_name:
        return getattr(module, class_name)(**options)
    return module.makeExtension(**options)


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return False


def _trusted(name: str) -> bool:
    dotted = name if "." in name else f"markdown.extensions.{name}"
    if not dotted.startswith(TRUSTED_PACKAGES):
        return False
    try:
        return importlib.util.find_spec(dotted.split(":", 1)[0]) is not None
    except (ImportError, ValueError):
        return False


def renderer(markdown_extensions: Sequence[Any] | None) -> Renderer:
    """The Markdown configuration of mkdocs.yml's `markdown_extensions` (a list of names or {name: options})."""
    names: list[str] = list(MKDOCS_BUILTINS)
    options: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    for item in markdown_extensions or []:
        if isinstance(item, str):
            name, settings = item, {}
        elif isinstance(item, Mapping) and len(item) == 1:
            name, settings = next(iter(item.items()))
            settings = settings if isinstance(settings, Mapping) else {}
        else:
            continue
        name = str(name)
        if not _trusted(name):
            skipped.append(name)
            continue
        if name not in names:
            names.append(name)
        kept = {key: value for key, value in settings.items() if _plain(value)}
        if kept:
            options[name] = kept
    return Renderer(tuple(names), options, tuple(skipped))
