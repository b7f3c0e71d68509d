""""Changes in this edition" (docs/*/changes.md): the edition's record (citation.yml) in the page.

The page's Markdown has the words; HTML comments mark where the record's values go, so that the
version, the date, the rights and the corrections address are written in one place only:

    <!-- edition:version -->           "1.1"
    <!-- edition:date -->              this edition's date, as the page's language writes it
    <!-- edition:rights-original -->   KIND's copyright line
    <!-- edition:licence -->           this edition's licence, linked
    <!-- edition:corrections -->       a paragraph: where to send corrections, or that there is no address yet
"""

from __future__ import annotations

from markupsafe import Markup

from .citation_data import Facts
from .masthead import long_date

MARKERS = ("version", "date", "rights-original", "licence", "corrections")


def _marker(name: str) -> str:
    return f"<!-- edition:{name} -->"


def has_markers(html: str) -> bool:
    return any(_marker(name) in html for name in MARKERS)


def values(facts: Facts, language: str, *, corrections_text: str, no_corrections: str) -> dict[str, Markup]:
    """Each marker's HTML. `corrections_text` holds `{address}`; `no_corrections` is said without one."""
    rights = facts.rights
    if facts.corrections:
        shown = facts.corrections.removeprefix("mailto:")
        link = Markup('<a href="{}">{}</a>').format(facts.corrections, shown)
        corrections = Markup("<p>{}</p>").format(Markup(Markup.escape(corrections_text).replace("{address}", link)))
    else:
        corrections = Markup("<p>{}</p>").format(no_corrections)
    return {
        "version": Markup.escape(facts.version),
        "date": Markup('<time datetime="{}">{}</time>').format(facts.edition_date.isoformat(),
                                                               long_date(facts.edition_date, language)),
        "rights-original": Markup.escape(rights.original if rights else ""),
        "licence": (Markup('<a href="{}">{}</a>').format(rights.licence_url, rights.licence)
                    if rights else Markup("")),
        "corrections": corrections,
    }


def fill(html: str, filled: dict[str, Markup]) -> str:
    """The page's HTML with each marker replaced; a page without markers comes back unchanged."""
    for name in MARKERS:
        # Markdown wraps a marker alone on its line in a paragraph of its own: the paragraph goes too.
        html = html.replace(f"<p>{_marker(name)}</p>", str(filled[name])).replace(_marker(name), str(filled[name]))
    return html
