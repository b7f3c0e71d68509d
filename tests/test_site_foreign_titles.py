"""Titles in the other language carry `lang`, both ways: Spanish titles on English pages (Sources,
the one-page brief), English titles on Spanish pages; and cited titles are italic in both
languages' notes."""

from __future__ import annotations

import pytest

from pages import BRIEF_PAGES, normalize, page_path, parse
from sitebuild import LANGUAGES

SPANISH_TITLES = ["Convención sobre el Estatuto de los Refugiados",
                  "Puertas cerradas: El fracaso de México en la protección de niños refugiados y migrantes de América Central",
                  "Sistema Nacional para el Desarrollo Integral de la Familia"]
ENGLISH_NOTE_TITLES = ["Dangerous Territory: Mexico Still Not Safe for Refugees", "Dangerous Territory",
                       "Childhood Cut Short"]


@pytest.mark.parametrize("page", ["sources/index.html", "brief/index.html"])
def test_spanish_titles_on_english_pages_are_marked_spanish(site_build, page):
    tree = parse(page_path(site_build.site_dir, "en", page))
    marked = {normalize(node.text()) for node in tree.css("article [lang=es]")}
    missing = [title for title in SPANISH_TITLES if title not in marked]
    assert not missing, missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_cited_titles_are_italic_in_the_notes(site_build, language):
    italic = set()
    for page in BRIEF_PAGES:
        tree = parse(page_path(site_build.site_dir, language, page))
        italic |= {normalize(node.text()) for node in tree.css("div.footnote em, div.footnote i")}
    missing = [title for title in ENGLISH_NOTE_TITLES if title not in italic]
    assert not missing, missing
