"""Terminology: translated pages use the glossary's approved renderings, never the forms it rules out.

The glossary is translations/glossary.yml (or the file named by the rule option `glossary` in
`extra.refcheck`); its own comments document the format. Each term names, per language, the
renderings to use and the forms to avoid. These rules read that file and the Markdown of each
page and its English page; they change nothing.
"""

from __future__ import annotations


from collections.abc import Iterator

from refcheck.engines import glossary
from refcheck.engines.passages import loanwords_of, loanwords_path
from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity, TRANSLATION
from refcheck.project import Project
from refcheck.uitext import _

GLOSSARY_MISSING_TERM = Rule(
    "glossary-missing-term",
    "The English page uses a glossary term and its translation has none of the approved renderings.",
    Severity.WARNING,
    "Readers, and translators of the other pages, meet one concept under several names; legal "
    "terms such as \"non-refoulement\" have a settled rendering. Rephrase to use it once, or "
    "change the glossary if the rendering should be another.",
    "en: `unaccompanied children`  es: `los menores que viajan solos` (and no approved rendering)",
    "en: `unaccompanied children`  es: `las niñas, niños y adolescentes no acompañados`",
    group=TRANSLATION,
)
GLOSSARY_FORBIDDEN_TERM = Rule(
    "glossary-forbidden-term",
    "A translated page uses a form the glossary marks not to use.",
    Severity.ERROR,
    "The glossary lists forms that are wrong or misleading here (a calque, a name that means "
    "something else in the language); the message says what to write instead and why.",
    "es: `la Convención de Ginebra`",
    "es: `la Convención sobre el Estatuto de los Refugiados`",
    group=TRANSLATION,
)
GLOSSARY_INVALID = Rule(
    "glossary-invalid",
    "The glossary file cannot be read.",
    Severity.ERROR,
    "Without it, no terminology is checked.",
    "translations/glossary.yml: an entry without `term:`",
    "translations/glossary.yml: every entry with `term:` and its languages' `use:`/`avoid:`",
    group=TRANSLATION,
)
RULES = [GLOSSARY_MISSING_TERM, GLOSSARY_FORBIDDEN_TERM, GLOSSARY_INVALID]


def load_terms(project: Project, config: Config) -> tuple[list[glossary.Term], Finding | None]:
    try:
        return glossary.project_terms(project.root, config.options(GLOSSARY_MISSING_TERM.id)), None
    except glossary.GlossaryError as error:
        where = Location(glossary.glossary_path(project.root, config.options(GLOSSARY_MISSING_TERM.id))
                         .relative_to(project.root).as_posix(), None, None)
        return [], Finding.at(GLOSSARY_INVALID, where, _("{error}; no terminology was checked").format(error=error))


def check(project: Project, config: Config) -> Iterator[Finding]:
    terms, problem = load_terms(project, config)
    if problem is not None:
        yield problem
    loanwords_of(project, config)  # the loanwords file beside the glossary (untranslated-text reads it)
    if project.memo["loanwords-problem"]:
        where = Location(loanwords_path(project, config).relative_to(project.root).as_posix(), None, None)
        yield Finding.at(GLOSSARY_INVALID, where, _("{error}; no loanword is accepted").format(
            error=project.memo["loanwords-problem"]))
    if not terms:
        return
    for page in project.pages:
        if not page.language or page.language == project.default_language:
            continue
        original = project.page(project.default_language, page.key)
        if original is None or page.facts.decode_error or original.facts.decode_error:
            continue
        for issue in glossary.check_translation(original.facts.prose, page.facts.prose, page.language, terms):
            rule = GLOSSARY_FORBIDDEN_TERM if issue.kind == "forbidden" else GLOSSARY_MISSING_TERM
            message = issue.message.replace("(line ", f"({original.file}:", 1) if issue.kind == "missing" else issue.message
            yield Finding.at(rule, Location(page.file, issue.line, issue.column), message)

