"""Stale translations: a translated page that follows an older version of its English page.

Each translated page names the English text it translates in its front matter (`translation_of:`,
a hash written by `python3 scripts/site.py mark-translated`; see scripts/refcheck/translation/). These
rules compare it with the English page as it is now, and show what changed in English since, from
the copy of that version kept in translations/originals/ (or git history, when there is some).

They read the English page's file as it is on disk (the hash covers the whole file) and the stored
English versions; nothing else, and they change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.translation import pages

from refcheck.translation.status import PageStatus, page_status
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity, TRANSLATION
from refcheck.project import Project
from refcheck.uitext import _

TRANSLATION_STALE = Rule(
    "translation-stale",
    "The English page changed after its translation was last brought up to date.",
    Severity.WARNING,
    "Readers of the translation read an older text than the original says now (the site tells them "
    "so, in their language). The message shows what changed in English; after updating the "
    "translation, `python3 scripts/site.py mark-translated PAGE` records it as up to date.",
    "docs/es/index.md: `translation_of: def94deeb1ee294d`, and docs/en/index.md edited since",
    "docs/es/index.md: `translation_of:` the hash of docs/en/index.md as it is now",
    group=TRANSLATION, needs_text=False,
)
TRANSLATION_UNRECORDED = Rule(
    "translation-unrecorded",
    "A translated page does not record which version of its English page it translates.",
    Severity.WARNING,
    "Without it nobody can tell when the English page changes under the translation. After "
    "comparing the two pages, `python3 scripts/site.py mark-translated PAGE` records it.",
    "docs/es/about.md with no `translation_of:` in its front matter",
    "docs/es/about.md starting with `---` / `translation_of: 0a3cd0f90d926a56` / `---`",
    group=TRANSLATION, needs_text=False,
)
TRANSLATION_UNTRANSLATED = Rule(
    "translation-untranslated",
    "A page is still the English copy that `add-language` made (`translation_state: untranslated`).",
    Severity.WARNING,
    "Readers of that language get the English text, with a notice; it lists what is left to translate.",
    "docs/fr/index.md with `translation_state: untranslated`",
    "docs/fr/index.md translated, and marked with `python3 scripts/site.py mark-translated docs/fr/index.md`",
    group=TRANSLATION, needs_text=False,
)
RULES = [TRANSLATION_STALE, TRANSLATION_UNRECORDED, TRANSLATION_UNTRANSLATED]
DIFF_LINES = 12  # changes shown in a finding; `translation-diff` shows them all


def workflow_project(project: Project) -> pages.Project | None:
    if project.structure not in ("folder", "suffix"):
        return None
    return pages.Project(
        root=project.root, docs_dir=project.docs_dir, structure=project.structure,
        default=project.default_language, languages=tuple(project.locales),
        names={language.locale: language.name for language in project.languages},
    )


def check(project: Project, config: Config) -> Iterator[Finding]:
    workflow = workflow_project(project)
    if workflow is None:
        return
    for page in project.pages:
        if not page.language or page.language == project.default_language:
            continue
        if project.page(project.default_language, page.key) is None:
            continue  # an orphan: translation-orphan reports it
        try:
            status = page_status(workflow, page.language, page.key)
        except (OSError, UnicodeDecodeError):
            continue  # unreadable: the source rules report it
        record = config.command("mark_translated", page.file)
        command = _("run `{command}`").format(command=record) if record else _("record its version in `translation_of:`")
        where = Location(page.file, status.line or 1, 1)
        english = project.page(project.default_language, page.key).file
        if status.state == pages.STALE:
            diff_command = config.command("translation_diff", page.file)
            yield Finding.at(TRANSLATION_STALE, where,
                             _stale_message(workflow, status, english, command, diff_command))
        elif status.state == pages.UNRECORDED:
            yield Finding.at(
                TRANSLATION_UNRECORDED, Location(page.file, 1, 1),
                _("this translation does not say which version of {english} it translates: compare the two "
                  "pages, then {command}").format(english=english, command=command),
            )
        elif status.state == pages.UNTRANSLATED:
            yield Finding.at(
                TRANSLATION_UNTRANSLATED, where,
                _("still the English text of {english} ({words} words): translate it, then {command}").format(
                    english=english, words=f"{status.words:,}", command=command),
            )


def _stale_message(workflow: pages.Project, status: PageStatus, english: str,
                   command: str, diff_command: str | None) -> str:
    head = _("{english} changed since this translation (translation_of: {recorded}; the English page "
             "is now {current}): update the translation, then {command}").format(
        english=english, recorded=status.recorded, current=status.current, command=command)
    if status.original is None:
        return head + _(". The English text of version {recorded} is neither in {originals}/ nor in git history: "
                        "compare the whole page").format(recorded=status.recorded, originals=pages.ORIGINALS_DIR.as_posix())
    from refcheck.translation import diff  # only for a stale page (difflib and friends cost time to import)

    current = (workflow.root / english).read_text(encoding="utf-8-sig")
    changes = diff.word_changes(status.original.text, current, limit=DIFF_LINES)
    every = _("; all of them: `{command}`").format(command=diff_command) if diff_command else ""
    return (head + _(". English changes since then ([-removed-]{{+added+}}{every}):").format(every=every) + "\n"
            + "\n".join(f"    {c}" for c in changes))
