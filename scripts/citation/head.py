"""What a page's <head> tells reference managers, search engines and link previews.

* Highwire Press `citation_*` tags (read by Zotero and Google Scholar);
* OpenGraph and Twitter card tags (link previews), with the page's own description;
* schema.org JSON-LD: the brief as a `Report`; on a translated edition, a `Report` in that
  language that is a `translationOfWork` of the original, with this edition as translator.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from markupsafe import Markup

from .citation_data import Edition, Facts

PREVIEW_SIZE = (1200, 630)


@dataclass(frozen=True)
class PageFacts:
    """What the plugin knows of one built page."""

    title: str  # the page's <title> text
    description: str
    url: str  # canonical, absolute
    image_url: str  # the language's preview image, absolute
    image_alt: str
    site_name: str
    alternate_locales: tuple[str, ...]  # og:locale of the other languages


@dataclass(frozen=True)
class Head:
    meta: tuple[tuple[str, str, str], ...]  # (attribute, its value, content): name= or property=
    json_ld: Markup


def plain_text(value) -> str:
    """A template value as plain text: front matter reaches templates HTML-escaped
    (scripts/edition_plugins/safe_html.py), and JSON-LD must not say "KIND&#39;s"."""
    return html.unescape(str(value or ""))


def _slashed(date) -> str:
    return date.strftime("%Y/%m/%d")


def institution_as_author(name: str) -> str:
    """An institution's name as `citation_author`, kept whole by Zotero's Embedded Metadata translator.

    The translator splits a name at its last space ("Kids in Need of" + "Defense") unless the
    value holds a comma, which it reads as "Last, First" (`ZU.cleanAuthor(name, type, true)`);
    the trailing comma is stripped there, leaving the whole name as the last name and no first
    name: one author, as Google Scholar's "Last, First" form also reads it.
    """
    return f"{name},"


def highwire(facts: Facts, edition: Edition, page: PageFacts) -> list[tuple[str, str, str]]:
    """The brief in this edition's language: KIND's brief in English; this edition's translation otherwise."""
    original = facts.original
    publisher, date = (edition.publisher, edition.date) if edition.is_translation else (original.author, original.date)
    tags = [("citation_title", edition.title), ("citation_author", institution_as_author(original.author)),
            ("citation_publication_date", _slashed(date)), ("citation_publisher", publisher),
            ("citation_technical_report_institution", publisher), ("citation_language", edition.language),
            ("citation_abstract_html_url", page.url), ("citation_public_url", page.url)]
    if edition.pdf_url:
        tags.append(("citation_pdf_url", edition.pdf_url))
    return [("name", key, value) for key, value in tags]


def link_preview(edition: Edition, page: PageFacts) -> list[tuple[str, str, str]]:
    width, height = PREVIEW_SIZE
    properties = [("og:type", "article"), ("og:site_name", page.site_name), ("og:title", page.title),
                  ("og:description", page.description), ("og:url", page.url), ("og:locale", edition.og_locale)]
    properties += [("og:locale:alternate", locale) for locale in page.alternate_locales]
    properties += [("og:image", page.image_url), ("og:image:type", "image/png"), ("og:image:width", str(width)),
                   ("og:image:height", str(height)), ("og:image:alt", page.image_alt)]
    names = [("twitter:card", "summary_large_image"), ("twitter:title", page.title),
             ("twitter:description", page.description), ("twitter:image", page.image_url),
             ("twitter:image:alt", page.image_alt)]
    return [("property", key, value) for key, value in properties] + [("name", key, value) for key, value in names]


def _organization(name: str, **more: str) -> dict:
    return {"@type": "Organization", "name": name, **more}


def json_ld(facts: Facts, edition: Edition, page: PageFacts) -> dict:
    original = facts.original
    kind = _organization(original.author, alternateName=original.author_abbreviation, url=original.author_url)
    brief = {"@type": "Report", "@id": original.url, "name": original.title, "inLanguage": original.language,
             "author": kind, "publisher": kind, "datePublished": original.date.isoformat(), "url": original.url}
    this_edition = _organization(edition.publisher, url=edition.url)
    webpage = {"@type": "WebPage", "@id": page.url, "url": page.url, "name": page.title,
               "description": page.description, "inLanguage": edition.language}
    if not edition.is_translation:
        # The English pages are KIND's brief republished word for word by this edition.
        work = {**brief, "mainEntityOfPage": webpage,
                "sdPublisher": this_edition, "image": page.image_url}
    else:
        work = {"@type": "Report", "@id": edition.url, "name": edition.title, "inLanguage": edition.language,
                "author": kind, "translator": this_edition, "publisher": this_edition,
                "datePublished": edition.date.isoformat(), "url": edition.url, "genre": edition.genre,
                "translationOfWork": brief, "mainEntityOfPage": webpage, "image": page.image_url}
    if edition.pdf_url:
        work["encoding"] = {"@type": "MediaObject", "contentUrl": edition.pdf_url, "encodingFormat": "application/pdf"}
    return {"@context": "https://schema.org", **work}


def script_safe_json(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json">: no `<`, `>` or `&` that could end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_head(facts: Facts, edition: Edition, page: PageFacts) -> Head:
    return Head(meta=tuple(highwire(facts, edition, page) + link_preview(edition, page)),
                json_ld=script_safe_json(json_ld(facts, edition, page)))
