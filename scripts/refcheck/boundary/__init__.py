"""What a pull request may put under docs/: which files, and which front-matter keys and values.

Everything else is refused, whatever it is: a rule of what is allowed, not a list of known attacks.
The reference checker (checks/boundary.py) and the build hook
(scripts/edition_plugins/safe_files.py) both ask `judge`, so they refuse the same files in the same words;
the build drops each refused file before MkDocs or any plugin reads it (a page's front matter is
never parsed by MkDocs' own loader, so an alias bomb is never expanded).

What maintainers may widen lives in mkdocs.yml (`extra.refcheck.boundary`), which CODEOWNERS gives
to them:

    extra:
      refcheck:
        boundary:
          allow_files: [docs/*/maps/region.pdf]   # globs of other files, reviewed by maintainers
          allow_keys: {docs/en/about.md: [hide]}  # front-matter keys a page may carry besides the schema

A file whose address is one the theme or the build writes is refused even when allowed, and so is
active content (SVG, HTML, scripts, styles): a translator's approval must never merge theme code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Rule ids (their records, with the documentation, are in refcheck/checks/).
DOCS_FILE_TYPE = "docs-file-type"
DOCS_FILE_RESERVED = "docs-file-reserved"
DOCS_IMAGE_SIZE = "docs-image-size"
FRONT_MATTER_SYNTAX = "front-matter-syntax"
FRONT_MATTER_KEY = "front-matter-key"
FRONT_MATTER_VALUE = "front-matter-value"
# Set by the build hook outside the preview: the build names every file it refuses itself, so the
# checker run inside the same build (scripts/refcheck/plugin.py) leaves them to it.
BUILD_REPORTS_FILES = False


@dataclass(frozen=True)
class Problem:
    rule: str
    line: int | None  # 1-based line in the file; None: the file as a whole
    message: str


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with control characters written as `\\x1b`: a file name or a value from a pull request
    must not reach a terminal as an escape sequence."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)
