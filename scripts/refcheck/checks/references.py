"""Rule 4: reference-style links (`[text][label]` and `[label]: url`)."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Project
from refcheck.uitext import _

REFERENCE_UNDEFINED = Rule(
    "reference-undefined",
    "A reference-style link `[text][label]` has no `[label]: url` definition.",
    Severity.ERROR,
    "The link is printed as literal brackets and leads nowhere; nothing else warns about it.",
    "See [the report][hrw].",
    "See [the report][hrw].\n\n[hrw]: https://www.hrw.org/report/2016/03/31/closed-doors",
)
REFERENCE_UNUSED = Rule(
    "reference-unused",
    "A link definition `[label]: url` is never used.",
    Severity.WARNING,
    "A definition nobody uses is usually a link a translation dropped. A definition of `#` "
    "(`[comment]: # (...)`, Markdown's comment idiom) is a comment, not a link.",
    "Text.\n\n[hrw]: https://www.hrw.org/",
    "See [HRW][hrw].\n\n[hrw]: https://www.hrw.org/",
)
RULES = [REFERENCE_UNDEFINED, REFERENCE_UNUSED]
COMMENT_URL = "#"


def check(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        if not project.is_built(page.source):
            continue  # a language mkdocs.yml does not list (language-folder-unlisted names it)
        facts = page.facts
        for item in facts.unresolved:
            if item.kind == "reference":
                yield Finding.at(
                    REFERENCE_UNDEFINED, item.where,
                    _("`{text}` uses the link label [{label}], which nothing defines; add `[{label}]: <url>`").format(text=item.text, label=item.label),
                )
        for definition in facts.ref_defs:
            # `[comment]: # (text)` is the Markdown comment idiom: a definition nothing is meant to use.
            if definition.key not in facts.used_refs and definition.url != COMMENT_URL:
                yield Finding.at(
                    REFERENCE_UNUSED, definition.where,
                    _("link definition [{label}] is never used; use it or remove it").format(label=definition.label),
                )
