"""The citation facts (`citation.yml`), read into frozen records, and this edition as built."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

FACTS_FILE = Path(__file__).resolve().parents[2] / "citation.yml"


class CitationError(Exception):
    """The facts file is missing or incomplete: a one-line reason for the build to report."""


@dataclass(frozen=True)
class Original:
    """The brief as KIND published it."""

    title: str
    title_sentence_case: str
    author: str
    author_abbreviation: str
    author_url: str
    date: dt.date
    url: str
    language: str


@dataclass(frozen=True)
class LanguageFacts:
    """What this edition says of itself in one language."""

    publisher: str
    genre: str
    og_locale: str
    preview_note: str


@dataclass(frozen=True)
class Rights:
    """Whose words are whose: KIND's copyright on the brief, this edition's licence on its own text."""

    original: str
    licence: str
    licence_url: str


@dataclass(frozen=True)
class Facts:
    original: Original
    edition_date: dt.date
    languages: dict[str, LanguageFacts]
    version: str = ""
    rights: Rights | None = None
    corrections: str = ""  # an https: or mailto: address; empty until the edition has one

    def language(self, language: str) -> LanguageFacts:
        """The language's entry; a language not yet in citation.yml (one just added with
        `site.py add-language`) gets the original language's words until a translator adds its
        own, as it gets the English interface text, with a locale made from its code."""
        if language in self.languages:
            return self.languages[language]
        fallback = self.languages.get(self.original.language) or next(iter(self.languages.values()), None)
        if fallback is None:
            raise CitationError("citation.yml: edition.languages is empty")
        return LanguageFacts(publisher=fallback.publisher, genre=fallback.genre,
                             og_locale=f"{language}_{language.upper()}", preview_note=fallback.preview_note)


@dataclass(frozen=True)
class Edition:
    """This edition in one language, as the site is built: title and addresses come from mkdocs.yml."""

    language: str
    title: str
    url: str  # the language's home page, absolute
    pdf_url: str | None  # absolute, or None when no PDF is configured
    publisher: str
    genre: str
    og_locale: str
    date: dt.date
    # The original's language: this edition is a translation in any other.
    original_language: str

    @property
    def is_translation(self) -> bool:
        return self.language != self.original_language


def _field(data: dict, key: str, where: str):
    value = data.get(key) if isinstance(data, dict) else None
    if value in (None, ""):
        raise CitationError(f"citation.yml: {where}.{key} is missing")
    return value


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CitationError(f"citation.yml: {where} is not a date (YYYY-MM-DD): {value!r}") from None


def load_facts(path: Path = FACTS_FILE) -> Facts:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CitationError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise CitationError(f"{path.name} is not valid YAML: {error}") from None
    original = _field(data, "original", "")
    edition = _field(data, "edition", "")
    text = {key: str(_field(original, key, "original")) for key in
            ("title", "title_sentence_case", "author", "author_abbreviation", "author_url", "url", "language")}
    languages = {
        str(code): LanguageFacts(**{key: str(_field(values, key, f"edition.languages.{code}"))
                                    for key in ("publisher", "genre", "og_locale", "preview_note")})
        for code, values in (_field(edition, "languages", "edition") or {}).items()
    }
    rights = _field(edition, "rights", "edition")
    corrections = str(edition.get("corrections") or "")
    if corrections and not corrections.startswith(("https://", "mailto:")):
        raise CitationError(f"citation.yml: edition.corrections is not an https: or mailto: address: {corrections!r}")
    return Facts(
        original=Original(**text, date=_date(_field(original, "date", "original"), "original.date")),
        edition_date=_date(_field(edition, "date", "edition"), "edition.date"),
        languages=languages,
        version=str(_field(edition, "version", "edition")),
        rights=Rights(**{key: str(_field(rights, key, "edition.rights")) for key in ("original", "licence", "licence_url")}),
        corrections=corrections,
    )


def edition_for(facts: Facts, *, language: str, title: str, url: str, pdf_url: str | None) -> Edition:
    own = facts.language(language)
    return Edition(language=language, title=title, url=url, pdf_url=pdf_url, publisher=own.publisher,
                   genre=own.genre, og_locale=own.og_locale, date=facts.edition_date,
                   original_language=facts.original.language)


def byline(original: Original, language: str) -> str:
    """"Kids in Need of Defense (KIND), November 30, 2018", the date as the language writes it."""
    from babel.dates import format_date

    return f"{original.author} ({original.author_abbreviation}), {format_date(original.date, 'long', locale=language)}"
