"""Publish only what is really inside the docs folder (or the theme's folders): never a symlink's target
elsewhere, never a link to nothing; and from docs/ only what a pull request may add (refcheck.boundary:
pages with front matter of the site's schema, raster images; never a file at the theme's or the
build's addresses), dropped before MkDocs reads a page's front matter.

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

from refcheck import boundary
from refcheck.boundary import settings as boundary_settings
from refcheck.mdsource import symlinks
from refcheck.mkdocsconfig import CannotRun, read_config

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

    def __init__(self) -> None:
        self.preview = False

    def on_startup(self, command: str, dirty: bool) -> None:
        # `mkdocs serve` keeps this instance across rebuilds (MkDocs' plugin cache); in the preview
        # the checker's banner names the refused files, unless the checker is turned off.
        checker_off = os.environ.get("REFCHECK_HOOK", "").lower() in ("off", "0", "no")
        self.preview = command == "serve" and not checker_off

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        symlinks.BUILD_REPORTS_LINKS = True
        boundary.BUILD_REPORTS_FILES = not self.preview
        return config

    @event_priority(100)  # before static-i18n and every other plugin reads the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return _remove_unsafe(files, config, self.preview)


def _boundary(config: MkDocsConfig, root: Path) -> boundary_settings.Settings | None:
    """The settings from mkdocs.yml as the checker reads it (never through MkDocs' own loader)."""
    try:
        data = read_config(Path(config.config_file_path), root).data
    except CannotRun as error:
        log.error(str(error))
        return boundary_settings.read({}, root)
    return boundary_settings.read(data, root) if boundary_settings.configured(data) is not None else None


def _remove_unsafe(files: Files, config: MkDocsConfig, preview: bool) -> Files:
    folders = [config.docs_dir, *config.theme.dirs]
    root = Path(config.config_file_path).resolve().parent
    said: set[str] = set()
    settings = _boundary(config, root)
    for file in list(files):
        if file.abs_src_path is None:
            continue  # made by a plugin, not read from disk
        source = os.path.abspath(file.abs_src_path)
        home = _home(source, folders)
        unsafe = symlinks.judge(source, home) if home is not None else None
        if unsafe is None:
            if settings is not None and home == config.docs_dir and file.inclusion.is_in_serve():
                _judge(file, files, config, root, settings, said, preview)
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


def _judge(file, files: Files, config: MkDocsConfig, root: Path, settings: boundary_settings.Settings,
           said: set[str], preview: bool) -> None:
    """Drop a file of docs/ that a pull request may not add, and name it (once per build)."""
    source = Path(file.abs_src_path)
    relative = source.relative_to(config.docs_dir).as_posix()
    try:
        shown = source.relative_to(root).as_posix()
    except ValueError:
        shown = relative
    problems = boundary_settings.judge(relative, source, settings, shown)
    if not problems:
        return
    files.remove(file)
    if preview or not _first_language(config) or shown in said:
        return
    said.add(shown)
    for problem in problems:
        where = boundary.visible(f"{shown}:{problem.line}" if problem.line else shown)
        log.error(f"{where}: {problem.rule}: {problem.message}")
