"""What reference managers, search engines and link previews read from every built page.

A real extractor (extruct) reads the JSON-LD and OpenGraph data; the Highwire `citation_*` and
Twitter tags are `<meta name=...>` tags, read with the HTML parser the other site tests use.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import extruct
import pytest
from PIL import Image

from pages import ALL_PAGES, LANGUAGE_ROOTS, article, page_path, parse
from sitebuild import DEFAULT_LANGUAGE, LANGUAGES

ORIGINAL_URL = "https://supportkind.org/resources/remain-in-mexico-a-dangerous-and-untenable-proposal/"
KIND = "Kids in Need of Defense"
OG_LOCALES = {"en": "en_US", "es": "es_MX"}
PAGE_PARAMS = [pytest.param(language, page, id=f"{language}-{page.split('/')[0]}")
               for language in LANGUAGES for page in ALL_PAGES]


def extracted(site_dir, language: str, page: str) -> dict:
    path = page_path(site_dir, language, page)
    html = path.read_text(encoding="utf-8")
    return extruct.extract(html, base_url="http://127.0.0.1:8000/", syntaxes=["json-ld", "opengraph"], uniform=True)


def meta_names(site_dir, language: str, page: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for node in parse(page_path(site_dir, language, page)).css("head meta[name]"):
        tags.setdefault(node.attributes["name"], []).append(node.attributes.get("content") or "")
    return tags


def the_report(data: dict) -> dict:
    reports = [item for item in data["json-ld"] if item.get("@type") == "Report"]
    assert len(reports) == 1, f"expected one schema.org Report, found {data['json-ld']}"
    return reports[0]


def open_graph(data: dict) -> dict:
    assert len(data["opengraph"]) == 1
    return data["opengraph"][0]


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_json_ld_describes_the_brief_in_the_pages_language(site_build, language, page):
    report = the_report(extracted(site_build.site_dir, language, page))
    assert report["inLanguage"] == language
    assert report["author"]["name"] == KIND
    assert report["mainEntityOfPage"]["inLanguage"] == language


@pytest.mark.parametrize("page", ALL_PAGES)
def test_english_json_ld_is_kinds_report_of_november_30_2018_at_its_address(site_build, page):
    report = the_report(extracted(site_build.site_dir, DEFAULT_LANGUAGE, page))
    assert (report["url"], report["datePublished"], report["publisher"]["name"]) == (ORIGINAL_URL, "2018-11-30", KIND)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_spanish_json_ld_is_this_editions_translation_of_kinds_report(site_build, page):
    report = the_report(extracted(site_build.site_dir, "es", page))
    original = report["translationOfWork"]
    assert (original["@type"], original["url"], original["datePublished"], original["inLanguage"]) == (
        "Report", ORIGINAL_URL, "2018-11-30", "en")
    assert original["publisher"]["name"] == KIND
    assert report["translator"]["name"] == report["publisher"]["name"] != KIND


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_open_graph_names_the_page_its_locale_and_the_other_language(site_build, language, page):
    og = open_graph(extracted(site_build.site_dir, language, page))
    canonical = parse(page_path(site_build.site_dir, language, page)).css_first("link[rel=canonical]").attributes["href"]
    others = [OG_LOCALES[other] for other in LANGUAGES if other != language]
    assert (og["og:url"], og["og:locale"], og["@type"]) == (canonical, OG_LOCALES[language], "article")
    assert og["og:locale:alternate"] in (others, *others)
    title = parse(page_path(site_build.site_dir, language, page)).css_first("title").text()
    assert og["og:title"] == title


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_preview_description_is_the_pages_own_meta_description(site_build, language, page):
    og = open_graph(extracted(site_build.site_dir, language, page))
    names = meta_names(site_build.site_dir, language, page)
    assert og["og:description"] == names["description"][0] == names["twitter:description"][0]


def test_every_page_has_a_description_of_its_own(site_build):
    descriptions = [meta_names(site_build.site_dir, language, page)["description"][0]
                    for language in LANGUAGES for page in ALL_PAGES]
    assert len(set(descriptions)) == len(descriptions), descriptions


@pytest.mark.parametrize("language", LANGUAGES)
def test_preview_image_is_a_1200_by_630_png_in_the_languages_folder(site_build, language):
    og = open_graph(extracted(site_build.site_dir, language, "index.html"))
    path = site_build.site_dir / urlsplit(og["og:image"]).path.lstrip("/")
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert (image.format, image.size) == ("PNG", (int(og["og:image:width"]), int(og["og:image:height"]))) == ("PNG", (1200, 630))
    assert path.parent.parent.parent == site_build.site_dir / LANGUAGE_ROOTS[language].rstrip("/")


def test_each_language_has_its_own_preview_image(site_build):
    images = {(site_build.site_dir / root / "assets/images/preview.png").read_bytes() for root in LANGUAGE_ROOTS.values()}
    assert len(images) == len(LANGUAGES)


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_page_itself_never_loads_the_preview_image(site_build, language, page):
    tree = parse(page_path(site_build.site_dir, language, page))
    loaded = [node.attributes.get("src") or node.attributes.get("href") for node in tree.css("img, link, source, script")]
    assert not [url for url in loaded if url and "preview.png" in url]


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_twitter_card_is_a_large_image_with_its_alt_text(site_build, language, page):
    names = meta_names(site_build.site_dir, language, page)
    og = open_graph(extracted(site_build.site_dir, language, page))
    assert names["twitter:card"] == ["summary_large_image"]
    assert names["twitter:image"] == [og["og:image"]]
    assert names["twitter:image:alt"][0].startswith(og["og:site_name"])


@pytest.mark.parametrize(("language", "page"), PAGE_PARAMS)
def test_highwire_tags_name_title_author_date_publisher_language_pdf_and_page(site_build, language, page):
    names = meta_names(site_build.site_dir, language, page)
    canonical = parse(page_path(site_build.site_dir, language, page)).css_first("link[rel=canonical]").attributes["href"]
    site_name = open_graph(extracted(site_build.site_dir, language, page))["og:site_name"]
    assert names["citation_title"] == [site_name]
    assert names["citation_author"] == [f"{KIND},"]  # "Last," form: Zotero keeps an institution whole
    assert names["citation_language"] == [language]
    assert names["citation_abstract_html_url"] == [canonical]
    pdf = {"en": "/remain-in-mexico-kind-2018.pdf", "es": "/es/quedate-en-mexico-kind-2018.pdf"}[language]
    assert names["citation_pdf_url"][0].endswith(pdf)
    expected = ("2018/11/30", KIND) if language == DEFAULT_LANGUAGE else (names["citation_publication_date"][0], names["citation_publisher"][0])
    assert (names["citation_publication_date"][0], names["citation_publisher"][0]) == expected
    if language != DEFAULT_LANGUAGE:  # a translation is this edition's, dated when this edition made it
        assert names["citation_publisher"][0] != KIND and names["citation_publication_date"][0] > "2018/11/30"


def test_robots_txt_names_the_sitemap_that_lists_every_page_of_every_language(site_build):
    robots = (site_build.site_dir / "robots.txt").read_text(encoding="utf-8")
    sitemaps = [line.split(":", 1)[1].strip() for line in robots.splitlines() if line.startswith("Sitemap:")]
    assert [urlsplit(url).path for url in sitemaps] == ["/sitemap.xml"]
    listed = (site_build.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for language, root in LANGUAGE_ROOTS.items():
        for page in ALL_PAGES:
            assert f"/{root}{page.removesuffix('index.html')}</loc>" in listed, (language, page)


def test_json_ld_cannot_close_its_script_element():
    from citation.head import script_safe_json

    text = str(script_safe_json({"name": "</script><script>alert(1)</script> & more"}))
    assert "<" not in text and ">" not in text and "&" not in text


def test_about_page_has_the_cite_section_in_each_language(site_build):
    for language in LANGUAGES:
        section = article(parse(page_path(site_build.site_dir, language, "about/index.html")))
        assert section.css_first("h2#cite-this-brief") is not None
        assert len(section.css("dl.edition-citation")) == 2
