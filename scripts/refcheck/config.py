"""The checker's settings, from ONE place: the `extra.refcheck` mapping of mkdocs.yml.

    extra:
      refcheck:
        severity:              # rule id -> error | warning | info | off
          number-parity: error
          footnote-no-source: off
        exclude:               # findings in files matching these globs are dropped
          - docs/*/drafts/*    # (paths relative to the project root, as findings name them)
        ignore_urls:           # regular expressions: matching links are never checked
          - ^https://example\\.org/
        options:               # a rule's own options, by rule id
          number-parity: {ignore: ["1", "2"]}
        translation_workflow:  # turns on the translation-workflow rules (WORKFLOW_RULES), with
          mark_translated: python3 scripts/site.py mark-translated {file}   # the project's own
          translation_diff: python3 scripts/site.py translation-diff {file} # commands for messages
        boundary:              # turns on what a pull request may add under docs/ (refcheck.boundary)
          allow_files: [docs/*/maps/region.pdf]   # other files maintainers reviewed (globs)
          allow_keys: {docs/en/about.md: [hide]}  # front-matter keys a page may carry besides the schema

On a project that never configured the checker, the reference rules run (links, anchors, footnotes,
nav, parity of notes and ids, the built site); the translation-workflow rules assume a way of working
(recorded translation versions, word lists, a glossary, figures and sources repeated in every
language) that only a project that chose it has, so they run only when `translation_workflow` is set
or `severity` names the rule.

`extra` is the key MkDocs itself leaves to projects, so `mkdocs build --strict` accepts it; the
plugin and the command line read the same settings.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from refcheck.findings import Finding, Severity

OFF = "off"
# Rules that check a translation workflow, not references: on only where a project turns them on.
WORKFLOW_RULES = frozenset({
    "translation-stale", "translation-unrecorded", "translation-untranslated",
    "spelling", "spelling-unavailable",
    "glossary-missing-term", "glossary-forbidden-term", "glossary-invalid",
    "url-parity", "number-parity", "number-style",
    # English left in a translation: a judgement about the translation's text, as spelling is.
    "untranslated-text", "untranslated-text-unavailable",
})
# What a pull request may add under docs/ (refcheck.boundary): on only where `boundary` is set, since
# other projects' docs/ legitimately hold SVG, PDF or theme keys in front matter.
BOUNDARY_RULES = frozenset({"docs-file-type", "docs-file-reserved", "docs-image-size",
                            "front-matter-key", "front-matter-value"})
WORKFLOW_COMMANDS = ("mark_translated", "translation_diff")
SEVERITY_NAMES = {severity.value: severity for severity in Severity}


class ConfigError(ValueError):
    """`extra.refcheck` is not usable: the message says which setting and why."""


@dataclass(frozen=True)
class Config:
    severity: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    ignore_urls: tuple[re.Pattern[str], ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    workflow: Mapping[str, str] | None = None  # extra.refcheck.translation_workflow (None: not set)
    boundary: bool = False  # extra.refcheck.boundary is set

    def enabled(self, rule: Any) -> bool:
        """Whether a rule (or rule id) runs: not `off`, and a workflow rule only where turned on."""
        rule_id = getattr(rule, "id", rule)
        if self.severity.get(rule_id) == OFF:
            return False
        if rule_id in BOUNDARY_RULES:
            return self.boundary or rule_id in self.severity
        return rule_id not in WORKFLOW_RULES or self.workflow is not None or rule_id in self.severity

    def command(self, name: str, file: str) -> str | None:
        """The project's own command for a workflow step (`mark_translated`), for `file`; None: none."""
        template = (self.workflow or {}).get(name)
        return template.replace("{file}", file) if template else None

    def options(self, rule_id: str) -> Mapping[str, Any]:
        return self.rule_options.get(rule_id, {})

    def ignored_url(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.ignore_urls)

    def excluded_file(self, file: str) -> bool:
        return any(fnmatch.fnmatch(file, pattern) for pattern in self.exclude)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Severity overrides and exclusions, in one place; sorted by file, line, column, rule."""
        kept = []
        for finding in findings:
            wanted = self.severity.get(finding.rule)
            if not self.enabled(finding.rule) or self.excluded_file(finding.file):
                continue
            if wanted is not None:
                finding = replace(finding, severity=SEVERITY_NAMES[wanted])
            kept.append(finding)
        return sorted(set(kept), key=sort_key)


def sort_key(finding: Finding) -> tuple[Any, ...]:
    return (finding.file, finding.line or 0, finding.column or 0, finding.rule, finding.message)


def from_mkdocs_config(config: Mapping[str, Any], unknown_rules: Callable[[Iterable[str]], set[str]]) -> Config:
    """`unknown_rules(ids)` says which of the ids name no rule (see refcheck.registry)."""
    extra = config.get("extra")
    settings = extra.get("refcheck") if isinstance(extra, Mapping) else None
    if settings is None:
        return Config()
    if not isinstance(settings, Mapping):
        raise ConfigError("extra.refcheck must be a mapping")
    unknown = set(settings) - {"severity", "exclude", "ignore_urls", "options", "translation_workflow", "boundary"}
    if unknown:
        raise ConfigError(f"extra.refcheck has unknown settings: {', '.join(sorted(map(str, unknown)))}")
    severity = settings.get("severity") or {}
    if not isinstance(severity, Mapping):
        raise ConfigError("extra.refcheck.severity must map rule ids to error, warning, info or off")
    unknown = unknown_rules([str(rule_id) for rule_id in severity]) if severity else set()
    for rule_id, value in severity.items():
        if rule_id in unknown:
            raise ConfigError(f"extra.refcheck.severity names no rule {rule_id!r} (see --list-rules)")
        if value is False:  # YAML reads a bare `off` as false
            value = OFF
        if str(value) not in SEVERITY_NAMES and str(value) != OFF:
            raise ConfigError(f"extra.refcheck.severity.{rule_id}: {value!r} is not error, warning, info or off")
    severity = {str(k): (OFF if v is False else str(v)) for k, v in severity.items()}
    exclude = _strings(settings.get("exclude"), "exclude")
    try:
        ignore = tuple(re.compile(pattern) for pattern in _strings(settings.get("ignore_urls"), "ignore_urls"))
    except re.error as error:
        raise ConfigError(f"extra.refcheck.ignore_urls: {error}") from None
    options = settings.get("options") or {}
    if not isinstance(options, Mapping) or not all(isinstance(v, Mapping) for v in options.values()):
        raise ConfigError("extra.refcheck.options must map rule ids to mappings of options")
    return Config(severity, exclude, ignore, {str(k): v for k, v in options.items()},
                  _workflow(settings.get("translation_workflow", None), "translation_workflow" in settings),
                  _boundary(settings))


def _boundary(settings: Mapping[str, Any]) -> bool:
    """Whether `boundary` is set; its shape: allow_files (globs), allow_keys (file -> keys)."""
    if "boundary" not in settings:
        return False
    value = settings["boundary"] or {}
    if not isinstance(value, Mapping) or set(map(str, value)) - {"allow_files", "allow_keys"}:
        raise ConfigError("extra.refcheck.boundary may hold only allow_files and allow_keys")
    _strings(value.get("allow_files"), "boundary.allow_files")
    keys = value.get("allow_keys") or {}
    if not isinstance(keys, Mapping) or not all(isinstance(v, list) and all(isinstance(k, str) for k in v)
                                                for v in keys.values()):
        raise ConfigError("extra.refcheck.boundary.allow_keys must map files to lists of keys")
    return True


def _workflow(value: Any, given: bool) -> Mapping[str, str] | None:
    if not given:
        return None
    if value is None or value is True:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError("extra.refcheck.translation_workflow must be a mapping (or `true`)")
    unknown = set(map(str, value)) - set(WORKFLOW_COMMANDS)
    if unknown:
        raise ConfigError(f"extra.refcheck.translation_workflow has unknown settings: {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(WORKFLOW_COMMANDS)})")
    if not all(isinstance(v, str) for v in value.values()):
        raise ConfigError("extra.refcheck.translation_workflow: each command must be a string")
    return {str(k): str(v) for k, v in value.items()}


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"extra.refcheck.{name} must be a list of strings")
    return tuple(value)
