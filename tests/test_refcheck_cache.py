"""The checker's one cache: an SQLite file of JSON records, scoped by the whole package's code and the
project's settings, capped in size, cleared on request; and re-checks from it that see every change
a cached answer could hide (scripts/refcheck/cache.py, scripts/refcheck/builtsite.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck import cache as refcheck_cache
from refcheck import pipeline
from refcheck.builtsite import check_site
from refcheck_support import ROOT

CHECKER = ROOT / "scripts" / "check_references.py"


@pytest.fixture(autouse=True)
def own_cache_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _run(folder: Path, entries: dict[str, int], used: tuple[str, ...] = (), settings: dict | None = None) -> None:
    """One run: looks up `used`, adds `entries`, saves."""
    cache = refcheck_cache.Cache.open(folder, settings or {})
    assert cache is not None
    table = cache.table("numbers", int)
    for key in used:
        assert table.get(key) is not None, key
    for key, value in entries.items():
        table.put(key, value)
    table.save()


def _entries(folder: Path, settings: dict | None = None) -> dict[str, int]:
    cache = refcheck_cache.Cache.open(folder, settings or {})
    assert cache is not None
    table = cache.table("numbers", int)
    return {key: table.get(key) for key in table.stored}


def test_a_run_keeps_its_answers_for_the_next_as_json_records(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1, "b": 2})
    _run(folder, {"c": 3}, used=("a", "b"))
    assert _entries(folder) == {"a": 1, "b": 2, "c": 3}
    rows = sqlite3.connect(folder / refcheck_cache.FILE).execute("SELECT value FROM records").fetchall()
    assert sorted(json.loads(value) for value, in rows) == [1, 2, 3]


def test_other_settings_or_other_code_start_afresh(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1}, settings={"site_name": "A"})
    assert _entries(folder, {"site_name": "B"}) == {}
    package = tmp_path / "package"
    shutil.copytree(refcheck_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(refcheck_cache, "PACKAGE", package)
    refcheck_cache.code_digest.cache_clear()
    assert _entries(folder, {"site_name": "A"}) == {"a": 1}  # the same code, copied
    facts = package / "facts.py"  # any file of the package, none listed by hand
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    refcheck_cache.code_digest.cache_clear()
    try:
        assert _entries(folder, {"site_name": "A"}) == {}
    finally:
        refcheck_cache.code_digest.cache_clear()


def test_past_its_size_cap_the_cache_keeps_only_what_the_last_run_used(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    _run(folder, {f"old-{n}": n for n in range(200)})
    monkeypatch.setattr(refcheck_cache, "MAX_BYTES", 1)
    _run(folder, {"new": 1}, used=("old-0",))
    assert _entries(folder) == {"old-0": 0, "new": 1}


def test_a_record_of_another_shape_is_a_miss_not_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1, "b": 2})
    with sqlite3.connect(folder / refcheck_cache.FILE) as connection:
        connection.execute("UPDATE records SET value = ? WHERE key = 'a'", ('{"not": "an int"',))
    assert _entries(folder) == {"a": None, "b": 2}


@pytest.mark.parametrize("damage", ["cut short", "not a database"])
def test_a_damaged_cache_file_is_set_aside_and_the_check_runs(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "cache"
    command = [sys.executable, str(CHECKER), "--root", str(ROOT), "--cache-dir", str(folder), "--format", "json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    path = folder / refcheck_cache.FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3] if damage == "cut short" else b"not a database" * 100)
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == first.returncode and "Traceback" not in again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    subprocess.run(command, capture_output=True, timeout=300)  # the damaged file was set aside: a new one
    assert sqlite3.connect(path).execute("SELECT count(*) FROM records").fetchone()[0] > 0


def test_clear_cache_deletes_the_cache_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1})
    done = subprocess.run([sys.executable, str(CHECKER), "--cache-dir", str(folder), "--clear-cache"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and str(folder / refcheck_cache.FILE) in done.stderr
    assert not (folder / refcheck_cache.FILE).exists()


# -- the built site, checked again from the cache ---------------------------------------------------
@pytest.fixture
def site(site_build, tmp_path: Path) -> Path:
    copied = tmp_path / "site"
    shutil.copytree(site_build.site_dir, copied)
    return copied


def _site_findings(site: Path, cache_dir: Path | None) -> list[tuple[str, str]]:
    project, _ = pipeline.read(ROOT, cache_dir=cache_dir)
    return sorted((f.rule, f.message) for f in check_site(project, site))


def test_an_id_removed_from_one_page_is_found_by_a_recheck_from_the_cache(site: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert _site_findings(site, cache_dir) == []
    page = site / "sources" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="dif"', 'id="dif-renamed"'), encoding="utf-8")
    again = _site_findings(site, cache_dir)
    assert again and {rule for rule, _ in again} == {"site-anchor-missing"}
    assert again == _site_findings(site, None)  # the same as a check without the cache


def test_a_file_removed_breaks_links_of_unchanged_pages_in_a_recheck(site: Path, tmp_path: Path) -> None:
    """Where a link leads depends on which files the site has: an unchanged page's cached links are
    resolved again when a file is added or removed."""
    cache_dir = tmp_path / "cache"
    assert _site_findings(site, cache_dir) == []
    (site / "es" / "about" / "index.html").unlink()
    again = _site_findings(site, cache_dir)
    assert again and {rule for rule, _ in again} == {"site-link-broken"}
    assert again == _site_findings(site, None)


# -- the sources, checked again from the cache ---------------------------------------------------------
def _source_findings(root: Path, cache_dir: Path | None) -> list[tuple[str, str, int | None, str]]:
    return [(f.rule, f.file, f.line, f.message) for f in pipeline.run(root, cache_dir=cache_dir).findings]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from translation_support import copy_project

    return copy_project(tmp_path)


def test_a_link_edited_in_one_page_is_resolved_again(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert _source_findings(project, cache_dir) == []
    page = project / "docs/en/about.md"
    text = page.read_text(encoding="utf-8")
    assert "](sources.md)" in text
    page.write_text(text.replace("](sources.md)", "](sorces.md)", 1), encoding="utf-8")
    again = _source_findings(project, cache_dir)
    assert "link-broken" in [rule for rule, *_ in again]
    assert again == _source_findings(project, None)


def test_a_page_removed_breaks_the_cached_links_of_unchanged_pages(project: Path, tmp_path: Path) -> None:
    """The pages that link to a removed page did not change, but where their links lead did."""
    cache_dir = tmp_path / "cache"
    assert _source_findings(project, cache_dir) == []
    (project / "docs/es/sources.md").unlink()
    again = _source_findings(project, cache_dir)
    assert again and again == _source_findings(project, None)
    assert any(rule == "translation-missing" for rule, *_ in again)


def test_an_id_removed_from_a_target_is_found_though_the_linking_page_is_unchanged(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    about = project / "docs/en/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("](sources.md)", "](sources.md#dangerous-territory)", 1),
                     encoding="utf-8")
    before = _source_findings(project, cache_dir)
    assert [rule for rule, *_ in before] == ["translation-stale"]  # the Spanish About page now follows an older English one
    sources = project / "docs/en/sources.md"
    text = sources.read_text(encoding="utf-8")
    assert "{ #dangerous-territory }" in text
    sources.write_text(text.replace("{ #dangerous-territory }", "{ #dangerous }"), encoding="utf-8")
    again = _source_findings(project, cache_dir)
    assert "anchor-missing" in [rule for rule, *_ in again]
    assert again == _source_findings(project, None)
