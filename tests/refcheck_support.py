"""Helpers for the reference checker's tests: copy a fixture project, change one thing, run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from refcheck import pipeline
from refcheck.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "refcheck"
CHECKER = ROOT / "scripts" / "check_references.py"
LAYOUTS = ("folder", "suffix")


def copy_fixture(layout: str, into: Path) -> Path:
    target = into / layout
    shutil.copytree(FIXTURES / layout, target, symlinks=True)
    return target


def layout_path(layout: str, path: str) -> str:
    """A folder-layout path (`docs/es/report.md`) in the given layout (`docs/report.es.md`)."""
    if layout == "folder" or not path.startswith("docs/"):
        return path
    _, language, rest = path.split("/", 2)
    if language == "en" or not rest.endswith(".md"):
        return f"docs/{rest}"
    return f"docs/{rest[:-3]}.{language}.md"


@dataclass(frozen=True)
class Edit:
    file: str
    old: str | None  # None: write `new` as the whole file
    new: str | bytes

    def apply(self, root: Path, layout: str) -> Path:
        path = root / layout_path(layout, self.file)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.old is None:
            if isinstance(self.new, bytes):
                path.write_bytes(self.new)
            else:
                path.write_text(self.new, encoding="utf-8")
            return path
        text = path.read_text(encoding="utf-8")
        assert self.old in text, f"{self.old!r} not in {path}"
        path.write_text(text.replace(self.old, str(self.new), 1), encoding="utf-8")
        return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def findings(root: Path, **options) -> list[Finding]:
    """Every finding of the whole pipeline (all rule modules, severities and exclusions applied)."""
    return pipeline.run(root, **options).findings


def source_findings(root: Path, modules: tuple[ModuleType, ...]) -> list[Finding]:
    """The findings of the given rule modules only (other modules' rules do not blur the test)."""
    project, config = pipeline.read(root)
    return config.apply(f for module in modules for f in module.check(project, config))


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECKER), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
