"""The checker's cache: signed records appended run after run, and a built-site re-check that sees
every change a cached answer could hide (scripts/refcheck/cache.py, scripts/refcheck/builtsite.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from refcheck import cache as refcheck_cache
from refcheck import pipeline
from refcheck.builtsite import check_site
from refcheck_support import ROOT


@pytest.fixture(autouse=True)
def own_signing_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _run(folder: Path, entries: dict[str, object], used: tuple[str, ...] = ()) -> refcheck_cache.FactsCache:
    """One run: looks up `used`, adds `entries`, saves."""
    cache = refcheck_cache.FactsCache(folder)
    for key in used:
        assert cache.get(key) is not None, key
    for key, value in entries.items():
        cache.put(key, value)
    cache.save()
    return cache


def test_a_run_that_adds_entries_appends_one_record(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {f"page-{n}": n for n in range(8)})
    size = (folder / refcheck_cache.FACTS_FILE).stat().st_size
    _run(folder, {"page-8": 8}, used=tuple(f"page-{n}" for n in range(8)))
    loaded = refcheck_cache.FactsCache(folder)
    assert loaded.records == 2 and loaded.entries == {f"page-{n}": n for n in range(9)}
    assert size < (folder / refcheck_cache.FACTS_FILE).stat().st_size < 2 * size


def test_a_run_that_adds_nothing_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1, "b": 2})
    before = (folder / refcheck_cache.FACTS_FILE).read_bytes()
    _run(folder, {}, used=("a", "b"))
    assert (folder / refcheck_cache.FACTS_FILE).read_bytes() == before


def test_the_file_is_written_anew_once_a_quarter_of_it_is_unused(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {f"page-{n}": n for n in range(8)})
    _run(folder, {"new": 0}, used=tuple(f"page-{n}" for n in range(6)))  # 2 of 9 unused: appended
    assert refcheck_cache.FactsCache(folder).records == 2
    _run(folder, {}, used=("page-0", "page-1"))  # 7 of 9 unused: only what was used is kept
    loaded = refcheck_cache.FactsCache(folder)
    assert loaded.records == 1 and loaded.entries == {"page-0": 0, "page-1": 1}


def test_a_record_cut_short_keeps_the_records_before_it(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1})
    _run(folder, {"b": 2}, used=("a",))
    path = folder / refcheck_cache.FACTS_FILE
    path.write_bytes(path.read_bytes()[:-3])
    assert refcheck_cache.FactsCache(folder).entries == {"a": 1}


def test_a_forged_record_after_good_ones_is_never_unpickled(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _run(folder, {"a": 1})
    marker = tmp_path / "ran"
    forged = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()
    with open(folder / refcheck_cache.FACTS_FILE, "ab") as stream:
        stream.write(len(forged).to_bytes(4, "big") + b"\1" * 32 + forged)
    assert refcheck_cache.FactsCache(folder).entries == {"a": 1}
    assert not marker.exists()


# -- the built site, checked again from the cache ---------------------------------------------------
@pytest.fixture
def site(site_build, tmp_path: Path) -> Path:
    copied = tmp_path / "site"
    shutil.copytree(site_build.site_dir, copied)
    return copied


def _site_findings(site: Path, cache_dir: Path) -> list[tuple[str, str]]:
    project, _ = pipeline.read(ROOT, jobs=1)
    return sorted((f.rule, f.message) for f in check_site(project, site, cache_dir))


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
    return [(f.rule, f.file, f.line, f.message) for f in pipeline.run(root, jobs=1, cache_dir=cache_dir).findings]


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
