"""The PDFs' tags and layout, checked against the Matterhorn protocol's conditions (PDF/UA-1).

veraPDF, the full validator, is Java and on no registry reached here: these tests check, on the
built PDFs, each condition this edition fixed in WeasyPrint's tag tree (scripts/publish/pdf_tags.py)
and the page layout (scripts/publish/pdf.css), and run pdfua, which checks 16 rules of its own.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html import unescape

import pikepdf
import pytest

from pages import LANGUAGE_ROOTS, page_path, parse
from test_publish_pdf import open_pdf, pdf_path

NOTE_WORDS = {"en": "Note", "es": "Nota"}
LINK_WORDS = {"en": "Link to ", "es": "Enlace a "}


def struct_elements(pdf: pikepdf.Pdf):
    """Every structure element reachable from the tree's root, with its parent's role."""
    stack = [(pdf.Root.StructTreeRoot.K, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, parent) for kid in node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node, parent
            if "/K" in node:
                stack.append((node.K, node))


def kids(element: pikepdf.Dictionary) -> list:
    k = element.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def marked_content(page: pikepdf.Page):
    """(tag, properties) of each marked-content sequence the page's content stream opens."""
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC":
            yield str(operands[0]), operands[1]
        elif str(operator) == "BMC":
            yield str(operands[0]), None


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_running_headers_and_page_numbers_are_pagination_artifacts(site_build, language):
    """Matterhorn 18-001: no page content belongs to a structure element outside the tree."""
    with open_pdf(site_build.site_dir, language) as pdf:
        reachable = {element.objgen for element, _ in struct_elements(pdf)}
        parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
        mapping = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for number, page in enumerate(pdf.pages):
            footers = headers = 0
            for tag, properties in marked_content(page):
                if tag == "/Artifact" and isinstance(properties, pikepdf.Dictionary):
                    if properties.get("/Type") == "/Pagination":
                        footers += properties.get("/Subtype") == "/Footer"
                        headers += properties.get("/Subtype") == "/Header"
                elif isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    owner = mapping[int(page.obj.StructParents)][int(properties.MCID)]
                    assert owner.objgen in reachable, f"page {number + 1}: MCID {properties.MCID} outside the tree"
            assert footers >= 1, f"page {number + 1}: its page number is not a pagination artifact"
            if number > 0:  # the title page has no running header
                assert headers >= 1, f"page {number + 1}: its running header is not a pagination artifact"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_list_item_is_a_label_and_a_body(site_build, language):
    """ISO 32000-1 14.8.4.3.3 (PDF/UA-1 7.2): LI holds Lbl and LBody, nothing else."""
    with open_pdf(site_build.site_dir, language) as pdf:
        items = [element for element, _ in struct_elements(pdf) if element.S == "/LI"]
        assert items
        for item in items:
            roles = [str(kid.S) for kid in kids(item) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
            assert set(roles) <= {"/Lbl", "/LBody"} and "/LBody" in roles, roles


def html_passages(site_dir, language: str) -> Counter:
    """The passages the one-page brief marks as being in another language than its own."""
    article = parse(page_path(site_dir, language, "brief/index.html")).css_first("article")
    found = Counter()
    for node in article.css("[lang]"):
        classes = node.attributes.get("class") or ""
        if "headerlink" in classes or node.attributes["lang"] == language:
            continue
        found[node.attributes["lang"]] += 1
    return found


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_marked_passage_keeps_its_language(site_build, language):
    """Matterhorn 11-006: a passage in another language says which (the Spanish PDF's English titles)."""
    with open_pdf(site_build.site_dir, language) as pdf:
        assert str(pdf.Root.Lang) == language
        outermost = Counter()
        for element, parent in struct_elements(pdf):
            if "/Lang" in element and (parent is None or "/Lang" not in parent):
                outermost[str(element.Lang)] += 1
    wanted = html_passages(site_build.site_dir, language)
    for other, count in wanted.items():
        assert outermost[other] >= count, (other, outermost, wanted)
    if language == "es":
        assert wanted["en"] >= 10  # the cited English titles and laws


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_each_note_is_a_note_with_a_unique_id(site_build, language):
    """Matterhorn 19-003: each of the brief's six notes is a Note whose /ID the ID tree lists."""
    with open_pdf(site_build.site_dir, language) as pdf:
        notes = [element for element, _ in struct_elements(pdf) if element.S == "/Note"]
        ids = [str(note.ID) for note in notes]
        assert len(ids) == 6 and len(set(ids)) == 6, ids
        names = pdf.Root.StructTreeRoot.IDTree.Names
        listed = {str(names[i]): names[i + 1].objgen for i in range(0, len(names), 2)}
        assert listed == {str(note.ID): note.objgen for note in notes}


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_each_sections_notes_have_a_heading(site_build, language):
    html = parse(page_path(site_build.site_dir, language, "brief/index.html"))
    sections_with_notes = len(html.css("article div.footnote"))
    headings_in_html = len(html.css("article h3"))
    with open_pdf(site_build.site_dir, language) as pdf:
        h3 = sum(1 for element, _ in struct_elements(pdf) if element.S == "/H3")
    assert sections_with_notes >= 3
    assert h3 == headings_in_html + sections_with_notes


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_links_say_where_they_go_in_the_pdfs_language(site_build, language):
    """Matterhorn 28-011 (and WCAG 2.4.4): a link's description is neither an address nor an anchor."""
    with open_pdf(site_build.site_dir, language) as pdf:
        descriptions = [str(annotation.Contents) for page in pdf.pages for annotation in page.get("/Annots", [])
                        if annotation.get("/Subtype") == "/Link"]
    assert len(descriptions) > 50
    for description in descriptions:
        assert "://" not in description and not description.startswith(("fn:", "fnref:", "#")), description
    notes = {d for d in descriptions if d.startswith(NOTE_WORDS[language] + " ")}
    assert notes == {f"{NOTE_WORDS[language]} {n}" for n in range(1, 7)}
    outside = [d for d in descriptions if d.startswith(LINK_WORDS[language])]
    assert len(outside) > 40
    assert all(re.match(rf"{LINK_WORDS[language]}[a-z0-9.-]+\.[a-z0-9]+(:|$)", d) for d in outside), outside


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_bookmarks_show_when_the_pdf_opens(site_build, language):
    with open_pdf(site_build.site_dir, language) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
        assert len(list(pdf.open_outline().root)) > 3


WORD_BOX = re.compile(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>')


def word_boxes(path, page: int, *, left_of: float = 1e9) -> list[tuple[float, float, str]]:
    """(yMin, yMax, word) of each word of a page that starts left of `left_of`, from pdftotext's boxes."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [(float(y1), float(y2), unescape(word)) for x1, y1, y2, word in WORD_BOX.findall(out)
            if float(x1) < left_of]


def page_count(path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_the_running_title_keeps_one_line(site_build, language):
    path = pdf_path(site_build.site_dir, language)
    short_title = {"en": "Remain in Mexico", "es": "Quédate en México"}[language].split()
    for page in range(2, page_count(path) + 1):
        top = [(y, word) for y, _, word in word_boxes(path, page, left_of=200) if y < 60]
        lines = {y for y, word in top if word in short_title}
        assert len(lines) == 1, f"page {page}: the running title wraps over {len(lines)} lines"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_no_page_is_left_mostly_blank(site_build, language):
    """A page ends with less than half its height used only where a part of the PDF ends."""
    path = pdf_path(site_build.site_dir, language)
    pages = page_count(path)
    starts_part = {1}
    headings = {"en": ("Sources", "About this edition"), "es": ("Fuentes", "Acerca de esta edición")}[language]
    for page in range(2, pages + 1):
        text = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(path), "-"],
                              check=True, capture_output=True, text=True).stdout
        if any(re.search(rf"^{re.escape(heading)}$", text, re.M) for heading in headings):
            starts_part.add(page)
    for page in range(2, pages):
        if page + 1 in starts_part:
            continue
        body = [y2 for y1, y2, _ in word_boxes(path, page) if 60 < y1 < 740]
        assert body and max(body) > 400, f"page {page} of {pages} is mostly blank"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_a_citation_label_never_ends_a_page(site_build, language):
    path = pdf_path(site_build.site_dir, language)
    labels = {" ".join(node.text().split()) for node in
              parse(page_path(site_build.site_dir, language, "about/index.html")).css("dl.edition-citation dt")}
    assert labels
    for page in range(1, page_count(path) + 1):
        body = [(y1, word) for y1, _, word in word_boxes(path, page) if 60 < y1 < 740]
        if not body:
            continue
        last_line = max(y for y, _ in body)
        words = " ".join(word for y, word in body if abs(y - last_line) < 2)
        assert words not in labels, f"page {page} ends with the label {words!r}"


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_a_page_reference_in_a_note_is_never_split(site_build, language):
    text = subprocess.run(["pdftotext", "-raw", str(pdf_path(site_build.site_dir, language)), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert re.search(r"\b(at|p\.)\s\d", text)
    assert not re.search(r"\b(at|p\.|pp\.)\n\d", text)


def test_page_references_are_bound_in_the_pdfs_html():
    from publish.pdf import _keep_page_references_together

    assert _keep_page_references_together("Refugees, at 4; p. 12; pp. 3-4; flat 4") == \
        "Refugees, at\u00a04; p.\u00a012; pp.\u00a03-4; flat 4"


def test_link_descriptions_name_the_place():
    from publish.pdf_tags import LinkWords

    words = LinkWords(note="Nota {n}", link_to="Enlace a {host}")
    assert words.describe("#fn:3", "3") == "Nota 3"
    assert words.describe("https://www.hrw.org/report/x", "Closed Doors") == "Enlace a hrw.org: Closed Doors"
    assert words.describe("https://www.hrw.org/report/x", "https://www.hrw.org/report/x") == "Enlace a hrw.org"
    assert words.describe("mailto:editor@example.org", "write") == "editor@example.org"
    assert words.describe("#sources", "Fuentes") == "Fuentes"


def _pdfua_as_integer(value):
    """pdfua 0.1.3's as_integer asks a pikepdf Array for `is_integer`, which pikepdf answers with a
    ValueError (not AttributeError): its empty-heading rule is then skipped on any heading whose /K
    is an array. This reads the number the way the function means to."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, pikepdf.Object) and value._type_code == pikepdf.ObjectType.integer:
        return int(value)
    return None


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_a_pdf_ua_1_checker_runs_every_rule_and_finds_nothing(site_build, language, monkeypatch):
    """pdfua checks 16 of PDF/UA-1's 106 machine-checkable rules: no conformance claim, a second
    opinion. A rule it skips (an error inside it) fails this test."""
    import pdfua
    from pdfua.rules import structure

    monkeypatch.setattr(structure, "as_integer", _pdfua_as_integer)
    report = pdfua.validate(str(pdf_path(site_build.site_dir, language)))
    skipped = [f"{outcome.rule_id}: {outcome.skipped_reason}" for outcome in report.outcomes if outcome.skipped]
    assert not skipped
    assert not report.findings, [f"{finding.rule_id}: {finding.message}" for finding in report.findings]
    assert len(report.outcomes) >= 12
