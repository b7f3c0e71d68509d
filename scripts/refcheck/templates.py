"""Template syntax in pages (the mkdocs-macros plugin): opaque regions, and the headings of includes.

With mkdocs-macros, a page is a Jinja2 template before it is Markdown: `{{ … }}`, `{% … %}` and
`{# … #}` are replaced by whatever they compute, which the checker cannot know without running the
project's Python (which it never does). So those regions are blanked out (same length, same lines,
so every position stays right) and never read as Markdown: no heading ids, links or numbers come
from them. `{% include "file.md" %}` is the one thing read further: the included file's heading ids
become ids of the page (links to them work on the site); an include the checker cannot read (outside
the project, or computed) makes the page's ids unknown, so no link into it is reported as missing;
so does a heading with an expression in it. A link whose address has an expression in it is not
checked: only the plugin knows where it leads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MACROS_PLUGINS = ("macros", "mkdocs-macros", "mkdocs_macros")
TEMPLATE_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# What an expression `{{ … }}` becomes: a private-use character per character, so that a link or a
# heading that contains one is known to be computed (statements `{% … %}` print nothing: spaces).
COMPUTED = "\ue000"
INCLUDE_RE = re.compile(r"""\{%-?\s*include\s+(["'])([^"']+)\1""")
RAW_RE = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
MAX_INCLUDE_DEPTH = 5


@dataclass(frozen=True)
class TemplateSpec:
    """Where includes are looked for (absolute folders inside the project), and the project root."""

    include_dirs: tuple[str, ...]
    root: str


def templates_of(settings: Mapping[str, Any] | None, root: Path, docs_dir: Path) -> TemplateSpec | None:
    """From the macros plugin's settings, if the project uses it (None: pages are plain Markdown)."""
    if settings is None:
        return None
    folders = []
    include_dir = settings.get("include_dir")
    if isinstance(include_dir, str) and include_dir:
        folders.append((root / include_dir).resolve())
    folders += [docs_dir, root]  # Jinja's loader in mkdocs-macros also finds files from the docs folder
    inside = tuple(str(folder) for folder in folders if folder.is_relative_to(root))
    return TemplateSpec(inside, str(root))


def _blank(match: re.Match[str]) -> str:
    fill = COMPUTED if match.group(0).startswith("{{") else " "
    return re.sub(r"[^\n]", fill, match.group(0))


def blank_templates(text: str) -> tuple[str, tuple[str, ...]]:
    """The text with every template region blanked, and the files its `{% include %}`s name."""
    if "{" not in text:
        return text, ()
    includes = tuple(match.group(2) for match in INCLUDE_RE.finditer(RAW_RE.sub(" ", text)))
    pieces, last = [], 0
    for raw in RAW_RE.finditer(text):  # `{% raw %}…{% endraw %}` is printed as written
        pieces.append(TEMPLATE_RE.sub(_blank, text[last:raw.start(1)]))
        pieces.append(text[raw.start(1):raw.end(1)])
        last = raw.end(1)
    pieces.append(TEMPLATE_RE.sub(_blank, text[last:]))
    return "".join(pieces), includes


def find_include(name: str, spec: TemplateSpec) -> Path | None:
    """The included file, if it is inside the project (nothing outside it is ever read)."""
    root = Path(spec.root)
    for folder in spec.include_dirs:
        candidate = (Path(folder) / name).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None
