"""The plain data every stage hands on: rules, severities and findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Rule:
    """Everything known about a rule: its stable id, its one-line summary, its default severity, its
    group (what turns it on: GROUPS), whether it reads a page's text (`PageFacts.prose`, `.blocks`,
    `.numbers`; pages are read without it when no rule that runs does), and its documentation
    (RULES.md is generated from these records)."""

    id: str
    summary: str
    severity: Severity
    why: str
    failing_example: str
    passing_example: str
    group: str = "reference"
    needs_text: bool = True  # a rule that does not say is never starved of the text


# Which rules a project runs is chosen by group (and rule id), as ruff's `select`:
REFERENCE = "reference"  # links, anchors, footnotes, nav, parity of notes and ids, the built site: on by default
TRANSLATION = "translation"  # a translation workflow: stale pages, spelling, glossary, parity of URLs and figures
POLICY = "policy"  # a publishing policy for untrusted pull requests (raw HTML, YAML tags): a project opts in
GROUPS = (REFERENCE, TRANSLATION, POLICY)
DEFAULT_GROUPS = (REFERENCE,)


@dataclass(frozen=True)
class Location:
    """Where something stands: a path relative to the checked project's root; 1-based line/column."""

    file: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    file: str
    line: int | None
    column: int | None
    message: str

    @classmethod
    def at(cls, rule: Rule, where: Location, message: str, severity: Severity | None = None) -> "Finding":
        return cls(rule.id, severity or rule.severity, where.file, where.line, where.column, message)
