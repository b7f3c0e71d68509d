"""Files (issue 9, item 5): a symbolic link out of docs/ is an error and is never published; a link
to nothing is one error line, never a traceback. The build tests build a copy of this repository
with the links added; the site they produce is searched for the targets' contents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck.checks import outside_links, sources
from refcheck_support import ROOT, copy_fixture, source_findings

SECRET = "refcheck-secret-7f3a"  # written into the link targets; must never reach the site


PLANTED = {"docs/es/passwd.txt": "/etc/passwd", "docs/es/environ.txt": "/proc/self/environ",
           "docs/es/git-config.txt": "../../.git/config"}


def plant_links(root: Path) -> None:
    """A .git/config holding SECRET, and the links of PLANTED pointing out of docs/."""
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[credential]\n  helper = {SECRET}\n", encoding="utf-8")
    for link, target in PLANTED.items():
        os.symlink(target, root / link)


def links_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The fixture project with a link of each kind; returns it and {link: what it is}."""
    root = copy_fixture("folder", tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    plant_links(root)
    docs = root / "docs"
    os.symlink(outside, docs / "en" / "outside-folder")
    os.symlink(outside / "secret.txt", docs / "en" / "page-from-outside.md")
    os.symlink("../en/report.md", docs / "es" / "inside-link.md")  # inside docs: fine
    return root, {
        **PLANTED,
        "docs/en/outside-folder": str(outside),
        "docs/en/page-from-outside.md": str(outside / "secret.txt"),
    }


def test_every_link_out_of_docs_is_an_error_at_the_link(tmp_path):
    root, links = links_project(tmp_path)
    found = source_findings(root, (outside_links,))
    assert {(f.file, f.rule, f.severity.value) for f in found} == {
        (link, "source-symlink-outside", "error") for link in links}
    for finding in found:
        assert f"leads outside docs/ (to {links[finding.file]})" in finding.message


def test_the_checker_never_reads_what_a_link_out_of_docs_points_at(tmp_path):
    root, _ = links_project(tmp_path)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_references.py"), "--root", str(root),
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert SECRET not in done.stdout + done.stderr
    assert "page-from-outside" in done.stdout and "root:x:" not in done.stdout


def test_a_link_to_nothing_is_one_error_line(tmp_path):
    root = copy_fixture("folder", tmp_path)
    os.symlink("/nonexistent/file.txt", root / "docs" / "es" / "gone.txt")
    found = source_findings(root, (sources, outside_links))
    assert [(f.file, f.rule) for f in found] == [("docs/es/gone.txt", "source-symlink-loop")]
    assert "symbolic link to nothing" in found[0].message


# -- the build ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linked_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """This repository, with links out of docs/ and a link to nothing, built strictly by MkDocs."""
    work = tmp_path_factory.mktemp("links")
    repo = work / "repo"
    shutil.copytree(ROOT, repo, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "site", ".cache", "__pycache__", ".pytest_cache", ".hypothesis", "test-artifacts"))
    plant_links(repo)
    os.symlink("/nonexistent/file.txt", repo / "docs" / "es" / "gone.txt")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFCHECK_HOOK": "off", SECRET.upper().replace("-", "_"): SECRET}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "site")],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    return work / "site", done


def test_the_strict_build_fails_naming_each_link_once(linked_build):
    _, done = linked_build
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    named = sorted(line.split("-  ", 1)[1].split(":", 1)[0] for line in errors)
    assert named == sorted([*PLANTED, "docs/es/gone.txt"])
    assert "Traceback" not in done.stderr and "FileNotFoundError" not in done.stderr


def test_no_link_target_reaches_the_built_site(linked_build):
    site, _ = linked_build
    for name in ("environ.txt", "passwd.txt", "git-config.txt", "gone.txt"):
        assert not list(site.rglob(name)), name
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".json", ".xml", ""):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and "root:x:0:0" not in text, path
