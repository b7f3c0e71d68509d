"""A site built for publishing names its public address everywhere and the preview's nowhere.

Built once with SITE_URL set (PDFs included): no file of the site, nor any link or text inside the
PDFs, holds 127.0.0.1 or localhost.
"""

from __future__ import annotations

import gzip
import re

import pikepdf
import pytest

from sitebuild import build_site

PUBLIC = "https://example.org/remain-in-mexico/"
# An address on this computer (the theme's own source map mentions the words in a comment).
LOCAL = re.compile(rb"//(127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0)[:/]")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("published") / "site", env={"SITE_URL": PUBLIC})
    if build.returncode != 0:
        pytest.fail(f"build with SITE_URL failed:\n{build.log}")
    return build.site_dir


def pdf_contents(path) -> bytes:
    """Every object of the PDF, streams inflated: link targets, text, metadata."""
    parts = []
    with pikepdf.open(path) as pdf:
        for item in pdf.objects:
            if isinstance(item, pikepdf.Stream):
                try:
                    parts.append(item.read_bytes())
                except pikepdf.PdfError:
                    parts.append(item.read_raw_bytes())
            parts.append(repr(item).encode("utf-8", "replace"))
    return b"\n".join(parts)


def test_no_published_file_names_the_preview_address(published):
    found = []
    for path in sorted(p for p in published.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == ".pdf":
            data = pdf_contents(path)
        if LOCAL.search(data):
            found.append(str(path.relative_to(published)))
    assert not found, f"the preview's address is in: {found}"


def test_published_pages_and_pdfs_name_the_public_address(published):
    assert PUBLIC.encode() in (published / "index.html").read_bytes()
    assert PUBLIC.encode() in (published / "robots.txt").read_bytes()
    assert PUBLIC.encode() in pdf_contents(published / "remain-in-mexico-kind-2018.pdf")
