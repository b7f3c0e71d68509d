"""The suggested citations as APA 7 and Chicago 17 write them, and the tags reference managers read.

* APA 7 §9.24: a publisher that is also the author is left out;
* Chicago: a translator is named once ("Translated by X", not "Translated by X. X.");
* APA's sentence case capitalises a subtitle's first word in Spanish too ("…: Una propuesta");
* Zotero's Embedded Metadata translator reads `citation_author` as one institution;
* JSON-LD holds plain text, never HTML entities.
"""

from __future__ import annotations

import json
import re

import pytest

from citation import citation_data, formats, head, styles
from pages import ALL_PAGES, page_path, parse
from sitebuild import LANGUAGES

TITLES = {"en": "Remain in Mexico: A Dangerous and Untenable Proposal",
          "es": "Quédate en México: una propuesta peligrosa e insostenible"}
KIND = "Kids in Need of Defense"


def items(language: str) -> list[dict]:
    facts = citation_data.load_facts()
    edition = citation_data.edition_for(facts, language=language, title=TITLES[language],
                                        url=f"https://example.org/{language}/", pdf_url=None)
    return formats.csl_items(facts, edition)


def text(markup) -> str:
    return re.sub(r"<[^>]+>", "", str(markup))


@pytest.mark.parametrize("language", LANGUAGES)
def test_apa_leaves_out_a_publisher_that_is_the_author(language):
    original = items(language)[0]
    assert original["publisher"] == KIND  # in the data: reference managers keep it
    cited = text(styles.apa(original, language))
    assert cited.count(KIND) == 1, cited


def test_apa_keeps_a_publisher_that_is_not_the_author():
    edition = items("en")[1]
    assert edition["publisher"] in text(styles.apa(edition, "en"))


def test_spanish_chicago_names_the_translator_once():
    edition = items("es")[1]
    cited = text(styles.chicago(edition, "es", title_case=TITLES["en"]))
    translator = edition["translator"][0]["literal"]
    assert f"Traducido por {translator}." in cited
    assert cited.count(translator) == 1, cited


def test_spanish_apa_capitalises_the_subtitle():
    cited = text(styles.apa(items("es")[1], "es"))
    assert "Quédate en México: Una propuesta peligrosa e insostenible" in cited


def test_sentence_case_subtitle_leaves_a_title_without_colon_alone():
    assert formats.sentence_case_subtitle("una propuesta") == "una propuesta"
    assert formats.sentence_case_subtitle("A: b c") == "A: B c"


# Zotero's Embedded Metadata translator (zotero/translators, "Embedded Metadata.js"),
# processHighwireCreators and ZU.cleanAuthor, as far as they decide first and last names.
def zotero_creators(values: list[str], language: str) -> list[dict]:
    creators = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            two_word = (len(by_comma) == 2 and language in ("es", "spa", "Spanish", "español")
                        and len(by_comma[0].split(" ")) == 2)
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not two_word:
                names = by_comma
        for name in names:
            name = name.strip()
            if not name or not re.search(r"[^\s,\-.;]", name):
                continue
            use_comma = "," in name
            name = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", re.sub(r"^[\s\u00a0.,/\[\]:]+", "", name))
            if use_comma:
                parts = re.split(r", ?", name)
                creators.append({"lastName": parts[0], "firstName": parts[1] if len(parts) > 1 else ""})
            else:
                first, _, last = name.rpartition(" ")
                creators.append({"lastName": last, "firstName": first})
    return creators


def test_zotero_would_split_the_bare_name_into_a_person():
    assert zotero_creators([KIND], "en") == [{"lastName": "Defense", "firstName": "Kids in Need of"}]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_zotero_reads_kind_as_one_institutional_author(site_build, language, page):
    tree = parse(page_path(site_build.site_dir, language, page))
    authors = [node.attributes["content"] for node in tree.css('meta[name="citation_author"]')]
    assert zotero_creators(authors, language) == [{"lastName": KIND, "firstName": ""}]


def test_institution_as_author_is_the_last_name_form():
    assert head.institution_as_author(KIND) == f"{KIND},"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_json_ld_text_is_plain_text(site_build, language, page):
    tree = parse(page_path(site_build.site_dir, language, page))
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())

    def strings(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    escaped = [value for value in strings(data) if re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", value, re.I)]
    assert not escaped


def test_escaped_front_matter_becomes_plain_text_for_json_ld():
    assert head.plain_text("KIND&#39;s brief &amp; notes") == "KIND's brief & notes"
