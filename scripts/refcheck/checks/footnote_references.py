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

from collections.abc import Iterator

from refcheck.config import Config
from refcheck.engines import alignment
from refcheck.lostnotes import lost_references
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Project
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
