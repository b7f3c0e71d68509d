"""The build's date, from git, never from the clock (reproducible builds' `SOURCE_DATE_EPOCH`).

MkDocs dates every page (the sitemap's `lastmod`) with `SOURCE_DATE_EPOCH` when it is set and with
the clock otherwise; so does WeasyPrint's PDF metadata. `scripts/site.py` sets it for its builds
and previews, and the citation hook sets it for any other build (tests, a bare `mkdocs build`), to
the time of the last commit, or to this edition's date (citation.yml) outside a git clone.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def last_commit_epoch(root: Path) -> int | None:
    """Seconds since 1970 of the last commit of the clone at `root`; None outside a clone or without git."""
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                              text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = done.stdout.strip()
    return int(text) if done.returncode == 0 and text.isdigit() else None


def source_date_epoch(root: Path, edition_date: dt.date) -> str:
    """The last commit's time, or midnight UTC of the edition's date."""
    epoch = last_commit_epoch(root)
    if epoch is None:
        epoch = int(dt.datetime.combine(edition_date, dt.time(), dt.timezone.utc).timestamp())
    return str(epoch)


def ensure_source_date_epoch(root: Path, edition_date: dt.date) -> str:
    """`SOURCE_DATE_EPOCH` as given, or set from git; returned either way."""
    given = os.environ.get(VARIABLE, "")
    if given.isdigit():
        return given
    os.environ[VARIABLE] = source_date_epoch(root, edition_date)
    return os.environ[VARIABLE]
