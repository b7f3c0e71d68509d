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
    """A rule's stable id and its documentation (RULES.md is generated from it)."""

    id: str
    summary: str
    severity: Severity
    why: str
    failing_example: str
    passing_example: str


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
