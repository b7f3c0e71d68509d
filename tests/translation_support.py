"""Helpers for the translator's workflow tests: a copy of this repository, and its commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a project needs to build and to be checked; not .venv/, site/ or the tests.
PROJECT_PARTS = ("mkdocs.yml", "requirements.txt", "citation.yml", "docs", "overrides", "scripts", "translations")


def copy_project(into: Path) -> Path:
    """A copy of this repository's site in `into/project`, with no git history."""
    target = into / "project"
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    # The copy uses this checkout's environment, so `scripts/site.py` in it installs nothing.
    (target / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return target


def site(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`scripts/site.py`'s translator sub-commands, run in the copy."""
    return subprocess.run([sys.executable, str(root / "scripts" / "site.py"), *args],
                          cwd=root, capture_output=True, text=True)


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(root / "scripts" / "check_references.py"), "--root", str(root), *args],
                          cwd=root, capture_output=True, text=True)


def build(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=root, env=env, capture_output=True, text=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
