"""Who wrote the brief and when, this edition's date and version, at the top of every page; one
record of them (citation.yml) that every date shown comes from, or from git, never the clock.

Also the dated note on the first page and the change log, in both languages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pikepdf
import pytest

from citation import citation_data
from pages import ALL_PAGES, normalize, page_path, parse
from sitebuild import LANGUAGES, ROOT

FACTS = citation_data.load_facts()
LONG_DATES = {"en": "{month} {day}, {year}", "es": "{day} de {month} de {year}"}
MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre"]}
PDFS = {"en": "remain-in-mexico-kind-2018.pdf", "es": "es/quedate-en-mexico-kind-2018.pdf"}
DHS_ANNOUNCEMENT = "https://www.dhs.gov/news/2018/12/20/secretary-nielsen-announces-historic-action-confront-illegal-immigration"
DHS_GUIDANCE = "https://www.dhs.gov/sites/default/files/publications/19_0129_OPA_migrant-protection-protocols-policy-guidance.pdf"


def long_date(day: dt.date, language: str) -> str:
    return LONG_DATES[language].format(month=MONTHS[language][day.month - 1], day=day.day, year=day.year)


def masthead(site_dir, language, page):
    node = parse(page_path(site_dir, language, page)).css_first("section.edition-masthead")
    assert node is not None, f"{language} {page}: no header block"
    return node


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_opens_with_title_author_dates_and_version(site_build, language, page):
    block = masthead(site_build.site_dir, language, page)
    text = normalize(block.text(separator=" "))
    assert "Kids in Need of Defense (KIND)" in text
    assert long_date(FACTS.original.date, language) in text
    assert long_date(FACTS.edition_date, language) in text
    assert FACTS.version in text
    times = [node.attributes["datetime"] for node in block.css("time")]
    assert times == [FACTS.original.date.isoformat(), FACTS.edition_date.isoformat()]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_header_block_links_work_without_script(site_build, language, page):
    block = masthead(site_build.site_dir, language, page)
    cite = block.css_first("details.edition-cite")
    assert cite is not None and cite.css_first("summary") is not None
    styles = [normalize(node.text()) for node in cite.css("dt")]
    assert styles[0] == "APA 7" and styles[1].startswith("Chicago") and styles[2:] == ["BibTeX", "RIS"]
    here = page_path(site_build.site_dir, language, page).parent
    for link in [*cite.css("a[download]"), block.css_first("a[type='application/pdf']")]:
        target = (here / link.attributes["href"]).resolve()
        assert target.is_file(), f"{link.attributes['href']} from {page}"
    # The copy buttons appear only when the script runs; every button has a name of its own.
    buttons = cite.css("button")
    assert buttons and all("hidden" in button.attributes for button in buttons)
    assert len({normalize(button.text()) for button in buttons}) == len(buttons)
    names = [normalize(link.text()) for link in block.css("nav.edition-languages a")]
    assert names == ["English", "Español"]
    current = block.css_first("nav.edition-languages a[aria-current]")
    assert current.attributes["hreflang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_link_gives_the_built_pdfs_size_and_page_count(site_build, language):
    data = (site_build.site_dir / PDFS[language]).read_bytes()
    with pikepdf.open(site_build.site_dir / PDFS[language]) as pdf:
        pages = len(pdf.pages)
    facts = normalize(masthead(site_build.site_dir, language, "index.html").css_first(".edition-pdf-facts").text())
    kilobytes = round(len(data) / 1024)
    assert facts == {"en": f"{kilobytes} KB, {pages} pages", "es": f"{kilobytes} KB, {pages} páginas"}[language]


def test_page_count_reads_weasyprints_compressed_page_tree(site_build):
    from publish.pdf_facts import page_count

    for name in PDFS.values():
        with pikepdf.open(site_build.site_dir / name) as pdf:
            assert page_count((site_build.site_dir / name).read_bytes()) == len(pdf.pages)
    assert page_count(b"%PDF-1.7 nothing here") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_title_page_gives_the_records_date_and_version(site_build, language):
    done = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8",
                           str(site_build.site_dir / PDFS[language]), "-"], capture_output=True, text=True, check=True)
    title_page = normalize(done.stdout)
    assert long_date(FACTS.edition_date, language) in title_page
    assert FACTS.version in title_page


def last_commit_day() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return dt.datetime.fromtimestamp(int(done.stdout), dt.timezone.utc).date().isoformat()


def test_sitemap_is_dated_by_the_last_commit_not_the_clock(site_build):
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site_build.site_dir / "sitemap.xml").read_text()))
    assert dates == {last_commit_day()}


def test_source_date_epoch_falls_back_to_the_editions_date_outside_git(tmp_path):
    from edition.dates import source_date_epoch

    epoch = source_date_epoch(tmp_path, dt.date(2026, 12, 5))
    assert dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() == dt.date(2026, 12, 5)


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_page_has_the_dated_context_note_marked_as_this_editions(site_build, language):
    note = parse(page_path(site_build.site_dir, language, "index.html")).css_first("article .edition-addition")
    assert note is not None
    text = normalize(note.text(separator=" "))
    assert {"en": "Added by this edition", "es": "Añadido por esta edición"}[language] in text
    assert long_date(dt.date(2018, 12, 20), language) in text
    assert {"en": "January 25, 2019", "es": "25 de enero de 2019"}[language] in text
    links = [link.attributes["href"] for link in note.css("a")]
    assert links == [DHS_ANNOUNCEMENT, DHS_GUIDANCE]
    if language == "es":  # the English titles are marked as English; the programme's Spanish name
        assert all(link.css_first("[lang=en]") for link in note.css("a"))
        assert "«Protocolos de Protección a Migrantes»" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_log_gives_the_records_version_rights_and_licence(site_build, language):
    article = parse(page_path(site_build.site_dir, language, "changes/index.html")).css_first("article")
    text = normalize(article.text(separator=" "))
    assert f" {FACTS.version} " in text and long_date(FACTS.edition_date, language) in text
    assert FACTS.rights.original in text
    licence = article.css_first(f'a[href="{FACTS.rights.licence_url}"]')
    assert licence is not None and normalize(licence.text()) == FACTS.rights.licence
    assert "<!-- edition:" not in article.html


def test_the_record_refuses_a_corrections_address_that_is_not_one(tmp_path):
    facts = tmp_path / "citation.yml"
    text = (ROOT / "citation.yml").read_text(encoding="utf-8").replace('corrections: ""', "corrections: write to us")
    facts.write_text(text, encoding="utf-8")
    with pytest.raises(citation_data.CitationError, match="edition.corrections is not an https: or mailto: address"):
        citation_data.load_facts(facts)


def run_build(*args: str, site_url: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "site.py"), "build", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("site_url", [None, "http://127.0.0.1:8000/", "example.org"])
def test_a_build_for_publishing_needs_the_sites_public_address(tmp_path, site_url):
    done = run_build("--site-dir", str(tmp_path / "site"), site_url=site_url)
    assert done.returncode == 2
    # One line says why (an install of the pinned requirements may speak before it, on a first run).
    reasons = [line for line in done.stderr.splitlines() if "cannot run" in line]
    assert len(reasons) == 1 and reasons[0].startswith("scripts/site.py build: cannot run: SITE_URL")
    assert done.stderr.rstrip("\n").endswith(reasons[0])
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_carries_the_context_note_and_the_change_log(site_build, language):
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(site_build.site_dir / PDFS[language]), "-"],
                          capture_output=True, text=True, check=True)
    text = normalize(done.stdout)
    assert {"en": "\"Migrant Protection Protocols\"", "es": "«Protocolos de Protección a Migrantes»"}[language] in text
    assert {"en": "Changes in this edition", "es": "Cambios en esta edición"}[language] in text
