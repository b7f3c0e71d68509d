"""Untranslated text: sentences of a translated page still written in the original's language.

Each sentence of a translation's prose is identified by Lingua against two languages, the page's
and the default language's (refcheck/engines/languageid.py says what is judged and how). Names,
cited titles and passages the author marked with a language are left out. Pages that `add-language`
copied and that are still marked `translation_state: untranslated` are English on purpose (the
rule `translation-untranslated` lists them) and are not read sentence by sentence.
A run of English words inside a sentence of the page's language is one finding too, at its first
word (refcheck/engines/englishruns.py). The words the target language borrows ("framework",
"router", "headers") are listed per language beside the glossary (refcheck/engines/loanwords.py)
and are not English left behind; a file that cannot be read is a `glossary-invalid` error (the
glossary rules report it, refcheck/checks/terminology.py).
These rules read the parsed pages only; they change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.config import Config
from refcheck.engines import languageid
from refcheck.engines.passages import pages_to_read, spellers_of, untranslated_passages
from refcheck.findings import Finding, Location, Rule, Severity, TRANSLATION
from refcheck.project import Project
from refcheck.uitext import _, language_name

UNTRANSLATED_TEXT = Rule(
    "untranslated-text",
    "A sentence of a translated page, or a run of words inside one, is written in the original's language.",
    Severity.WARNING,
    "A sentence pasted from the original, or a clause left behind while translating, reads as if the "
    "translation were finished. Names, cited titles and the loanwords a project accepts "
    "(translations/loanwords.yml: \"framework\", \"router\") are not reported; mark a quotation or a "
    "title in the original's language with `<span lang=\"en\">...</span>` or `{ lang=en }`, which "
    "also tells screen readers how to pronounce it.",
    "docs/es/index.md: `Las familias esperarían en México. It is not safe to wait in Mexico.`",
    "docs/es/index.md: `Las familias esperarían en México. No es seguro esperar en México.`",
    group=TRANSLATION,
)
UNTRANSLATED_UNAVAILABLE = Rule(
    "untranslated-text-unavailable",
    "The language-identification library, or its model of a language, is missing, so untranslated text was not looked for.",
    Severity.INFO,
    "A check that silently does nothing looks like a clean result.",
    "a machine where `pip install -r requirements.txt` was not run",
    "`lingua-language-detector` installed (`python3 scripts/site.py test` does it)",
    group=TRANSLATION,
)
RULES = [UNTRANSLATED_TEXT, UNTRANSLATED_UNAVAILABLE]
EXCERPT = 70  # characters of the sentence quoted in a finding


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def check(project: Project, config: Config) -> Iterator[Finding]:
    if not config.enabled(UNTRANSLATED_TEXT):
        return  # nor is it worth saying that it could not run
    spellers_of(project, config)
    original = project.default_language
    reported: set[str] = set()
    for page in pages_to_read(project):
        try:
            languageid.check_available(page.language, original)
        except languageid.Unavailable as reason:
            if page.language not in reported:
                reported.add(page.language)
                yield Finding.at(UNTRANSLATED_UNAVAILABLE, Location(project.config_file, None, None), str(reason))
            continue
        source = language_name(original, project.language_name(original))
        target = language_name(page.language, project.language_name(page.language))
        for passage in untranslated_passages(project, page):
            if passage.run:
                message = _("these words are in {source}, inside a sentence in {target}: “{text}”; translate them, or "
                            "if they are a name or a quotation, mark them as {source} ({span} or {attribute})")
            else:
                message = _("this sentence is in {source}, not {target}: “{text}”; translate it, or if it is a name or a "
                            "quotation, mark it as {source} ({span} or {attribute})")
            yield Finding.at(
                UNTRANSLATED_TEXT, Location(page.file, passage.line, passage.column),
                message.format(source=source, target=target, text=_excerpt(passage.text),
                               span=f'`<span lang="{original}">…</span>`', attribute=f"`{{ lang={original} }}`"),
            )
