"""Publish only what is really inside the docs folder (or the theme's folders): never a symlink's target
elsewhere, never a link to nothing.

MkDocs follows symbolic links and copies what they point at: `docs/es/x.txt -> /proc/self/environ`
would publish the build machine's environment variables, `-> ../.git/config` the repository's
remote and credentials helper. A link to nothing ends the build in a FileNotFoundError traceback.
Before any other plugin sees the files, this plugin removes each such file and logs one error line
naming it (a linked folder once), so `mkdocs build --strict` fails and nothing of it is written to
the site. The judgement is mdsource.symlinks', which the reference checker uses too.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from refcheck.mdsource import symlinks

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def _first_language(config: MkDocsConfig) -> bool:
    """static-i18n builds each language in turn: say it once, during the first."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    return i18n is None or current in (None, getattr(i18n, "default_language", None))


def _home(path: str, folders: list[str]) -> str | None:
    return next((folder for folder in folders if symlinks.inside(path, os.path.abspath(folder))), None)


class SafeFilesPlugin(BasePlugin):
    """`edition-safe-files` in mkdocs.yml: list it first, before every plugin that reads the files."""

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance across rebuilds (MkDocs' plugin cache)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        symlinks.BUILD_REPORTS_LINKS = True
        return config

    @event_priority(100)  # before static-i18n and every other plugin reads the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return _remove_unsafe(files, config)


def _remove_unsafe(files: Files, config: MkDocsConfig) -> Files:
    folders = [config.docs_dir, *config.theme.dirs]
    root = Path(config.config_file_path).resolve().parent
    said: set[str] = set()
    for file in list(files):
        if file.abs_src_path is None:
            continue  # made by a plugin, not read from disk
        source = os.path.abspath(file.abs_src_path)
        home = _home(source, folders)
        unsafe = symlinks.judge(source, home) if home is not None else None
        if unsafe is None:
            continue
        files.remove(file)
        if _first_language(config) and unsafe.link not in said:
            said.add(unsafe.link)
            try:
                shown = Path(unsafe.link).relative_to(root).as_posix()
            except ValueError:
                shown = unsafe.link
            # The checker's rule id for the same judgement (a link to nothing has no rule of its own).
            rule = "source-symlink-outside: " if unsafe.kind == symlinks.OUTSIDE else ""
            log.error(f"{shown}: {rule}{unsafe.message(Path(home).name)}")
    return files
