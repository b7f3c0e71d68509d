"""Footnote marks a translation lost: notes it defines and its original refers to, but it does not.

Shared by `footnote-reference-missing` (which reports them), `footnote-unused` (which then need not)
and `anchor-missing` (a link to a lost mark's `#fnref:3` is reported where the mark was lost).
"""

from __future__ import annotations

import re

from refcheck.findings import Location
from refcheck.project import Page, Project

# Python-Markdown's id of a note's mark in the text: fnref:3, then fnref2:3 for its second mark.
_NOTE_MARK_ID = re.compile(r"fnref\d*:(.+)")


def _referenced(page: Page) -> dict[str, Location]:
    """Note label -> where the page's text first refers to it (undefined references count too)."""
    found: dict[str, Location] = {}
    for reference in page.facts.footnote_refs:
        found.setdefault(reference.label, reference.where)
    for item in page.facts.unresolved:
        if item.kind == "footnote":
            found.setdefault(item.label, item.where)
    return found


def lost_references(project: Project, page: Page) -> dict[str, Location]:
    """Notes `page` defines and its original refers to, but `page` does not: label -> where the original does."""
    if not page.language or page.language == project.default_language:
        return {}
    original = project.page(project.default_language, page.key)
    if original is None:
        return {}
    defined = {definition.label for definition in page.facts.footnote_defs}
    ours, theirs = _referenced(original), _referenced(page)
    return {label: where for label, where in ours.items() if label in defined and label not in theirs}


def explains_missing_anchor(project: Project, page: Page, fragment: str) -> bool:
    """Whether a link's missing `#fnref:3` (or `#fnref2:3`) on `page` is a mark `footnote-reference-missing`
    reports where it was lost (for `anchor-missing`, which then need not report it again)."""
    match = _NOTE_MARK_ID.fullmatch(fragment)
    return match is not None and match.group(1) in lost_references(project, page)


def added_reference(project: Project, page: Page, label: str) -> bool:
    """A translation refers to a note its original neither refers to nor defines (and it defines none):
    the fix is to remove the reference: `footnote-undefined` reports it, and `footnote-parity` leaves it alone."""
    original = project.page(project.default_language, page.key) if page.language and page.language != project.default_language else None
    if original is None or any(d.label == label for d in page.facts.footnote_defs):
        return False
    facts = original.facts
    return not any(r.label == label for r in facts.footnote_refs) and not any(
        d.label == label for d in facts.footnote_defs) and not any(
        u.kind == "footnote" and u.label == label for u in facts.unresolved)
