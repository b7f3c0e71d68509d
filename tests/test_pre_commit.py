"""pre-commit installs with the project's own command and runs the checker, .venv/ or not."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import yaml

from translation_support import ROOT, copy_project, edit


def config() -> dict:
    return yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_hook_runs_through_site_py_which_creates_the_venv():
    hook = config()["repos"][0]["hooks"][0]
    assert hook["entry"] == "python3 scripts/site.py check"


def test_the_pinned_pre_commit_meets_the_configured_minimum():
    pinned = re.search(r"^pre-commit==([\d.]+)", (ROOT / "scripts" / "supplychain" / "pre-commit.txt").read_text(), re.M).group(1)
    assert version(pinned) >= version(config()["minimum_pre_commit_version"])


def test_install_hooks_makes_a_commit_with_a_broken_link_fail(tmp_path):
    root = copy_project(tmp_path)
    for name in (".pre-commit-config.yaml", "scripts/supplychain/pre-commit.txt"):
        shutil.copy(ROOT / name, root / name)
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start"]):
        subprocess.run(command, cwd=root, check=True, capture_output=True)
    installed = subprocess.run([sys.executable, "scripts/site.py", "install-hooks"], cwd=root, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    edit(root / "docs/es/about.md", "[Fuentes](sources.md)", "[Fuentes](sourcez.md)")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    commit = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-m", "broken"],
                            cwd=root, capture_output=True, text=True)
    assert commit.returncode != 0
    assert "link-broken" in commit.stdout + commit.stderr
