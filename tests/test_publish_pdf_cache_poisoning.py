"""The PDF cache keeps only what the PDF worker made, and a file of docs/ at a PDF's address never
reaches readers, whether it lands before or after the worker's PDF, nor after it is reverted."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from translation_support import ROOT, copy_project, edit

sys.path.insert(0, str(ROOT / "scripts"))

POISON = b"%PDF-1.4\n% POISON /JavaScript (app.alert(1))\n"
ES_PDF = "quedate-en-mexico-kind-2018.pdf"


def _fake_write_job(job) -> int:
    job.target.parent.mkdir(parents=True, exist_ok=True)
    job.target.write_bytes(b"%PDF-1.7 made by the worker")
    return job.target.stat().st_size


@pytest.fixture
def workers(tmp_path, monkeypatch):
    from publish import background, pdf
    from publish.pdf_cache import PdfCache

    monkeypatch.setattr(pdf, "write_job", _fake_write_job)  # inherited by the forked worker
    monkeypatch.setattr(pdf.Job, "inputs", lambda job: [job.fragment.encode()])
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the PDF worker forks")
    cache = PdfCache(tmp_path / "cache")
    return lambda: background.PdfWorkers(cache), cache


def _job(tmp_path: Path, fragment: str = "<p>x</p>"):
    from datetime import date

    from publish.pdf import Edition, Job

    edition = Edition(language="es", title="T", short_title="S", publisher="P", published="N",
                      address="https://example.org/", edition_label="E", notes_label="N", edited=date(2026, 1, 1))
    return Job(edition, fragment, base_url="https://example.org/", site_url="https://example.org/",
               site_dir=tmp_path / "site", target=tmp_path / "site" / ES_PDF)


def test_a_file_copied_over_the_worker_s_pdf_is_neither_published_nor_kept(tmp_path, workers):
    start, cache = workers
    job = _job(tmp_path)
    running = start()
    running.submit(job)
    job.target.parent.mkdir(parents=True)
    job.target.write_bytes(POISON)  # MkDocs copies docs/es/<the PDF's name> while the worker works
    [outcome] = running.finish()
    assert outcome.size and job.target.read_bytes() == b"%PDF-1.7 made by the worker"
    assert all(POISON not in path.read_bytes() for path in cache.folder.iterdir())


def test_a_kept_pdf_is_copied_after_the_site_s_files_and_over_them(tmp_path, workers):
    start, cache = workers
    first = start()
    first.submit(_job(tmp_path))
    first.finish()
    again = start()
    job = _job(tmp_path)
    again.submit(job)
    job.target.write_bytes(POISON)
    [outcome] = again.finish()
    assert outcome.reused and job.target.read_bytes() == b"%PDF-1.7 made by the worker"


def test_a_cache_entry_whose_bytes_changed_is_never_copied(tmp_path):
    from publish.pdf_cache import PdfCache

    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7 made")
    cache = PdfCache(tmp_path / "cache")
    cache.keep("k", made)
    (tmp_path / "cache" / "k.pdf").write_bytes(POISON)
    assert cache.copy_to("k", tmp_path / "out.pdf") is None
    (tmp_path / "cache" / "old.pdf").write_bytes(POISON)  # an entry of an earlier version: no digest
    assert cache.copy_to("old", tmp_path / "out.pdf") is None and not (tmp_path / "out.pdf").exists()


def _build(root: Path, *, strict: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PUBLISH_PDF": "on", "PUBLISH_PDF_CACHE": "on"}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), *(["--strict"] if strict else [])]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=900)


def _poisoned(root: Path) -> list[str]:
    places = [root / "site" / "es" / ES_PDF, *(root / ".cache" / "publish").glob("*")]
    return [str(path) for path in places if path.is_file() and b"POISON" in path.read_bytes()]


def test_the_poisoning_sequence_publishes_only_the_worker_s_pdf(tmp_path):
    root = copy_project(tmp_path)
    clean = _build(root, strict=True)
    assert clean.returncode == 0, clean.stderr[-2000:]
    genuine = (root / "site" / "es" / ES_PDF).read_bytes()
    assert genuine.startswith(b"%PDF-1.7")
    # A pull request adds a PDF at the Spanish PDF's address. Without the boundary (the cache's own
    # wall), the build copies it into the site; the PDF kept from the clean build is copied over it.
    edit(root / "mkdocs.yml", "    boundary: {}\n", "")
    (root / "docs" / "es" / ES_PDF).write_bytes(POISON)
    unguarded = _build(root, strict=False)
    assert unguarded.returncode == 0, unguarded.stderr[-2000:]
    assert _poisoned(root) == []
    # With the boundary, the strict build refuses the file at its path and does not publish it.
    edit(root / "mkdocs.yml", "    severity:\n", "    boundary: {}\n    severity:\n")
    refused = _build(root, strict=True)
    assert refused.returncode == 1 and f"docs/es/{ES_PDF}: docs-file-reserved: " in refused.stderr
    assert "Traceback" not in refused.stderr and _poisoned(root) == []
    # The pull request is reverted: the next build publishes the genuine PDF, from the cache.
    (root / "docs" / "es" / ES_PDF).unlink()
    reverted = _build(root, strict=True)
    assert reverted.returncode == 0, reverted.stderr[-2000:]
    assert _poisoned(root) == [] and (root / "site" / "es" / ES_PDF).read_bytes() == genuine
