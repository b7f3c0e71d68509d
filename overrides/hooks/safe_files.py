"""Publish only what is really inside the docs folder (or the theme's folders): never a symlink's target
elsewhere, never a link to nothing.

MkDocs follows symbolic links and copies what they point at: `docs/es/x.txt -> /proc/self/environ`
would publish the build machine's environment variables, `-> ../.git/config` the repository's
remote and credentials helper. A link to nothing ends the build in a FileNotFoundError traceback.
Before any other plugin sees the files, this hook removes each such file and logs one error line
naming it, so `mkdocs build --strict` fails and nothing of it is written to the site. The reference
checker reports the same files (rules source-symlink-outside and source-symlink-loop).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.safe_files")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _first_link(source: str, home: str) -> str:
    """The outermost symbolic link on the way from `home` down to `source` (a linked folder is
    reported once, not once per file under it)."""
    path = os.path.abspath(home)
    for part in Path(source).relative_to(path).parts:
        path = os.path.join(path, part)
        if os.path.islink(path):
            return path
    return source


def why_unsafe(file: File, folders: list[str]) -> tuple[str, str] | None:
    """(the link to name, why) when `file` must not be published, or None. `folders`: docs_dir
    and the theme folders."""
    if file.abs_src_path is None:
        return None  # made by a plugin, not read from disk
    source = os.path.abspath(file.abs_src_path)
    home = next((folder for folder in folders if _inside(source, os.path.abspath(folder))), None)
    if home is None:
        return None
    real_home = os.path.realpath(home)
    # A linked folder first: what lies under it is outside, dangling links in it included.
    outside = not _inside(os.path.realpath(os.path.dirname(source)), real_home)
    if not outside and not os.path.exists(source):
        return source, "is a symbolic link to nothing (or a loop); remove the link or restore its target"
    if outside or not _inside(os.path.realpath(source), real_home):
        link = _first_link(source, home)
        return link, (f"is a symbolic link that leads outside {Path(home).name}/ (to {os.path.realpath(link)}); "
                      "not published: copy what it should show into the folder instead")
    return None


def _first_language(config: MkDocsConfig) -> bool:
    """static-i18n builds each language in turn: say it once, during the first."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    return i18n is None or current in (None, getattr(i18n, "default_language", None))


@event_priority(100)  # before static-i18n and every other plugin reads the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    folders = [config.docs_dir, *config.theme.dirs]
    root = Path(config.config_file_path).resolve().parent
    said: set[str] = set()
    for file in list(files):
        unsafe = why_unsafe(file, folders)
        if unsafe is None:
            continue
        files.remove(file)
        link, reason = unsafe
        if _first_language(config) and link not in said:
            said.add(link)
            try:
                shown = Path(link).relative_to(root).as_posix()
            except ValueError:
                shown = link
            log.error(f"{shown}: {reason}")
    return files
