"""The English versions a translation was reviewed against: stored in translations/originals/, else git."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from refcheck.translation.pages import ORIGINALS_DIR, Project, english_hash

# --------------------------------------------------------------------------------------------
# The English versions a translation was reviewed against


def original_path(root: Path, page: str, digest: str) -> Path:
    return root / ORIGINALS_DIR / f"{page[: -len('.md')]}.{digest}.md"


def store_original(root: Path, page: str, text: str) -> Path:
    path = original_path(root, page, english_hash(text))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Original:
    """The English text a translation was reviewed against, and where it was found."""

    text: str
    origin: str  # "translations/originals/x.<hash>.md" or "git commit 1a2b3c4d"


def find_original(project: Project, page: str, digest: str) -> Original | None:
    """The English text whose hash is `digest`: from translations/originals/, else from git history."""
    path = original_path(project.root, page, digest)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if english_hash(text) == digest:
            return Original(text, path.relative_to(project.root).as_posix())
    return _original_from_git(project, page, digest)


def _original_from_git(project: Project, page: str, digest: str, limit: int = 200) -> Original | None:
    source = project.path(project.default, page)
    try:
        relative = source.relative_to(project.root).as_posix()
        commits = subprocess.run(
            ["git", "log", f"--max-count={limit}", "--format=%H", "--", relative],
            cwd=project.root, capture_output=True, text=True, timeout=30,
        )
        if commits.returncode != 0:
            return None
        for commit in commits.stdout.split():
            shown = subprocess.run(
                ["git", "show", f"{commit}:{relative}"], cwd=project.root, capture_output=True, timeout=30
            )
            if shown.returncode == 0:
                text = shown.stdout.decode("utf-8", errors="replace")
                if english_hash(text) == digest:
                    return Original(text, f"git commit {commit[:12]}")
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    return None


