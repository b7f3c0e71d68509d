"""Rule 3: footnotes. Python-Markdown prints an undefined `[^7]` as literal text, with no warning."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.checks.footnote_references import FOOTNOTE_REFERENCE_MISSING, lost_references
from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Page, Project
from refcheck.uitext import _, language_name

FOOTNOTE_UNDEFINED = Rule(
    "footnote-undefined",
    "A footnote reference `[^label]` has no definition on its page.",
    Severity.ERROR,
    "Python-Markdown prints the reference as the literal text `[^7]`, without a warning, and the "
    "reader loses the source the sentence relies on.",
    "Text.[^7]  (and no `[^7]:` line)",
    "Text.[^7]\n\n[^7]: Source, <https://example.org/report>.",
)
FOOTNOTE_UNUSED = Rule(
    "footnote-unused",
    "A footnote is defined but never referenced on its page.",
    Severity.WARNING,
    "The note shows at the foot of the page with no mark in the text: usually its reference was "
    "lost while the paragraph was translated or edited.",
    "Text.\n\n[^3]: Source.",
    "Text.[^3]\n\n[^3]: Source.",
)
FOOTNOTE_DUPLICATE = Rule(
    "footnote-duplicate",
    "The same footnote label is defined twice on one page.",
    Severity.ERROR,
    "Only one of the two notes is shown; the other disappears without a warning.",
    "[^2]: One source.\n[^2]: Another source.",
    "[^2]: One source.\n[^3]: Another source.",
)
FOOTNOTE_EMPTY = Rule(
    "footnote-empty",
    "A footnote definition has no text.",
    Severity.ERROR,
    "The reader follows the mark and finds an empty note.",
    "Text.[^4]\n\n[^4]:",
    "Text.[^4]\n\n[^4]: Source, <https://example.org/>.",
)
FOOTNOTE_NO_SOURCE = Rule(
    "footnote-no-source",
    "A footnote (a citation) has no link to its source.",
    Severity.WARNING,
    "A citation the reader cannot follow cannot be checked; every note of this edition links to "
    "its source. Turn the rule off (`severity: {footnote-no-source: off}`) where notes are prose.",
    "[^5]: Human Rights Watch, Closed Doors (2016).",
    "[^5]: Human Rights Watch, [Closed Doors](https://www.hrw.org/report/2016/03/31/closed-doors) (2016).",
)
RULES = [FOOTNOTE_UNDEFINED, FOOTNOTE_UNUSED, FOOTNOTE_DUPLICATE, FOOTNOTE_EMPTY, FOOTNOTE_NO_SOURCE]


def _defined_elsewhere(project: Project, page: Page, label: str) -> str:
    for locale, other in project.translations(page.key).items():
        if other is page:
            continue
        for definition in other.facts.footnote_defs:
            if definition.label == label and definition.text:
                text = definition.text if len(definition.text) <= 60 else definition.text[:57] + "..."
                return _(' (defined on the {language} page as "{text}")').format(language=project.language_name(locale), text=text)
    return ""


def _original(project: Project, page: Page) -> Page | None:
    if not page.language or page.language == project.default_language:
        return None
    return project.page(project.default_language, page.key)


def original_file(project: Project, page: Page) -> str:
    original = _original(project, page)
    return original.file if original is not None else ""


def added_reference(project: Project, page: Page, label: str) -> bool:
    """A translation refers to a note its original neither refers to nor defines (and it defines none):
    the fix is to remove the reference, and `footnote-parity` leaves it to this rule."""
    original = _original(project, page)
    if original is None or any(d.label == label for d in page.facts.footnote_defs):
        return False
    facts = original.facts
    return not any(r.label == label for r in facts.footnote_refs) and not any(
        d.label == label for d in facts.footnote_defs) and not any(
        u.kind == "footnote" and u.label == label for u in facts.unresolved)


def check(project: Project, config: Config) -> Iterator[Finding]:
    # A translated note whose mark was lost is one footnote-reference-missing finding at its paragraph.
    lost_elsewhere = config.severity.get(FOOTNOTE_REFERENCE_MISSING.id) != "off"
    for page in project.pages:
        facts = page.facts
        referenced = {ref.label for ref in facts.footnote_refs}
        if lost_elsewhere:
            referenced |= set(lost_references(project, page))
        seen: set[str] = set()
        for item in facts.unresolved:
            if item.kind == "footnote" and added_reference(project, page, item.label):
                yield Finding.at(
                    FOOTNOTE_UNDEFINED, item.where,
                    _("footnote [^{label}] is not on the {language} page ({file}) and has no note here: remove "
                      "this reference (a translation cites the original's notes only)").format(
                        label=item.label, language=language_name(project.default_language,
                                                                 project.language_name(project.default_language)),
                        file=original_file(project, page)),
                )
            elif item.kind == "footnote":
                yield Finding.at(
                    FOOTNOTE_UNDEFINED, item.where,
                    _("footnote [^{label}] has no definition on this page{elsewhere}; add a `[^{label}]:` line").format(
                        label=item.label, elsewhere=_defined_elsewhere(project, page, item.label)),
                )
        for definition in facts.footnote_defs:
            label = definition.label
            if label in seen:
                yield Finding.at(
                    FOOTNOTE_DUPLICATE, definition.where,
                    _("footnote [^{label}] is defined a second time here; only one of the two is shown").format(label=label),
                )
                continue
            seen.add(label)
            if label not in referenced:
                yield Finding.at(
                    FOOTNOTE_UNUSED, definition.where,
                    _("footnote [^{label}] is never referenced on this page; add `[^{label}]` to the text or remove the note").format(label=label),
                )
            if not definition.text and not definition.urls:
                yield Finding.at(FOOTNOTE_EMPTY, definition.where, _("footnote [^{label}] is empty; write the note").format(label=label))
            elif not definition.urls:
                yield Finding.at(
                    FOOTNOTE_NO_SOURCE, definition.where,
                    _("footnote [^{label}] cites no source address; link the work it cites").format(label=label),
                )
