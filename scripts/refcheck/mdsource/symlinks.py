"""Which files of a source folder really live in it: a symbolic link may lead anywhere.

MkDocs follows links and publishes what they point at, so `docs/es/x.txt -> /proc/self/environ`
would put the build machine's environment on the site. `judge` says, for one file found under a
folder, whether it is a link to nothing, or leads (itself or through a linked folder above it)
outside the folder. The build plugin (scripts/edition_plugins/safe_files.py) and the reference checker
(rule source-symlink-outside) both ask it, so they name the same files in the same words.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

OUTSIDE = "outside"
DANGLING = "dangling"
# Set by the build plugin, which removes and reports these files itself: the checker run inside the
# same build (the refcheck plugin) then leaves them to it, so each is said once.
BUILD_REPORTS_LINKS = False


@dataclass(frozen=True)
class Unsafe:
    link: str  # the link to name: the file itself, or the outermost linked folder above it
    kind: str  # OUTSIDE or DANGLING
    target: str  # where the link says it leads, as written (`/proc/self/environ`); "" for nothing

    def message(self, folder: str) -> str:
        if self.kind == DANGLING:
            return "is a symbolic link to nothing (or a loop); remove the link or restore its target"
        return (f"is a symbolic link that leads outside {folder}/ (to {self.target}); not published: "
                "copy what it should show into the folder instead")


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def first_link(source: str, home: str) -> str:
    """The outermost symbolic link on the way from `home` down to `source` (a linked folder is
    named once, not once per file under it)."""
    path = os.path.abspath(home)
    for part in Path(source).relative_to(path).parts:
        path = os.path.join(path, part)
        if os.path.islink(path):
            return path
    return source


def judge(source: str, home: str) -> Unsafe | None:
    """None when `source` (a path under the folder `home`) really is inside it."""
    source, home = os.path.abspath(source), os.path.abspath(home)
    real_home = os.path.realpath(home)
    # A linked folder first: everything under it is outside, its links to nothing included.
    if not inside(os.path.realpath(os.path.dirname(source)), real_home):
        return outside(first_link(source, home))
    if not os.path.exists(source):
        return Unsafe(source, DANGLING, "")
    if not inside(os.path.realpath(source), real_home):
        return outside(first_link(source, home))
    return None


def outside(link: str) -> Unsafe:
    """The finding for a link known to lead outside, naming its target as written."""
    target = os.readlink(link) if os.path.islink(link) else os.path.realpath(link)
    return Unsafe(link, OUTSIDE, target)


def leads_outside(path: str, home: str) -> bool:
    """Whether a folder or file found while walking `home` really lies outside it."""
    return not inside(os.path.realpath(path), os.path.realpath(home))


def entry_leads_outside(path: str, home: str) -> bool:
    """`leads_outside` for an entry of a folder already known to lie inside `home`: only a symbolic
    link can lead out from there, so a plain file or folder costs one `lstat`, not a `realpath`."""
    return os.path.islink(path) and leads_outside(path, home)
