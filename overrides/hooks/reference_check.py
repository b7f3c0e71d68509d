"""Run the reference checker's source checks inside MkDocs (scripts/check_references.py, offline).

`mkdocs serve` shows a translator every broken reference of the pages while they edit, and
`mkdocs build --strict` fails on errors: each error-severity finding is logged as a warning (which
strict mode counts), each warning as an info line. The checks run once per build, before the
default language (static-i18n builds each language in turn). Severities and exclusions come from
`extra.refcheck` in mkdocs.yml, as for the command line. Set REFCHECK_HOOK=off to skip them.
Page facts are kept in the checker's cache (refcheck/cache.py, outside the project), so a rebuild
after saving one page parses that page only; REFCHECK_CACHE=off keeps nothing.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
log = logging.getLogger("mkdocs.hooks.reference_check")


def _first_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True
    return getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None))


def _line(finding) -> str:
    place = finding.file + "".join(f":{n}" for n in (finding.line, finding.column) if n is not None)
    return f"{place}: {finding.rule}: {finding.message}"


# After the i18n plugin has set the language being built.
@event_priority(-120)
def on_pre_build(config: MkDocsConfig) -> None:
    if os.environ.get("REFCHECK_HOOK", "").lower() in ("off", "0", "no") or not _first_language_build(config):
        return
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    from refcheck import pipeline
    from refcheck.cache import choose_cache_dir
    from refcheck.findings import Severity
    from refcheck.project import CannotRun

    root = Path(config.config_file_path).resolve().parent
    try:
        cache_dir = choose_cache_dir(root, None, os.environ.get("REFCHECK_CACHE", "").lower() in ("off", "0", "no"))
        project, settings = pipeline.read(root, jobs=1, cache_dir=cache_dir)
        findings = settings.apply(pipeline.check_sources(project, settings))
    except CannotRun as error:
        log.warning(f"reference check could not run: {error}")
        return
    for finding in findings:
        if finding.severity is Severity.ERROR:
            log.warning(_line(finding))
        elif finding.severity is Severity.WARNING:
            log.info(_line(finding))
        else:
            log.debug(_line(finding))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if findings:
        log.info(f"reference check: {errors} errors, {len(findings) - errors} warnings and notes "
                 "(python scripts/check_references.py for the full report)")
