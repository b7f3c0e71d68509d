"""Every rule the checker knows, and the check functions that apply them.

RULES.md is printed from here (`check_references.py --list-rules --format
markdown`), so the code and the documentation read the same records.

How to add a rule module
------------------------

1. Create `scripts/refcheck/checks/<family>.py` (one module per family of rules, named for it:
   `stale.py`, `glossary.py`, ...). Nothing else needs editing: every module in that package is
   found by name, in alphabetical order.
2. In it, declare the rules as module-level `Rule` records (`refcheck.findings.Rule`: a stable
   kebab-case id that is never reused, a one-line summary, a default severity, why it matters, an
   example that fails and one that passes, its group (`reference`, on by default; `translation`;
   `policy`), and `needs_text=False` if it never reads a page's text), and list them in
   `RULES: list[Rule]`. A rule module imports no other rule module: code two families share
   lives outside `checks/` (in `refcheck.engines`, `refcheck.facts`, ...).
3. Write the check function, with exactly this signature:

       def check(project: Project, config: Config) -> Iterable[Finding]:

   - `project` (`refcheck.project.Project`) is the whole MkDocs project, already read and parsed:
     `project.pages` holds every Markdown page of every language, each a `Page` with its
     `source` (path, language, language-neutral `key`) and its `facts` (`refcheck.extract.
     PageFacts`: headings, ids, links, footnotes, reference definitions, HTML tags, numbers, plain
     text blocks, each with its `Location`). `project.page(language, key)`,
     `project.translations(key)` and `refcheck.resolve.resolve_link(project, page, url)` answer
     the usual questions.
   - `config` (`refcheck.config.Config`) is the checker's settings from `extra.refcheck` in
     mkdocs.yml; `config.options(rule_id)` gives a rule's own options (a mapping, maybe empty).
   - Return or yield `Finding.at(RULE, location, message)`. Never print, never read files the
     project did not read, never change anything. Messages say what is wrong and what to do.
   - Severity overrides ("off" included) and exclusions are applied after the check, in one place
     (`refcheck.config.Config.apply`): a check always reports at its rule's default severity.
4. Add a failing and a passing fixture for each rule in `tests/` (see
   `tests/test_check_references_rules.py`), and regenerate RULES.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from refcheck import checks as checks_package
from refcheck.findings import Finding, Rule, Severity

if TYPE_CHECKING:
    from refcheck.config import Config
    from refcheck.project import Project

CheckFunction = Callable[["Project", "Config"], Iterable[Finding]]


@dataclass(frozen=True)
class RuleFamily:
    """One module of rules: where it comes from, its rules, and its check (None: run elsewhere)."""

    name: str
    rules: tuple[Rule, ...]
    check: CheckFunction | None


@lru_cache(maxsize=1)
def _source_families() -> list[RuleFamily]:
    families = []
    for info in sorted(pkgutil.iter_modules(checks_package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module: ModuleType = importlib.import_module(f"{checks_package.__name__}.{info.name}")
        families.append(RuleFamily(info.name, tuple(getattr(module, "RULES", ())), getattr(module, "check", None)))
    return families


def _other_families() -> list[RuleFamily]:
    """Rules checked outside the source pipeline: the built site, and external URLs."""
    from refcheck import builtsite  # the built-site check reads HTML, not the parsed project

    families = [RuleFamily("site", tuple(builtsite.RULES), None)]
    try:  # built by another module owner; the checker works without it
        from refcheck.external import EXTERNAL_RULES
    except ImportError:
        EXTERNAL_RULES = []
    families.append(RuleFamily("external", tuple(EXTERNAL_RULES), None))
    return families


@lru_cache(maxsize=1)
def families() -> tuple[RuleFamily, ...]:
    return tuple(_source_families() + _other_families())


def source_families() -> list[RuleFamily]:
    """The rule modules of scripts/refcheck/checks/, in name order."""
    return list(_source_families())


def source_checks() -> list[CheckFunction]:
    # Only the source modules: importing the external check (and its HTTP client) costs time.
    return [family.check for family in _source_families() if family.check is not None]


def all_rules() -> list[Rule]:
    seen: dict[str, Rule] = {}
    for family in families():
        for rule in family.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is declared twice")
            seen[rule.id] = rule
    return list(seen.values())


def rule_ids() -> set[str]:
    return {rule.id for rule in all_rules()}


def unknown_rule_ids(ids: Iterable[str]) -> set[str]:
    """The ids no rule has; the external rules (and their HTTP client) are imported only if needed."""
    cheap = {rule.id for rule in cheap_rules()}
    remaining = set(ids) - cheap
    return remaining - rule_ids() if remaining else set()


def cheap_rules() -> list[Rule]:
    """The rules of the source and built-site checks (not the external ones, whose HTTP client
    costs time to import: they are all in the `reference` group)."""
    from refcheck import builtsite

    return [rule for family in _source_families() for rule in family.rules] + list(builtsite.RULES)


def groups() -> dict[str, str]:
    """Each rule's group, by rule id (a rule missing here is a `reference` rule)."""
    return {rule.id: rule.group for rule in cheap_rules()}


def default_severity(rule_id: str) -> Severity | None:
    for rule in all_rules():
        if rule.id == rule_id:
            return rule.severity
    return None
