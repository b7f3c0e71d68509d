"""A page's front matter against this site's schema: keys, value types, and YAML that MkDocs would
publish as text (refcheck.boundary.frontmatter judges, reading YAML events without building them)."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck import boundary
from refcheck.boundary import frontmatter, settings as boundary_settings
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project

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
    "required), a YAML alias, anchor or tag (on where `extra.refcheck.boundary` is set).",
    Severity.ERROR,
    "A mapping in `title` is printed into every page's header and nav; a date in `description` ends "
    "the build with a traceback; an alias bomb hangs it.",
    "description: 2018-11-30",
    "description: \"2018-11-30\"",
)
RULES = [FRONT_MATTER_SYNTAX, FRONT_MATTER_KEY, FRONT_MATTER_VALUE]
BY_ID = {rule.id: rule for rule in RULES}


def check(project: Project, config: Config) -> Iterator[Finding]:
    if boundary.BUILD_REPORTS_FILES:
        return  # inside the build: overrides/hooks/safe_files.py names each page as it drops it
    settings = boundary_settings.read(project.config, project.root, project.config_file)
    for page in project.pages:
        try:
            text = boundary_settings.page_text((project.docs_dir / page.source.path).read_bytes())
        except (OSError, UnicodeDecodeError):
            continue  # docs-file-type says why
        for problem in frontmatter.judge(text, settings.keys_for(page.file)):
            yield Finding.at(BY_ID[problem.rule], Location(page.file, problem.line), problem.message)
