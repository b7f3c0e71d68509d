"""What a pull request may add under docs/: files (pages and raster images, never at an address the
theme or the build writes) and front matter (this site's schema, YAML that MkDocs reads as settings).

refcheck.boundary judges each file; the build hook (scripts/edition_plugins/safe_files.py) asks the same
judgement and drops the same files, in the same words. These rules form the `policy` group.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck import boundary
from refcheck.boundary import settings as boundary_settings
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
    "A file under docs/ would be published at an address the theme or the build writes "
    "(on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "It would replace the site's own JavaScript, styles, search index, sitemap, robots.txt, PDF or "
    "preview image on every page: a translator's approval would merge theme code.",
    "docs/en/assets/javascripts/bundle.js",
    "docs/en/figures/map.png",
)
DOCS_IMAGE_SIZE = Rule(
    boundary.DOCS_IMAGE_SIZE,
    "An image under docs/ is larger than 10 MB or decodes to more than 16 million pixels "
    "(on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "A 13,000 x 13,000 PNG of a few kilobytes takes gigabytes to show or print.",
    "a 13000 x 13000 PNG",
    "a 1600 x 900 PNG",
)
FRONT_MATTER_SYNTAX = Rule(
    boundary.FRONT_MATTER_SYNTAX,
    "A page's front matter is not `key: value` YAML between `---` lines, so MkDocs publishes it as text "
    "(or reads `key: value` lines at the top of a page as hidden settings).",
    Severity.ERROR,
    "MkDocs reports nothing: the page goes out with its YAML as visible text and an English nav label.",
    "---\ndescription: Debido proceso: cómo…\n---",
    "---\ndescription: \"Debido proceso: cómo…\"\n---",
)
FRONT_MATTER_KEY = Rule(
    boundary.FRONT_MATTER_KEY,
    "A front-matter key outside the site's schema (title, description, translation_of, translation_state), "
    "or one only maintainers may set, such as `template` (on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "`template: redirect.html` with `location:` makes any page an open redirect; keys the theme reads "
    "change what every page prints.",
    "template: redirect.html",
    "description: Plain text.",
)
FRONT_MATTER_VALUE = Rule(
    boundary.FRONT_MATTER_VALUE,
    "A front-matter value of the wrong type (a mapping, list, date, number or empty where text is "
    "required), or a YAML alias, anchor or tag (on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "A mapping in `title` is printed into every page's header and nav; a date in `description` ends "
    "the build with a traceback; an alias bomb hangs it.",
    "description: 2018-11-30",
    "description: \"2018-11-30\"",
)
RULES = [DOCS_FILE_TYPE, DOCS_FILE_RESERVED, DOCS_IMAGE_SIZE, FRONT_MATTER_SYNTAX, FRONT_MATTER_KEY, FRONT_MATTER_VALUE]
BY_ID = {rule.id: rule for rule in RULES}


def check(project: Project, config: Config) -> Iterator[Finding]:
    if boundary.BUILD_REPORTS_FILES:
        return  # inside the build: scripts/edition_plugins/safe_files.py names each file as it drops it
    settings = boundary_settings.read(project.config, project.root, project.config_file)
    for source in project.files:
        for problem in boundary_settings.judge(source.path, project.docs_dir / source.path, settings, source.file):
            yield Finding.at(BY_ID[problem.rule], Location(source.file, problem.line), problem.message)
