"""The header block of every page: who wrote the brief and when, this edition's date and version,
and what a reader cites it with (overrides/partials/edition-masthead.html draws it).

The citations are the page's language's: KIND's brief on English pages, this edition's translation
of it on the others, in APA 7 and Chicago, as "About this edition" prints them (styles.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup

from . import formats, styles
from .citation_data import Edition, Facts

# The downloads offered in the Cite dialog, in the order shown, with the names readers know them by.
CITE_FILES = ((".bib", "BibTeX"), (".ris", "RIS"))


@dataclass(frozen=True)
class CiteFile:
    name: str  # "BibTeX"
    path: str  # relative to the site's root: "es/cite/remain-in-mexico.bib"
    media_type: str


@dataclass(frozen=True)
class Masthead:
    title: str
    author: str  # "Kids in Need of Defense (KIND)"
    published: str  # the original's date, as the page's language writes it
    published_iso: str
    edition_date: str
    edition_date_iso: str
    version: str
    apa: Markup
    chicago: Markup
    files: tuple[CiteFile, ...]
    rights: str
    licence: str
    licence_url: str


def long_date(day, language: str) -> str:
    return format_date(day, "long", locale=language)


def masthead(facts: Facts, edition: Edition, *, language_folder: str) -> Masthead:
    """The block for one language; `language_folder`: "" or "es/" (where its cite/ folder is)."""
    original = facts.original
    items = formats.csl_items(facts, edition)
    work = items[1] if edition.is_translation else items[0]
    files = tuple(
        CiteFile(name=name, path=f"{language_folder}cite/{formats.DOWNLOAD_STEM}{suffix}",
                 media_type=formats.DOWNLOADS[f"{formats.DOWNLOAD_STEM}{suffix}"])
        for suffix, name in CITE_FILES)
    rights = facts.rights
    return Masthead(
        title=edition.title, author=f"{original.author} ({original.author_abbreviation})",
        published=long_date(original.date, edition.language), published_iso=original.date.isoformat(),
        edition_date=long_date(edition.date, edition.language), edition_date_iso=edition.date.isoformat(),
        version=facts.version, apa=styles.apa(work, edition.language),
        chicago=styles.chicago(work, edition.language, title_case=original.title), files=files,
        rights=rights.original if rights else "", licence=rights.licence if rights else "",
        licence_url=rights.licence_url if rights else "")
