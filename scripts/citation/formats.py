"""The brief and this edition as reference-manager data: CSL-JSON, BibTeX, RIS, and CITATION.cff.

Each language's downloads hold two entries: the original (KIND, 2018) and this edition in that
language (the English web edition, or the Spanish translation with this edition as translator).
"""

from __future__ import annotations

import json

import yaml

from .citation_data import Edition, Facts

ORIGINAL_ID = "kind2018remain"
DOWNLOAD_STEM = "remain-in-mexico"
# Download name -> media type; the plugin writes each into the language's `cite/` folder.
DOWNLOADS = {f"{DOWNLOAD_STEM}.bib": "application/x-bibtex", f"{DOWNLOAD_STEM}.ris": "application/x-research-info-systems",
             f"{DOWNLOAD_STEM}.json": "application/vnd.citationstyles.csl+json"}
# BibTeX's and RIS's names of languages (biblatex `langid`).
LANGUAGE_NAMES = {"en": "english", "es": "spanish"}


def edition_id(edition: Edition) -> str:
    return f"{ORIGINAL_ID}-{edition.language}-{edition.date.year}"


def _parts(date) -> dict:
    return {"date-parts": [[date.year, date.month, date.day]]}


def sentence_case_subtitle(title: str) -> str:
    """APA's sentence case: the subtitle's first word is capitalized too ("...: Una propuesta")."""
    head, colon, rest = title.partition(": ")
    return f"{head}{colon}{rest[:1].upper()}{rest[1:]}" if colon else title


def csl_items(facts: Facts, edition: Edition) -> list[dict]:
    """CSL-JSON items; titles in sentence case, as CSL styles expect (APA keeps it, Chicago capitalizes)."""
    original = facts.original
    author = [{"literal": original.author}]
    original_item = {
        "id": ORIGINAL_ID, "type": "report", "title": original.title_sentence_case, "author": author,
        "publisher": original.author, "issued": _parts(original.date), "URL": original.url,
        "genre": edition.genre, "language": original.language,
    }
    title = (original.title_sentence_case if edition.title == original.title
             else sentence_case_subtitle(edition.title))
    edition_item = {
        "id": edition_id(edition), "type": "report", "title": title, "author": author,
        "publisher": edition.publisher, "issued": _parts(edition.date), "original-date": _parts(original.date),
        "URL": edition.url, "genre": edition.genre, "language": edition.language,
    }
    if edition.is_translation:
        edition_item["translator"] = [{"literal": edition.publisher}]
    return [original_item, edition_item]


def csl_json(facts: Facts, edition: Edition) -> str:
    return json.dumps(csl_items(facts, edition), ensure_ascii=False, indent=2) + "\n"


def _bibtex_value(text: str) -> str:
    """Braced, with BibTeX's special characters escaped; accents stay UTF-8 (biber and bibtexparser read it)."""
    escaped = text.replace("\\", r"\textbackslash{}")
    for char in "&%$#_{}":
        escaped = escaped.replace(char, "\\" + char)
    return "{" + escaped + "}"


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {value}," for name, value in fields]
    return "\n".join(lines) + "\n}\n"


