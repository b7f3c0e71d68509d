"""The PDF of the whole brief in each language, as `mkdocs build` makes it (scripts/publish/)."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pikepdf
import pytest

from pages import (
    ALL_PAGES,
    BRIEF_PAGES,
    LANGUAGE_ROOTS,
    article,
    normalize,
    original_sentences,
    page_path,
    parse,
)
from sitebuild import ROOT

# extra.edition.pdf_file of each language in mkdocs.yml, in the language's folder.
PDF_FILES = {"en": "remain-in-mexico-kind-2018.pdf", "es": "es/quedate-en-mexico-kind-2018.pdf"}
TITLES = {
    "en": "Remain in Mexico: A Dangerous and Untenable Proposal",
    "es": "Quédate en México: una propuesta peligrosa e insostenible",
}
PUBLISHED = {"en": "November 30, 2018", "es": "30 de noviembre de 2018"}
TRANSLATION_NOTICE = "Traducción de esta edición: KIND publicó este informe solo en inglés."
PUBLISHER = "Kids in Need of Defense (KIND)"
# pdf.py prints each outside address after its link text, between angle brackets.
PRINTED_ADDRESS = re.compile(r"\s*<https?://[^>]*>", re.DOTALL)


def pdf_path(site_dir: Path, language: str) -> Path:
    return site_dir / PDF_FILES[language]


@cache
def _pdftotext(path: Path, first: int | None, last: int | None) -> str:
    # -raw: the content's order, and a hyphen at a line's end kept (the default drops it, which
    # breaks addresses such as .../childhood-cut-short-report-sgbv/).
    command = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


# The running title each page after the first carries (mkdocs.yml, extra.edition.short_title).
RUNNING_TITLES = {"en": "Remain in Mexico", "es": "Quédate en México"}


def _without_page_furniture(page: str, language: str) -> str:
    """A page's text without what pdftotext -raw reads after its body: the running title and the
    section's name, the page number, and the labels of the notes it holds; so that a sentence
    across two pages reads whole."""
    lines = page.rstrip("\n").split("\n")
    if lines and re.fullmatch(r"\d+ / \d+", lines[-1]):
        lines.pop()
        tail = [i for i in range(max(0, len(lines) - 4), len(lines)) if lines[i].startswith(RUNNING_TITLES[language])]
        if tail:
            lines = lines[:tail[0]]
        while lines and re.fullmatch(r"\d+\.", lines[-1]):
            lines.pop()
    return "\n".join(lines)


def pdf_text(site_dir: Path, language: str, *, page: int | None = None) -> str:
    """The PDF's text as pdftotext reads it, page furniture left out; an address wrapped over lines
    is joined again."""
    text = _pdftotext(pdf_path(site_dir, language), page, page)
    if page is None:
        text = "\n".join(_without_page_furniture(sheet, language) for sheet in text.split("\f"))
    text = re.sub(r"<[^<>]*>", lambda match: re.sub(r"\s+", "", match.group(0)), text)
    return re.sub(r"-\n", "-", text)


def text_without_addresses(site_dir: Path, language: str) -> str:
    return normalize(PRINTED_ADDRESS.sub("", pdf_text(site_dir, language)))


def open_pdf(site_dir: Path, language: str) -> pikepdf.Pdf:
    return pikepdf.open(pdf_path(site_dir, language))


def heading_text(node) -> str:
    for link in node.css("a.headerlink"):
        link.decompose()
    return normalize(node.text())


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_build_makes_a_pdf_per_language_within_400_kb(site_build, language):
    path = pdf_path(site_build.site_dir, language)
    assert path.read_bytes().startswith(b"%PDF-1.7")
    assert path.stat().st_size <= 400 * 1024


def test_every_sentence_of_the_original_is_in_the_english_pdf(site_build):
    text = text_without_addresses(site_build.site_dir, "en")
    missing = [sentence for sentence in original_sentences() if sentence not in text]
    assert not missing, "sentences of the brief missing from the English PDF:\n" + "\n".join(missing)


def spanish_paragraphs(site_dir: Path) -> list[str]:
    """Every paragraph and list item of the Spanish pages, as the reader sees it (notes included)."""
    paragraphs = []
    for page in ALL_PAGES:
        node = article(parse(page_path(site_dir, "es", page)))
        # The PDF's title page gives the title; back-links and permalinks are the screen's.
        for element in node.css("h1, a.headerlink, a.footnote-backref"):
            element.decompose()
        for block in node.css("p, li"):
            if block.css_first("p") is None:  # a list item's own paragraphs are counted once
                paragraphs.append(normalize(block.text(separator="")))
    return [paragraph for paragraph in paragraphs if paragraph]


def test_every_spanish_paragraph_is_in_the_spanish_pdf(site_build):
    text = text_without_addresses(site_build.site_dir, "es")
    paragraphs = spanish_paragraphs(site_build.site_dir)
    assert len(paragraphs) > 30
    missing = [paragraph for paragraph in paragraphs if paragraph not in text]
    assert not missing, "Spanish paragraphs missing from the Spanish PDF:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_title_page_names_the_brief_its_publisher_date_and_this_edition(site_build, language):
    title_page = normalize(pdf_text(site_build.site_dir, language, page=1))
    assert TITLES[language] in title_page
    assert PUBLISHER in title_page
    assert PUBLISHED[language] in title_page
    home = parse(page_path(site_build.site_dir, language, "index.html")).css_first("link[rel=canonical]")
    assert home.attributes["href"] in title_page  # this edition's address in this language
    assert (TRANSLATION_NOTICE in title_page) == (language == "es")


def link_annotation_uris(pdf: pikepdf.Pdf) -> set[str]:
    uris = set()
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get("/A")
            if annotation.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                uris.add(str(action.URI))
    return uris


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_notes_source_address_is_printed_and_is_a_link(site_build, language):
    uris = link_annotation_uris(open_pdf(site_build.site_dir, language))
    printed = normalize(re.sub(r"\s+", "", pdf_text(site_build.site_dir, language)))
    for page in BRIEF_PAGES:
        for link in parse(page_path(site_build.site_dir, language, page)).css("div.footnote a[href^='http']"):
            address = link.attributes["href"]
            assert address in uris, f"{page}: {address} is no link in the PDF"
            # After the link text, or as the link's own text.
            assert address in printed, f"{page}: {address} is not printed"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_notes_carry_the_briefs_numbers_in_the_pdf(site_build, language):
    # pdftotext's default (reading) mode puts each list number before its item.
    layout = normalize(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path(site_build.site_dir, language)), "-"],
                                      check=True, capture_output=True, text=True).stdout)
    for page, numbers in BRIEF_PAGES.items():
        notes = parse(page_path(site_build.site_dir, language, page)).css("div.footnote li")
        for number, note in zip(numbers, notes, strict=True):
            start = " ".join(re.findall(r"\w+", normalize(note.text()))[:2])
            assert f"{number}. {start}" in layout, f"note {number} of {page} is not numbered {number}"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_restored_notes_are_marked_in_the_pdf(site_build, language):
    marker = {"en": "Restored by this edition", "es": "restaurada por esta edición"}[language]
    assert normalize(pdf_text(site_build.site_dir, language)).count(marker) >= 1
    for page in BRIEF_PAGES:
        for inserted in parse(page_path(site_build.site_dir, language, page)).css("div.footnote ins"):
            # Compared without white space: an address given as its own text wraps over lines.
            restored = re.sub(r"\s+", "", normalize(inserted.text()))
            assert restored in re.sub(r"\s+", "", text_without_addresses(site_build.site_dir, language))


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_outline_has_an_entry_per_section_in_order(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf, pdf.open_outline() as outline:
        entries = [normalize(str(item.title)) for item in outline.root]
    sections = [heading_text(parse(page_path(site_build.site_dir, language, page)).css_first("article h1"))
                for page in ALL_PAGES]
    assert entries == sections


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_pdf_says_its_title_author_and_language(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf:
        assert str(pdf.Root.Lang) == language
        assert str(pdf.docinfo.Title) == TITLES[language]
        assert str(pdf.docinfo.Author) == PUBLISHER
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_pdf_is_tagged_for_pdf_ua_1(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        tree = pdf.Root.StructTreeRoot
        assert len(tree.K) > 0
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"


def structure_roles(pdf: pikepdf.Pdf) -> set[str]:
    roles, stack = set(), [pdf.Root.StructTreeRoot.K]
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Array):
            stack.extend(element)
        elif isinstance(element, pikepdf.Dictionary):
            if "/S" in element:
                roles.add(str(element.S))
            if "/K" in element:
                stack.append(element.K)
    return roles


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_structure_tree_has_headings_paragraphs_lists_and_links(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf:
        roles = structure_roles(pdf)
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= roles, roles


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_font_is_embedded(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf:
        descriptors = [obj for obj in pdf.objects
                       if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"]
        assert descriptors
        for descriptor in descriptors:
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), descriptor.FontName


def test_the_pdfs_are_linked_from_every_page_in_its_language(site_build):
    for language, root in LANGUAGE_ROOTS.items():
        for page in [*ALL_PAGES, "brief/index.html"]:
            tree = parse(page_path(site_build.site_dir, language, page))
            links = [a.attributes["href"] for a in tree.css("nav.edition-downloads a[type='application/pdf']")]
            assert len(links) == 1, (language, page)
            target = (page_path(site_build.site_dir, language, page).parent / links[0]).resolve()
            assert target == pdf_path(site_build.site_dir, language).resolve(), (language, page)


def test_the_pdf_stylesheet_names_only_fonts_from_debian_packages():
    stylesheet = (ROOT / "scripts" / "publish" / "pdf.css").read_text(encoding="utf-8")
    assert "url(" not in stylesheet
    families = set(re.findall(r'"([^"]+)",\s*(?:serif|sans-serif)', stylesheet))
    assert families == {"DejaVu Serif", "DejaVu Sans"}


def test_the_pdf_reads_the_built_sites_files_and_fetches_nothing_else(tmp_path):
    from publish.pdf import site_files_only

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "logo.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("not the site's")
    fetch = site_files_only("https://example.org/edition/", site)
    assert fetch("https://example.org/edition/assets/logo.svg").read() == b"<svg/>"
    assert fetch((site / "assets" / "logo.svg").as_uri()).read() == b"<svg/>"
    for url in ("https://tracker.example.com/pixel.png",  # another host: never asked
                "http://example.org/edition/assets/logo.svg",  # the site's host, another scheme
                "https://example.org/edition/../secret.txt",
                (tmp_path / "secret.txt").as_uri(),
                "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetch(url)


@pytest.mark.parametrize("name", ["../../outside.pdf", "/tmp/x.pdf", "brief.html", "es/x.pdf", ""])
def test_a_pdf_file_name_from_mkdocs_yml_cannot_leave_the_language_folder(name):
    from publish.pdf import PDF_FILE_NAME

    assert not PDF_FILE_NAME.fullmatch(name)
    assert PDF_FILE_NAME.fullmatch("remain-in-mexico-kind-2018.pdf")


def _job(tmp_path: Path, fragment: str = "<p>Text</p>", day: int = 1):
    from datetime import date

    from publish.pdf import Edition, Job

    edition = Edition(language="en", title="T", short_title="S", publisher="P", published="N",
                      address="https://example.org/", edition_label="E", notes_label="Notes", edited=date(2026, 1, day))
    return Job(edition, fragment, base_url="https://example.org/brief/", site_url="https://example.org/",
               site_dir=tmp_path, target=tmp_path / "out.pdf")


def test_a_kept_pdf_is_reused_only_while_everything_it_is_made_of_is_unchanged(tmp_path):
    from publish.pdf_cache import PdfCache

    cache = PdfCache(tmp_path / "cache")
    key = PdfCache.key(_job(tmp_path).inputs())
    assert key == PdfCache.key(_job(tmp_path).inputs())
    assert key != PdfCache.key(_job(tmp_path, fragment="<p>Text.</p>").inputs())
    assert key != PdfCache.key(_job(tmp_path, day=2).inputs())  # the edition's date is on the title page
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7 made")
    assert cache.copy_to(key, tmp_path / "first.pdf") is None
    cache.keep(key, made)
    assert cache.copy_to(key, tmp_path / "copy.pdf") == len(b"%PDF-1.7 made")


def test_an_image_of_the_site_changes_the_pdfs_inputs(tmp_path):
    from publish.pdf_cache import PdfCache

    (tmp_path / "figure.png").write_bytes(b"one")
    job = _job(tmp_path, fragment='<img src="../figure.png" alt="">')
    before = PdfCache.key(job.inputs())
    (tmp_path / "figure.png").write_bytes(b"two")
    assert PdfCache.key(job.inputs()) != before


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path):
    from publish.pdf_cache import PdfCache

    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF")
    old = PdfCache(tmp_path / "cache")
    old.keep("old", made)
    new = PdfCache(tmp_path / "cache")
    new.copy_to("new", tmp_path / "x.pdf")
    new.keep("new", made)
    new.forget_unused()
    assert sorted(path.stem for path in (tmp_path / "cache").glob("*.pdf")) == ["new"]


def test_a_link_whose_text_is_its_address_is_marked_and_no_other():
    from publish.addresses import mark_shown_addresses

    marked = mark_shown_addresses(
        '<a href="https://www.gob.mx/difnacional">https://www.gob.mx/difnacional</a> '
        '<a class="x" href="https://a.example/?q=1&amp;r=2">https://a.example/?q=1&amp;r=2</a> '
        '<a href="https://b.example/">UNHCR text</a> <a href="../about/">../about/</a>')
    assert marked == (
        '<a href="https://www.gob.mx/difnacional" class="edition-address">https://www.gob.mx/difnacional</a> '
        '<a class="x edition-address" href="https://a.example/?q=1&amp;r=2">https://a.example/?q=1&amp;r=2</a> '
        '<a href="https://b.example/">UNHCR text</a> <a href="../about/">../about/</a>')


def test_the_pdf_prints_an_address_after_its_link_text_and_never_twice():
    from publish.pdf import _show_addresses

    shown = _show_addresses('<a href="https://b.example/">UNHCR text</a> '
                            '<a href="https://c.example/" class="edition-address">https://c.example/</a>')
    assert shown == ('<a href="https://b.example/">UNHCR text</a><span class="source-address"> &lt;'
                     '<a href="https://b.example/">https://b.example/</a>&gt;</span> '
                     '<a href="https://c.example/" class="edition-address">https://c.example/</a>')


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT / "scripts", capture_output=True, text=True,
                          timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the direct library names are Linux's")
def test_weasyprint_loads_without_searching_for_its_libraries():
    """ctypes.util.find_library runs ldconfig, gcc and ld for each name: half of WeasyPrint's start-up."""
    done = _python("import ctypes.util\n"
                   "asked = []\n"
                   "ctypes.util.find_library = lambda name: asked.append(name)\n"
                   "from publish import pdf\n"
                   "weasyprint = pdf.load_weasyprint()\n"
                   "print(len(asked), weasyprint.HTML(string='<p>x</p>').write_pdf()[:5])\n")
    assert done.stdout.split() == ["0", "b'%PDF-'"], done.stderr


def test_weasyprint_still_loads_where_its_libraries_need_searching_for():
    done = _python("import contextlib, sys\n"
                   "from publish import pdf\n"
                   "@contextlib.contextmanager\n"
                   "def libraries_not_found():\n"  # as on a system whose libraries the linker doesn't find
                   "    sys.modules['weasyprint.text.ffi'] = None\n"
                   "    yield\n"
                   "pdf._libraries_by_their_own_names = libraries_not_found\n"
                   "weasyprint = pdf.load_weasyprint()\n"
                   "print(weasyprint.HTML(string='<p>x</p>').write_pdf()[:5])\n")
    assert done.stdout.split() == ["b'%PDF-'"], done.stderr


def test_the_pdf_names_the_site_files_it_reads_before_they_are_written(tmp_path):
    """The build copies them ahead of MkDocs (scripts/edition_plugins/publish.py): the PDF starts before MkDocs writes."""
    job = _job(tmp_path, fragment='<img src="../figure.png" alt=""><img src="https://elsewhere.example/x.png" alt="">')
    assert job.site_files_read() == {(tmp_path / "figure.png").resolve()}
