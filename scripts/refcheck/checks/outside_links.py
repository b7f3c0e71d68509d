"""Symbolic links in the docs folder that lead out of it: never read, never published.

MkDocs follows links and publishes their targets (`docs/es/x.txt -> /proc/self/environ` would put
the build machine's environment on the site). The checker reads none of them (refcheck.project
skips them) and names each here, a linked folder once; the build plugin removes them and fails
`--strict` with the same words (mdsource.symlinks judges for both). Links to nothing are
reported by source-symlink-loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from refcheck.mdsource import symlinks
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project

SOURCE_SYMLINK_OUTSIDE = Rule(
    "source-symlink-outside",
    "A symbolic link in the docs folder leads outside it.",
    Severity.ERROR,
    "MkDocs copies what a link points at: a link to /proc/self/environ, /etc/passwd or ../.git/config "
    "would publish the build machine's secrets. The build refuses such files; keep the file itself "
    "in the docs folder.",
    "docs/es/data.txt -> /proc/self/environ",
    "docs/es/data.txt (a file), or a link to another file inside docs/",
)
RULES = [SOURCE_SYMLINK_OUTSIDE]


def outside_links(docs_dir: Path) -> list[symlinks.Unsafe]:
    """Every link under docs_dir that leads out of it (folders once), following the links that stay
    inside as MkDocs does, never round a loop and never into a folder outside."""
    found: list[symlinks.Unsafe] = []
    home = str(docs_dir)
    seen: set[str] = set()
    for directory, subdirs, files in os.walk(home, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen:
            subdirs[:] = []
            continue
        seen.add(real)
        kept = []
        for name in sorted(subdirs):
            path = os.path.join(directory, name)
            if symlinks.entry_leads_outside(path, home):
                found.append(symlinks.outside(path))
            else:
                kept.append(name)
        subdirs[:] = kept
        for name in sorted(files):
            if not os.path.islink(os.path.join(directory, name)):
                continue  # a plain file in a folder inside docs_dir is inside it
            unsafe = symlinks.judge(os.path.join(directory, name), home)
            if unsafe is not None and unsafe.kind == symlinks.OUTSIDE:
                found.append(unsafe)
    return found


def check(project: Project, config: Config) -> Iterator[Finding]:
    if symlinks.BUILD_REPORTS_LINKS:
        return  # inside the build: the edition-safe-files plugin reports each link as it removes it
    for unsafe in outside_links(project.docs_dir):
        relative = Path(unsafe.link).relative_to(project.docs_dir).as_posix()
        file = f"{project.docs_prefix}/{relative}" if project.docs_prefix not in ("", ".") else relative
        yield Finding.at(SOURCE_SYMLINK_OUTSIDE, Location(file), f"{file} {unsafe.message(project.docs_prefix)}")
