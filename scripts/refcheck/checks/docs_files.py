"""Files under docs/ that a pull request may not add: any kind but pages and raster images, a
file at an address the theme or the build writes, an image too large to decode (refcheck.boundary
judges; the build hook drops the same files with the same words)."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck import boundary
from refcheck.boundary import files, settings as boundary_settings
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project

DOCS_FILE_TYPE = Rule(
    boundary.DOCS_FILE_TYPE,
    "A file under docs/ is not a Markdown page or a PNG, JPEG or WebP image whose bytes match its name "
    "(on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "MkDocs publishes every file of docs/ as it is: an HTML or SVG page with a script, a PDF with "
    "JavaScript or an attached program would be served from the site's own address. The build drops "
    "such files; maintainers list reviewed exceptions in mkdocs.yml (never scripts, styles, SVG, HTML, PDF).",
    "docs/es/mapa.svg, or docs/es/foto.png holding HTML",
    "docs/es/foto.png (a PNG image)",
)
DOCS_FILE_RESERVED = Rule(
    boundary.DOCS_FILE_RESERVED,
    "A file under docs/ would be published at an address the theme or the build writes.",
    Severity.ERROR,
    "It would replace the site's own JavaScript, styles, search index, sitemap, robots.txt, PDF or "
    "preview image on every page: a translator's approval would merge theme code.",
    "docs/en/assets/javascripts/bundle.js",
    "docs/en/figures/map.png",
)
DOCS_IMAGE_SIZE = Rule(
    boundary.DOCS_IMAGE_SIZE,
    "An image under docs/ is larger than 10 MB or decodes to more than 16 million pixels.",
    Severity.ERROR,
    "A 13,000 x 13,000 PNG of a few kilobytes takes gigabytes to show or print.",
    "a 13000 x 13000 PNG",
    "a 1600 x 900 PNG",
)
RULES = [DOCS_FILE_TYPE, DOCS_FILE_RESERVED, DOCS_IMAGE_SIZE]
BY_ID = {rule.id: rule for rule in RULES}


def check(project: Project, config: Config) -> Iterator[Finding]:
    if boundary.BUILD_REPORTS_FILES:
        return  # inside the build: overrides/hooks/safe_files.py names each file as it drops it
    settings = boundary_settings.read(project.config, project.root, project.config_file)
    for source in project.files:
        path = project.docs_dir / source.path
        for problem in files.judge(source.path, path, settings.layout, settings.allow_files, source.file):
            yield Finding.at(BY_ID[problem.rule], Location(source.file, problem.line), problem.message)
