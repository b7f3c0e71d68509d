"""The way out of MkDocs 1.x, proven: ProperDocs builds the same site, and upgrades are deliberate.

MkDocs 1.x is unmaintained and Material for MkDocs reaches end of life in May 2027. ProperDocs is a
drop-in fork of MkDocs 1.6 that runs the same plugins; these tests show that it builds this
`mkdocs.yml` into the same pages. The version guard fails when the installed Material or
static-i18n is not the pinned one, naming every place of this edition that follows their internals.
"""

from __future__ import annotations

import gzip
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from sitebuild import ROOT, build_site

GENERATOR = re.compile(rb'^\s*<meta name="generator" content="[^"]*">\s*$', re.M)

# Each place that follows a theme's or plugin's internals, and what to compare on an upgrade.
INTERNALS = {
    "mkdocs-material": [
        ("overrides/assets/javascripts/workers/search-on-demand.js",
         "stands in for Material's search worker: follows its message protocol (setup, ready, query, "
         "result) and its index format; compare with Material's src/templates/assets/javascripts/"
         "integrations/search/worker"),
        ("overrides/main.html",
         "copies Material's `site_meta` block (base.html) and overrides `config` and `announce`: "
         "compare with the new base.html"),
        ("overrides/404.html", "replaces Material's 404.html (its hard-coded English text)"),
        ("scripts/edition/note_numbers.py",
         "rewrites the footnotes extension's markup that Material's tooltips and styles read"),
        ("scripts/edition/search_index.py",
         "rewrites the search index that Material's search plugin writes (config, docs, lang, pipeline)"),
    ],
    "mkdocs-static-i18n": [
        ("scripts/edition_plugins/per_language_outputs.py",
         "moves the 404 page static-i18n overwrites and reads its language links (extra.alternate)"),
        ("scripts/edition/search_index.py", "splits the search index static-i18n merges"),
        ("scripts/edition_plugins/translation_notices.py", "reads `page.file.locale` set by static-i18n"),
    ],
    "weasyprint": [
        ("scripts/publish/pdf_tags.py",
         "wraps weasyprint.pdf.tags._build_box_tree (margin boxes, list items, links) and rewrites the "
         "page streams' marked content in the finisher: compare with the new pdf/tags.py and pdf/stream.py"),
    ],
}


def pinned(package: str) -> str:
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, rest = line.partition("==")
        if name.strip().lower() == package:
            return rest.split()[0].split(";")[0].rstrip("\\").strip()
    raise AssertionError(f"{package} is not pinned in requirements.txt")


@pytest.mark.parametrize("package", sorted(INTERNALS))
def test_the_installed_theme_and_plugin_are_the_pinned_versions(package: str):
    installed, wanted = version(package), pinned(package)
    places = "\n".join(f"  - {path}: {why}" for path, why in INTERNALS[package])
    assert installed == wanted, (
        f"{package} {installed} is installed but {wanted} is pinned. These places follow its "
        f"internals; check each against {package} {installed}, then change the pin:\n{places}")


def test_every_place_named_in_the_upgrade_list_exists():
    for places in INTERNALS.values():
        for path, _ in places:
            assert (ROOT / path).is_file(), f"{path} is named in the upgrade list but does not exist"


def _contents(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":  # gzip headers carry the time of the build
                data = gzip.decompress(data)
            elif path.suffix == ".html":
                data = GENERATOR.sub(b"<generator>", data)
            files[path.relative_to(site).as_posix()] = data
    return files


def test_properdocs_builds_every_page_as_mkdocs_does(tmp_path: Path):
    mkdocs = build_site(tmp_path / "mkdocs")
    properdocs = build_site(tmp_path / "properdocs", tool="properdocs")
    assert mkdocs.returncode == 0, mkdocs.log
    assert properdocs.returncode == 0, properdocs.log
    ours, theirs = _contents(mkdocs.site_dir), _contents(properdocs.site_dir)
    assert sorted(ours) == sorted(theirs), "the two builds wrote different files"
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, f"ProperDocs wrote these differently (generator line aside): {different}"
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) >= 12 and all(b"<generator>" in ours[name] for name in pages if "404" not in name)
