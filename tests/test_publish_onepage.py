"""The whole brief on one page per language (/brief/, /es/brief/; scripts/publish/onepage.py)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from pages import ALL_PAGES, LANGUAGE_ROOTS, article, article_text, normalize, original_sentences, page_path, parse
from selectolax.lexbor import LexborHTMLParser

from publish import onepage
from refcheck.safehtml import policy

BRIEF = "brief/index.html"
ADDED = {"en": "Added by this edition", "es": "Añadido por esta edición"}


def test_every_sentence_of_the_original_is_on_the_english_one_page_brief(site_build):
    text = article_text(parse(page_path(site_build.site_dir, "en", BRIEF)))
    missing = [sentence for sentence in original_sentences() if sentence not in text]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_one_page_brief_holds_every_page_in_order(site_build, language):
    brief = article_text(parse(page_path(site_build.site_dir, language, BRIEF)), drop=(".edition-onepage",))
    positions = []
    for page in ALL_PAGES:
        text = article_text(parse(page_path(site_build.site_dir, language, page)), drop=("h1",))
        assert text[:200] in brief, page
        positions.append(brief.index(text[:200]))
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_one_page_brief_is_marked_as_this_editions_with_one_title(site_build, language):
    node = article(parse(page_path(site_build.site_dir, language, BRIEF)))
    assert len(node.css("h1")) == 1
    note = node.css_first(".admonition.edition-onepage")
    assert note is not None and ADDED[language] in note.text()


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_one_page_brief_has_unique_ids_and_every_in_page_link_finds_its_target(site_build, language):
    tree = parse(page_path(site_build.site_dir, language, BRIEF))
    ids = [node.attributes["id"] for node in tree.css("[id]")]
    assert len(ids) == len(set(ids))
    for link in article(tree).css("a[href^='#']"):
        assert link.attributes["href"][1:] in ids, link.attributes["href"]


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_links_between_the_pages_stay_inside_the_one_page_brief(site_build, language):
    """Sources' "cited in" links and the notes lead to places on the same page, not to other pages."""
    path = page_path(site_build.site_dir, language, BRIEF)
    joined = {urlsplit(urljoin(f"/{LANGUAGE_ROOTS[language]}", page.replace("index.html", ""))).path
              for page in ALL_PAGES}
    base = f"/{LANGUAGE_ROOTS[language]}brief/"
    for link in article(parse(path)).css("a[href]"):
        target = urlsplit(urljoin(base, link.attributes["href"]))
        if not target.scheme and not target.netloc:
            assert target.path not in joined, link.attributes["href"]


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_one_page_brief_is_left_out_of_search(site_build, language):
    index = json.loads((site_build.site_dir / LANGUAGE_ROOTS[language] / "search/search_index.json").read_text())
    assert not [doc for doc in index["docs"] if doc["location"].startswith("brief/")]


def test_the_language_switch_of_the_one_page_brief_leads_to_the_other_languages_one(site_build):
    tree = parse(page_path(site_build.site_dir, "es", BRIEF))
    links = {a.attributes.get("hreflang"): a.attributes["href"] for a in tree.css("a.md-select__link[hreflang]")}
    assert urljoin("/es/brief/", links["en"]) == "/brief/"


def sitemap_entries(site_dir: Path) -> dict[str, dict[str, str]]:
    """sitemap.xml: each page's address (path) -> its alternates (language -> path)."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    return {urlsplit(url.findtext("s:loc", namespaces=namespaces)).path:
            {link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("x:link", namespaces)}
            for url in root.findall("s:url", namespaces)}


def test_the_sitemap_lists_the_one_page_brief_of_each_language_with_its_translations(site_build):
    entries = sitemap_entries(site_build.site_dir)
    wanted = {language: f"/{root}brief/" for language, root in LANGUAGE_ROOTS.items()}
    for path in wanted.values():
        assert entries.get(path) == wanted, path


def test_every_page_links_to_the_one_page_brief_of_its_language(site_build):
    for language in LANGUAGE_ROOTS:
        for page in ALL_PAGES:
            path = page_path(site_build.site_dir, language, page)
            links = [a.attributes["href"] for a in parse(path).css("nav.edition-downloads a:not([type])")]
            assert [(path.parent / link).resolve() for link in links] == [
                page_path(site_build.site_dir, language, BRIEF).parent.resolve()], (language, page)


def test_join_renames_only_ids_an_earlier_page_has_and_follows_them_in_links():
    first = onepage.Section("a/", '<h1 id="a">A</h1><h2 id="same">X</h2><p id="fn:1">n</p>')
    second = onepage.Section("b/", '<h1 id="b">B</h1><h2 id="same">Y</h2><a href="#same">y</a>'
                                   '<a href="../a/#fn:1">note</a><a href="../a/">A</a>')
    html = onepage.join([first, second], "brief/", clean=policy.clean).html
    assert 'id="same"' in html and 'id="b-same"' in html
    assert 'href="#b-same"' in html and 'href="#fn:1"' in html and 'href="#a"' in html


def test_join_keeps_one_h1_and_rewrites_other_site_links_for_its_own_address():
    first = onepage.Section("", '<h1 id="t">T</h1><img src="assets/x.png"><a href="elsewhere/">e</a>')
    second = onepage.Section("b/", '<h1 id="b">B</h1><h2 id="c">C</h2><a href="https://example.org/">x</a>')
    joined = onepage.join([first, second], "brief/", clean=policy.clean)
    assert joined.html.count("<h1") == 1 and "<h2 id=\"b\">" in joined.html and "<h3 id=\"c\">" in joined.html
    assert 'src="../assets/x.png"' in joined.html and 'href="../elsewhere/"' in joined.html
    assert 'href="https://example.org/"' in joined.html
    assert [h.id for h in joined.headings] == ["t"] and [h.id for h in joined.headings[0].children] == ["b"]


def test_join_puts_this_editions_preface_after_the_title_and_date():
    first = onepage.Section("", '<h1 id="t">T</h1><p class="brief-date">Date</p><p>Text</p>')
    html = onepage.join([first], "brief/", clean=policy.clean, preface='<div class="preface"></div>').html
    assert normalize(html).index("Date") < html.index("preface") < html.index("Text")


@pytest.mark.parametrize("link", ["../brief/javascript:window.__pwned=1", "../brief/JavaScript:x",
                                  "../brief/java%09script:x", "../../es/brief/vbscript:x"])
def test_join_never_turns_a_relative_link_into_a_script_address(link):
    """A page's relative link that, rewritten for the joined page, would start with a scheme."""
    section = onepage.Section("es/other/", f'<h1 id="o">O</h1><a href="{link}">x</a><img src="{link}">')
    html = onepage.join([section], "es/brief/", clean=policy.clean).html
    for value in LexborHTMLParser(html).css("a, img"):
        address = value.attributes.get("href") or value.attributes.get("src") or ""
        assert policy.url_scheme(address) == "", html


def test_join_passes_every_section_through_the_sanitizer_again():
    seen: list[str] = []
    section = onepage.Section("a/", '<h1 id="a">A</h1><p>x</p>')
    onepage.join([section], "brief/", clean=lambda html: seen.append(html) or html)
    assert len(seen) == 1 and "<p>x</p>" in seen[0]
