"""A note reference a translation lost, reported at the translated paragraph that lost it.

When a translator deletes `[^3]` from a paragraph but the note `[^3]:` stays, the page still builds:
the note shows at the foot with no mark in the text, and every link to `#fnref:3` (the Sources page
links each note) lands at the top of the page. The cause is one missing mark in one paragraph, so
that is where this rule reports it, with the original's paragraph to compare: not as an unused note
(`footnote-unused` leaves such notes to this rule) nor only as broken anchors elsewhere.
The paragraph is found by the note references both pages share (refcheck/engines/alignment.py).
These rules read the parsed pages only; they change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.config import Config
from refcheck.engines import alignment
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Page, Project
from refcheck.uitext import _, language_name

FOOTNOTE_REFERENCE_MISSING = Rule(
    "footnote-reference-missing",
    "A note the original refers to in a paragraph is defined in the translation, but the translation's text never refers to it.",
    Severity.ERROR,
    "The note shows at the foot of the page with no mark in the text, so the sentence loses its "
    "source, and links to the note's mark (`#fnref:3`) land at the top of the page. The finding "
    "stands at the end of the translated sentence that lost the mark (or at its paragraph) and names the "
    "original's paragraph.",
    "en: `...were committed by government officials.[^3]`  es: `...cometidos por funcionarios públicos.`",
    "en: `...were committed by government officials.[^3]`  es: `...cometidos por funcionarios públicos.[^3]`",
    needs_text=False,
)
RULES = [FOOTNOTE_REFERENCE_MISSING]
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
    """Whether a link's missing `#fnref:3` (or `#fnref2:3`) on `page` is a mark this rule reports
    where it was lost (for `anchor-missing`, which then need not report it again)."""
    match = _NOTE_MARK_ID.fullmatch(fragment)
    return match is not None and match.group(1) in lost_references(project, page)


def check(project: Project, config: Config) -> Iterator[Finding]:
    default = project.default_language
    for page in project.pages:
        lost = lost_references(project, page)
        if not lost:
            continue
        original = project.page(default, page.key)
        name = language_name(default, project.language_name(default))
        for label, where in sorted(lost.items(), key=lambda item: item[1].line or 0):
            line = alignment.aligned_line(project.text_facts(original), project.text_facts(page),
                                          where.line or 0, where.column, end=True)
            yield Finding.at(
                FOOTNOTE_REFERENCE_MISSING, Location(page.file, line, None),
                _("note [^{label}] lost its reference here: the {language} text refers to it at {file}:{line}, "
                  "and the note is still defined on this page; put `[^{label}]` back after the sentence it "
                  "supports").format(label=label, language=name, file=original.file, line=where.line),
            )
