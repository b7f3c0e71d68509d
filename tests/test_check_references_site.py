"""The built site (rule 8), the MkDocs hook, and faults injected into a copy of the real docs/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from refcheck import pipeline
from refcheck.findings import Severity
from refcheck.builtsite import check_site
from refcheck_support import ROOT, copy_fixture, line_of


def _copy_repository(into: Path) -> Path:
    """mkdocs.yml, citation.yml, docs/, overrides/ and scripts/: enough to check and build the real site."""
    root = into / "repo"
    root.mkdir()
    for name in ("mkdocs.yml", "citation.yml"):
        shutil.copy2(ROOT / name, root / name)
    for folder in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for extra in ("translations",):
        if (ROOT / extra).is_dir():
            shutil.copytree(ROOT / extra, root / extra)
    return root


def _errors(findings):
    return [f for f in findings if f.severity is Severity.ERROR]


# -- the built site ---------------------------------------------------------------------------
def test_the_real_built_site_has_no_broken_link_or_anchor(site_build) -> None:
    project, _ = pipeline.read(ROOT, jobs=1)
    assert check_site(project, site_build.site_dir) == []


def test_a_page_missing_from_the_built_site_breaks_the_theme_links_to_it(site_build, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_build.site_dir, site)
    (site / "es" / "about" / "index.html").unlink()
    project, _ = pipeline.read(ROOT, jobs=1)
    found = check_site(project, site)
    assert found and {f.rule for f in found} == {"site-link-broken"}
    # the language switcher of the English page, the Spanish nav, the sitemap, the search index:
    # one finding, which says how many other files have the same broken link
    about = [f for f in found if "`es/about/`" in f.message or "es/about" in f.message]
    assert len(about) == 1 and "other files of the site" in about[0].message, found


def test_a_missing_id_in_the_built_site_is_reported(site_build, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_build.site_dir, site)
    page = site / "sources" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="dif"', 'id="dif-renamed"'), encoding="utf-8")
    project, _ = pipeline.read(ROOT, jobs=1)
    found = check_site(project, site)
    assert any(f.rule == "site-anchor-missing" and "#dif" in f.message for f in found), found


def test_a_broken_link_from_markdown_is_reported_at_its_markdown_line(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    page = root / "docs/en/report.md"
    page.write_text(page.read_text().replace("(index.md)", "(index.md#nowhere)"))
    site = tmp_path / "built"
    build = build_site_at(root, site)
    assert build == 0
    project, _ = pipeline.read(root, jobs=1)
    found = [f for f in check_site(project, site) if f.rule == "site-anchor-missing"]
    assert ("docs/en/report.md", line_of(page, "#nowhere")) in [(f.file, f.line) for f in found]


def build_site_at(root: Path, site: Path) -> int:
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFCHECK_HOOK": "off"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=root, env=env,
                          capture_output=True, text=True)
    return done.returncode


# -- the hook ----------------------------------------------------------------------------------
def test_the_hook_makes_a_strict_build_fail_on_an_error_and_names_file_and_line(tmp_path: Path) -> None:
    root = _copy_repository(tmp_path)
    page = root / "docs/en/not-safe-to-wait.md"
    page.write_text(page.read_text(encoding="utf-8").replace("migrating.[^4]", "migrating.[^9]"), encoding="utf-8")
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    line = line_of(page, "[^9]")
    assert f"docs/en/not-safe-to-wait.md:{line}:" in done.stderr + done.stdout
    assert "footnote-undefined" in done.stderr + done.stdout


def test_the_real_site_builds_strict_with_the_hook(site_build) -> None:
    assert site_build.returncode == 0
    assert "reference check could not run" not in site_build.log


# -- faults injected into a copy of the real docs/ ---------------------------------------------
FAULTS = [
    # (rule, file, old, new, text on the expected line)
    ("link-broken", "docs/en/about.md", "(sources.md)", "(source.md)", "(source.md)"),
    ("anchor-missing", "docs/en/sources.md", "index.md#fnref:1", "index.md#fnref:7", "#fnref:7"),
    ("footnote-undefined", "docs/en/not-safe-to-wait.md", "migrating.[^4]", "migrating.[^9]", "[^9]"),
    ("footnote-unused", "docs/en/not-safe-to-wait.md", "migrating.[^4]", "migrating.", "[^4]:"),
    ("footnote-empty", "docs/en/index.md", "[^1]: ^^Restored", "[^1]:\n\n^^Restored", "[^1]:"),
    ("footnote-parity", "docs/es/not-safe-to-wait.md", "[^4]: Kids", "[^8]: Kids", "[^8]:"),
    # A reference the original lacks, with no note: one finding, which says to remove it.
    ("footnote-undefined", "docs/es/not-safe-to-wait.md", "migrar.[^4]", "migrar.[^4][^8]", "[^8]"),
    ("number-parity", "docs/es/not-safe-to-wait.md", "registró 5", "registró 6", "registró 6"),
    ("url-parity", "docs/es/mexico-lacks-capacity.md", "https://www.gob.mx/difnacional", "https://www.gob.mx/difnacion", "difnacion>"),
    ("unsafe-html", "docs/es/about.md", "\n## ", "\n<script>alert(1)</script>\n\n## ", "<script>"),
    ("insecure-http-link", "docs/en/about.md", "(https://supportkind.org/resources/", "(http://supportkind.org/resources/", "(http://supportkind"),
    ("translation-orphan", "docs/es/extra.md", None, "# Extra\n", None),
]


@pytest.fixture(scope="module")
def repository_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_repository(tmp_path_factory.mktemp("real"))


def test_the_untouched_docs_report_no_error(repository_copy: Path) -> None:
    assert _errors(pipeline.run(repository_copy, jobs=1).findings) == []


@pytest.mark.parametrize("rule, file, old, new, needle", FAULTS, ids=[f[0] for f in FAULTS])
def test_each_fault_injected_into_the_real_docs_is_reported_at_its_line(
    repository_copy: Path, tmp_path: Path, rule: str, file: str, old: str | None, new: str, needle: str | None
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(repository_copy, root, symlinks=True)
    page = root / file
    if old is None:
        page.write_text(new, encoding="utf-8")
    else:
        text = page.read_text(encoding="utf-8")
        if old not in text:
            pytest.fail(f"the real docs changed: {old!r} is no longer in {file}; update this fault")
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected = (file, line_of(page, needle) if needle else 1)
    found = [(f.file, f.line) for f in pipeline.run(root, jobs=1).findings if f.rule == rule]
    assert expected in found, found