def bibtex(facts: Facts, edition: Edition) -> str:
    """@techreport entries (BibTeX and biblatex); the author is an organization, so double-braced."""
    original = facts.original
    author = "{" + _bibtex_value(original.author) + "}"
    # The publisher's capitalization, with "Mexico" protected from BibTeX styles that lower-case titles.
    title = "{" + _bibtex_value(original.title).replace("Mexico", "{Mexico}")[1:]
    entries = [_bibtex_entry("techreport", ORIGINAL_ID, [
        ("author", author), ("title", title), ("institution", _bibtex_value(original.author)),
        ("type", _bibtex_value(edition.genre)), ("year", f"{{{original.date.year}}}"),
        ("month", f"{{{original.date.month}}}"), ("date", f"{{{original.date.isoformat()}}}"),
        ("url", _bibtex_value(original.url)), ("langid", _bibtex_value(LANGUAGE_NAMES.get(original.language, original.language))),
    ])]
    edition_title = title if edition.title == original.title else _bibtex_value(edition.title).replace("México", "{México}")
    fields = [("author", author), ("title", edition_title), ("institution", _bibtex_value(edition.publisher)),
              ("type", _bibtex_value(edition.genre)), ("year", f"{{{edition.date.year}}}"),
              ("date", f"{{{edition.date.isoformat()}}}"), ("origdate", f"{{{original.date.isoformat()}}}"),
              ("url", _bibtex_value(edition.url)), ("langid", _bibtex_value(LANGUAGE_NAMES.get(edition.language, edition.language)))]
    if edition.is_translation:
        fields += [("translator", "{" + _bibtex_value(edition.publisher) + "}"), ("origtitle", title),
                   ("origlanguage", _bibtex_value(LANGUAGE_NAMES.get(original.language, original.language)))]
    entries.append(_bibtex_entry("techreport", edition_id(edition), fields))
    return "\n".join(entries)


def _ris_record(tags: list[tuple[str, str]]) -> str:
    return "".join(f"{tag}  - {value}\r\n" for tag, value in tags) + "ER  - \r\n"


def ris(facts: Facts, edition: Edition) -> str:
    """RIS (RPRT records): CRLF line ends and `TAG  - value`, as the format's readers expect."""
    original = facts.original
    records = [_ris_record([
        ("TY", "RPRT"), ("AU", original.author), ("TI", original.title), ("PY", str(original.date.year)),
        ("DA", original.date.strftime("%Y/%m/%d")), ("PB", original.author), ("M3", edition.genre),
        ("UR", original.url), ("LA", original.language), ("ID", ORIGINAL_ID),
    ])]
    tags = [("TY", "RPRT"), ("AU", original.author), ("TI", edition.title), ("PY", str(edition.date.year)),
            ("DA", edition.date.strftime("%Y/%m/%d")), ("PB", edition.publisher), ("M3", edition.genre),
            ("UR", edition.url), ("LA", edition.language), ("ID", edition_id(edition))]
    if edition.is_translation:
        tags[2:2] = [("A4", edition.publisher)]  # RIS's "translator" tag
        tags.append(("N1", f"{original.title} ({original.date.year})"))
    records.append(_ris_record(tags))
    return "\n".join(records)


CFF_HEADER = ("# How to cite this repository and the brief it publishes. Generated from citation.yml by\n"
              "# `python3 scripts/citation cff > CITATION.cff`; do not edit by hand.\n")


def citation_cff(facts: Facts, *, english_publisher: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0): the repository is this edition; cite the brief."""
    original = facts.original
    kind = {"name": original.author, "alias": original.author_abbreviation, "website": original.author_url}
    data = {
        "cff-version": "1.2.0",
        "message": ("This repository is a bilingual (English and Spanish) edition of a policy brief by "
                    f"{original.author} ({original.author_abbreviation}). Please cite the brief."),
        "type": "dataset",
        "title": f"{original.title} — bilingual edition",
        "authors": [{"name": english_publisher}],
        "date-released": facts.edition_date.isoformat(),
        "abstract": ("The brief's English text word for word, this edition's Spanish translation of it, "
                     "and the tooling that keeps the two correct."),
        "keywords": ["asylum", "children", "Mexico", "Remain in Mexico", "translation"],
        "preferred-citation": {
            "type": "report", "title": original.title, "authors": [dict(kind)], "institution": dict(kind),
            "date-published": original.date.isoformat(), "year": original.date.year,
            "month": original.date.month, "url": original.url, "languages": [
                {"en": "eng"}.get(original.language, original.language)],
        },
    }
    return CFF_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def downloads(facts: Facts, edition: Edition) -> dict[str, str]:
    """Each download's file name (the keys of DOWNLOADS) and text, for one language."""
    writers = {".bib": bibtex, ".ris": ris, ".json": csl_json}
    return {name: writers[name[name.rindex("."):]](facts, edition) for name in DOWNLOADS}
