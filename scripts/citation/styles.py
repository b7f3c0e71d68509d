"""The suggested citations shown on "About this edition": APA 7 and Chicago (author-date), as HTML.

They are written from the same CSL items as the CSL-JSON download, the way the official CSL styles
(`apa.csl`, `chicago-author-date.csl`) print them in the page's language; the tests render the
download with citeproc-py and those styles and compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

# The CSL locale terms the two styles use, per language (CSL locales en-US and es-ES); a language
# without its own gets the English ones.
TERMS = {
    "en": {"translator": "trans.", "original_published": "Original work published", "translated_by": "Translated by"},
    "es": {"translator": "trad.", "original_published": "Obra original publicada en", "translated_by": "Traducido por"},
}


@dataclass(frozen=True)
class Citation:
    """One work's suggested citation in both styles."""

    item_id: str
    apa: Markup
    chicago: Markup


def _year(item: dict, key: str) -> int | None:
    parts = item.get(key, {}).get("date-parts")
    return parts[0][0] if parts else None


def _literal(names: list[dict]) -> str:
    return ", ".join(name["literal"] for name in names)


def _title(item: dict, page_language: str, *, title_case: str | None = None) -> Markup:
    """The title in italics, marked with its language when it is not the page's."""
    text = title_case or item["title"]
    language = item.get("language")
    lang = Markup(' lang="{}"').format(language) if language and language != page_language else ""
    return Markup("<i{}>{}</i>").format(lang, text)


def _link(url: str) -> Markup:
    return Markup('<a href="{0}">{0}</a>').format(url)


def _publisher(item: dict, named_as: str) -> Markup:
    """The publisher, then its full stop; nothing when the reference names it already as its
    author (APA 7 §9.24: "omit the publisher name") or, in Chicago, as its translator (a body
    named twice in a row reads as a mistake; Chicago repeats an author-publisher, as CMOS 17
    §14.92 does)."""
    named = {name["literal"] for name in item.get(named_as, [])}
    return "" if item["publisher"] in named else Markup(" {}.").format(item["publisher"])


def apa(item: dict, page_language: str) -> Markup:
    terms = TERMS.get(page_language, TERMS["en"])
    translator = (Markup(" ({}, {})").format(_literal(item["translator"]), terms["translator"])
                  if item.get("translator") else "")
    original_year = _year(item, "original-date")
    after_url = (Markup(" ({} {})").format(terms["original_published"], original_year) if original_year else "")
    return Markup("{author}. ({year}). {title}{translator} [{genre}].{publisher} {url}{after}").format(
        author=_literal(item["author"]), year=_year(item, "issued"), title=_title(item, page_language),
        translator=translator, genre=item["genre"], publisher=_publisher(item, "author"), url=_link(item["URL"]),
        after=after_url)


def chicago(item: dict, page_language: str, *, title_case: str | None = None) -> Markup:
    """Chicago author-date reference list entry; English titles in headline case (title_case)."""
    terms = TERMS.get(page_language, TERMS["en"])
    original_year = _year(item, "original-date")
    year = (Markup("({}) {}").format(original_year, _year(item, "issued")) if original_year
            else str(_year(item, "issued")))
    title = _title(item, page_language, title_case=title_case if item.get("language") == "en" else None)
    translator = (Markup(" {} {}.").format(terms["translated_by"], _literal(item["translator"]))
                  if item.get("translator") else "")
    return Markup("{author}. {year}. {title}. {genre}.{translator}{publisher} {url}.").format(
        author=_literal(item["author"]), year=year, title=title, genre=item["genre"], translator=translator,
        publisher=_publisher(item, "translator"), url=_link(item["URL"]))


def suggested_citations(items: list[dict], page_language: str, *, english_title_case: str) -> list[Citation]:
    return [Citation(item_id=item["id"], apa=apa(item, page_language),
                     chicago=chicago(item, page_language, title_case=english_title_case)) for item in items]
