"""The site around the brief: languages, alternates, sitemap, search, 404 pages, privacy, strictness."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from pages import ALL_PAGES, LANGUAGE_ROOTS, page_path, parse
from sitebuild import ROOT

# Attributes a reader meets through a screen reader, a tooltip or a missing image.
READER_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
URL_ATTRIBUTES = ("href", "src", "srcset", "data", "poster", "action")


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def english_interface_strings() -> set[str]:
    """Material's English interface strings that a Spanish page must not show."""
    import material

    source = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', source.read_text(encoding="utf-8"), re.M)
    return {
        value
        for key, value in pairs
        if not key.startswith(("search.config", "language", "direction")) and len(value) > 3
    } | {"Jump back to footnote", "Back to note", "Switch to dark mode", "Switch to light mode"}


def test_strict_build_is_clean(site_build):
    assert "WARNING" not in site_build.log
    assert "ERROR" not in site_build.log


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
@pytest.mark.parametrize("page", ALL_PAGES + ["404.html"])
def test_html_lang_matches_the_language(site_build, language, page):
    tree = parse(page_path(site_build.site_dir, language, page))
    assert tree.css_first("html").attributes["lang"] == language


@pytest.mark.parametrize("page", ALL_PAGES + ["404.html"])
def test_spanish_pages_show_no_english_interface_text(site_build, page):
    tree = parse(page_path(site_build.site_dir, "es", page))
    strings = english_interface_strings()
    for element in tree.css("script, style, article"):
        element.decompose()  # the article is checked against the brief; scripts hold no text shown
    shown = tree.body.text(separator="\n")
    attributes = [
        value
        for node in tree.css("*")
        for name, value in node.attributes.items()
        if name in READER_ATTRIBUTES and value
    ]
    for string in strings:
        assert not re.search(rf"(?<!\w){re.escape(string)}(?!\w)", shown), f"{page}: English interface text {string!r}"
        assert string not in attributes, f"{page}: English attribute {string!r}"
    spanish_article = parse(page_path(site_build.site_dir, "es", page)).css_first("article")
    if spanish_article is not None:
        for node in spanish_article.css("[title], [aria-label], [alt]"):
            for name in ("title", "aria-label", "alt"):
                value = node.attributes.get(name) or ""
                assert not re.search(r"\b(the|and|of|to|back|note|jump)\b", value, re.I), (page, value)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_has_hreflang_alternates_with_x_default(site_build, language, page):
    path = page_path(site_build.site_dir, language, page)
    links = {
        node.attributes["hreflang"]: node.attributes["href"]
        for node in parse(path).css("link[hreflang]")
        if "alternate" in node.attributes.get("rel", "").split()
    }
    assert set(links) == {"en", "es", "x-default"}
    page_url = "http://127.0.0.1/" + path.relative_to(site_build.site_dir).as_posix()
    for lang, href in links.items():
        assert href.startswith(("http://", "https://")), f"hreflang {lang} is not a whole URL: {href}"
        target = site_build.site_dir / urlsplit(urljoin(page_url, href)).path.lstrip("/")
        if target.is_dir() or not target.suffix:
            target = target / "index.html"
        wanted = page_path(site_build.site_dir, "en" if lang == "x-default" else lang, page)
        assert target.resolve() == wanted.resolve(), (lang, href)


def test_sitemap_lists_every_page_in_both_languages_with_alternates(site_build):
    sitemap = (site_build.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locations = [urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    for language, prefix in LANGUAGE_ROOTS.items():
        for page in ALL_PAGES:
            wanted = "/" + prefix + page.removesuffix("index.html")
            assert wanted in locations, wanted
    assert sitemap.count('hreflang="es"') >= len(ALL_PAGES) * 2
    assert sitemap.count('hreflang="en"') >= len(ALL_PAGES) * 2


def load_index(site_dir: Path, language: str) -> dict:
    return json.loads((site_dir / LANGUAGE_ROOTS[language] / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_each_language_has_its_own_search_index_with_its_own_pages(site_build, language):
    index = load_index(site_build.site_dir, language)
    assert index["config"]["lang"] == [language]
    assert "stemmer" in index["config"]["pipeline"]
    root = site_build.site_dir / LANGUAGE_ROOTS[language]
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {page.removesuffix("index.html") for page in ALL_PAGES} <= pages
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        target = root / location / "index.html" if location else root / "index.html"
        assert target.is_file(), doc["location"]
        lang = parse(target).css_first("html").attributes["lang"]
        assert lang == language, f"{language} index holds a {lang} page: {doc['location']}"


def test_search_indexes_do_not_share_documents(site_build):
    english = {doc["title"] for doc in load_index(site_build.site_dir, "en")["docs"]}
    spanish = {doc["title"] for doc in load_index(site_build.site_dir, "es")["docs"]}
    assert "Quédate en México: una propuesta peligrosa e insostenible" in spanish
    assert "Remain in Mexico: A Dangerous and Untenable Proposal" in english
    assert "Remain in Mexico: A Dangerous and Untenable Proposal" not in spanish


def test_spanish_pages_point_the_search_at_the_spanish_index(site_build):
    for page in ALL_PAGES:
        html = page_path(site_build.site_dir, "es", page).read_text(encoding="utf-8")
        assert '"/es/")' in html or "/es/\")" in html, page
        english = page_path(site_build.site_dir, "en", page).read_text(encoding="utf-8")
        assert "config.base.replace" not in english


@pytest.mark.parametrize("language,text", [("en", "Page not found"), ("es", "Página no encontrada")])
def test_each_language_has_its_own_404_page(site_build, language, text):
    tree = parse(page_path(site_build.site_dir, language, "404.html"))
    assert tree.css_first("html").attributes["lang"] == language
    assert text.lower() in tree.css_first("article").text().lower() or "404" in tree.css_first("article").text()


def _urls_in_html(tree: HTMLParser) -> list[str]:
    urls = []
    for node in tree.css("*"):
        if node.tag == "a":
            continue  # links a reader may follow are not loaded with the page
        if node.tag == "link" and not set(node.attributes.get("rel", "").split()) & {
            "stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"
        }:
            continue
        for name in URL_ATTRIBUTES:
            value = node.attributes.get(name)
            if value:
                urls += [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
    for style in tree.css("style"):
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", style.text())
    return urls


def test_no_asset_is_loaded_from_another_site(site_build):
    base = "http://127.0.0.1/"
    offsite = []
    for path in html_files(site_build.site_dir):
        for url in _urls_in_html(parse(path)):
            if urlsplit(urljoin(base, url)).netloc != "127.0.0.1":
                offsite.append(f"{path.relative_to(site_build.site_dir)}: {url}")
    for css in site_build.site_dir.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)\s*['\"]?([^'\")\s;]+)", css.read_text("utf-8")):
            if not url.startswith("data:") and urlsplit(urljoin(base, url)).netloc != "127.0.0.1":
                offsite.append(f"{css.relative_to(site_build.site_dir)}: {url}")
    assert not offsite, "\n".join(offsite)


def test_no_google_fonts_or_cdn_in_any_page(site_build):
    for path in html_files(site_build.site_dir):
        html = path.read_text(encoding="utf-8")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com"):
            assert host not in html, f"{path}: {host}"
