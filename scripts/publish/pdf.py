"""The PDF of the whole brief in one language: title page, sections, notes, Sources, About.

WeasyPrint writes it as tagged PDF/UA-1 (structure tree, `/Lang`, title shown as the window's
title), with the document's title, author and language in its metadata, a bookmark outline by
section, running headers and page numbers (`pdf.css`). Fonts come from Debian's fonts-dejavu-core
through fontconfig and are embedded (subset). Nothing is fetched: `SiteFilesOnly` serves the
built site's own files for the site's addresses and refuses every other URL.
"""

from __future__ import annotations

import html
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from publish import addresses
from publish.pdf_tags import LinkWords, TagRefiner

STYLESHEET = Path(__file__).with_name("pdf.css")
# The font files pdf.css names (Debian: fonts-dejavu-core); fontconfig finds them by family name.
FONT_FILES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


# extra.edition.pdf_file: a plain file name, written in the language's folder and nowhere else.
PDF_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.pdf")


class PublishError(Exception):
    """The PDF could not be made: said in one line."""


@dataclass(frozen=True)
class Edition:
    """What the title page, the header and the metadata say, in the PDF's language."""

    language: str
    title: str
    short_title: str
    publisher: str
    published: str  # the original's date, as the language writes it
    address: str  # this edition's address in this language
    edition_label: str  # "This edition" / "Esta edición"
    notes_label: str  # the heading over each section's notes
    notice: str = ""  # the translation notice (translated editions only)
    description: str = ""
    edited: date | None = None  # this edition's date, from its record (citation.yml), never the clock
    version: str = ""  # "version 1.1", in the PDF's language
    link_words: LinkWords = LinkWords()  # how the PDF's links are described to screen readers

    @classmethod
    def from_settings(cls, language: str, settings: dict, *, title: str, publisher: str, description: str,
                      address: str, edited: date | None = None, version: str = "") -> "Edition":
        """From `extra.edition` of the language in mkdocs.yml, dated and numbered by the edition's record."""
        label = settings.get("version_label", "")
        return cls(
            language=language, title=title, short_title=settings.get("short_title") or title,
            publisher=publisher, published=settings.get("published", ""), address=address,
            edition_label=settings.get("edition_label", ""), notes_label=settings.get("notes_label", ""),
            notice=settings.get("translation_notice") or "", description=description, edited=edited,
            version=f"{label} {version}".strip() if version else "", link_words=LinkWords.from_settings(settings),
        )


def long_date(day: date, language: str) -> str:
    months = MONTHS.get(language)
    if months is None:
        return day.isoformat()
    month = months.split()[day.month - 1]
    return f"{day.day} de {month} de {day.year}" if language == "es" else f"{month} {day.day}, {day.year}"


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot close the string or the <style> element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;-'" else f"\\{ord(c):x} " for c in text) + '"'


def _show_addresses(fragment: str) -> str:
    """Print each outside address after its link text, as a link of its own: paper keeps the source."""

    def add_address(match: re.Match) -> str:
        opening, href, text = match.groups()
        if addresses.shows_its_address(href, text):
            return match.group(0)
        return (f'{opening}{text}</a><span class="source-address"> &lt;<a href="{href}">{href}</a>&gt;</span>')

    return addresses.EXTERNAL_LINK.sub(add_address, fragment)


# "at 4", "p. 4", "pp. 4-5": a page reference in a note is not split over two lines.
PAGE_REFERENCE_SPACE = re.compile(r"\b(at|p\.|pp\.) (?=\d)")


def _keep_page_references_together(fragment: str) -> str:
    return PAGE_REFERENCE_SPACE.sub("\\1\u00a0", fragment)


def _without_repeated_title(fragment: str) -> str:
    """The title page carries the title: drop the first section's own (its date line stays)."""
    tree = LexborHTMLParser(fragment)
    heading = tree.body.css_first("h1")
    if heading is not None:
        heading.decompose()
    return tree.body.inner_html


def document_html(edition: Edition, fragment: str) -> str:
    """The PDF's HTML: title page, then the joined sections (scripts/publish/onepage.py)."""
    e = {name: html.escape(str(value), quote=True) for name, value in vars(edition).items() if name != "link_words"}
    edited = ", " + html.escape(long_date(edition.edited, edition.language)) if edition.edited else ""
    edited += f", {e['version']}" if edition.version else ""
    notice = f'<p class="title-page__notice">{e["notice"]}</p>' if edition.notice else ""
    body = _keep_page_references_together(_show_addresses(_without_repeated_title(fragment)))
    body = body.replace('<div class="footnote">',
                        f'<div class="footnote"><h3 class="footnote__title">{e["notes_label"]}</h3>')
    return f"""<!DOCTYPE html>
<html lang="{e['language']}">
<head>
<meta charset="utf-8">
<title>{e['title']}</title>
<meta name="author" content="{e['publisher']}">
<meta name="description" content="{e['description']}">
<meta name="generator" content="WeasyPrint">
<style>
@page {{ @top-left {{ content: {_css_string(edition.short_title)}; }} }}
@page :first {{ @top-left {{ content: none; }} }}
</style>
</head>
<body>
<section class="title-page">
<p class="title-page__publisher">{e['publisher']}</p>
<h1 class="title-page__title">{e['title']}</h1>
<p class="title-page__date">{e['published']}</p>
{notice}
<p class="title-page__edition">{e['edition_label']}: <a href="{e['address']}">{e['address']}</a>{edited}</p>
</section>
{body}
</body>
</html>"""


def _site_path(url: str, site_url: str, site_dir: Path) -> Path:
    """Where the built site keeps `url` (a site address or a file: URL); ValueError for anything else."""
    root = site_dir.resolve()
    site, parts = urlsplit(site_url), urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path)).resolve()
    elif (parts.scheme, parts.netloc) == (site.scheme, site.netloc) and parts.path.startswith(site.path):
        path = (root / unquote(parts.path[len(site.path):])).resolve()
        if parts.path.endswith("/"):
            path = path / "index.html"
    else:
        raise ValueError(f"not fetched (the PDF reads only the built site's files): {url}")
    if not path.is_relative_to(root):
        raise ValueError(f"not a file of the built site: {url}")
    return path


def site_file(url: str, site_url: str, site_dir: Path) -> Path:
    """The built site's file at `url` (a site address or a file: URL); ValueError for anything else."""
    path = _site_path(url, site_url, site_dir)
    if not path.is_file():
        raise ValueError(f"not a file of the built site: {url}")
    return path


def site_files_only(site_url: str, site_dir: Path):
    """A WeasyPrint URL fetcher that reads the built site's own files and fetches nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesOnly(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            path = site_file(url, site_url, site_dir)
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return SiteFilesOnly(allowed_protocols={"file", "http", "https"})


def missing_fonts() -> list[Path]:
    return [path for path in FONT_FILES if not path.is_file()]


@dataclass(frozen=True)
class Job:
    """One PDF to make: the joined brief (`fragment`, written for the page at `base_url`)."""

    edition: Edition
    fragment: str
    base_url: str
    site_url: str
    site_dir: Path
    target: Path

    def inputs(self) -> list[bytes]:
        """Everything the PDF is made of, for the cache (scripts/publish/pdf_cache.py)."""
        from importlib.metadata import version

        code = [Path(__file__).read_bytes(), Path(__file__).with_name("pdf_tags.py").read_bytes()]
        parts = [*code, document_html(self.edition, self.fragment).encode(), STYLESHEET.read_bytes(),
                 self.base_url.encode(), f"weasyprint {version('weasyprint')}, pydyf {version('pydyf')}".encode()]
        parts += [f"{path} {path.stat().st_size} {path.stat().st_mtime_ns}".encode() for path in FONT_FILES
                  if path.is_file()]
        for source in self._sources():
            try:  # what the PDF would read from the built site (images): its bytes
                parts.append(site_file(source, self.site_url, self.site_dir).read_bytes())
            except ValueError:
                parts.append(source.encode())
        return parts

    def _sources(self) -> list[str]:
        return sorted({urljoin(self.base_url, html.unescape(source))
                       for source in re.findall(r'\bsrc="([^"]+)"', self.fragment)})

    def site_files_read(self) -> set[Path]:
        """The files of the built site that the PDF reads (images), whether written yet or not."""
        paths = set()
        for source in self._sources():
            try:
                paths.add(_site_path(source, self.site_url, self.site_dir))
            except ValueError:
                pass  # not the site's: never fetched (site_files_only)
        return paths


@contextmanager
def _libraries_by_their_own_names():
    """Let cffi load each library only under the names WeasyPrint gives it.

    WeasyPrint tries each library under the names of every platform ('libpango-1.0-0',
    'pango-1.0', ..., 'libpango-1.0.so.0'); cffi hands each name that does not load as it is to
    `ctypes.util.find_library`, which on Linux runs ldconfig, gcc and ld for it: three dozen
    processes, about half of WeasyPrint's start-up (scripts/benchmarks/bench_publish.py). The
    Linux names ('libpango-1.0.so.0') load as they are, as find_library's answer would.
    """
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def load_weasyprint():
    """WeasyPrint, imported; PublishError when it cannot load (Debian's libpango-1.0-0 missing)."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        try:
            with _libraries_by_their_own_names():
                import weasyprint
            return weasyprint
        except (ImportError, OSError):  # libraries elsewhere than the linker looks: the slow search
            for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
                del sys.modules[name]
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango is missing (Debian's libpango-1.0-0)
        raise PublishError(f"WeasyPrint cannot load: {error}") from None
    return weasyprint


def write_job(job: Job) -> int:
    return write_pdf(job.edition, job.fragment, base_url=job.base_url, site_url=job.site_url,
                     site_dir=job.site_dir, target=job.target)


def write_pdf(edition: Edition, fragment: str, *, base_url: str, site_url: str, site_dir: Path,
              target: Path) -> int:
    """Write the PDF to `target`; returns its size in bytes. Raises PublishError.

    `base_url`: the address of the page the fragment was joined for (its relative links start there).
    """
    missing = missing_fonts()
    if missing:
        raise PublishError(f"fonts missing: {', '.join(map(str, missing))} (Debian package fonts-dejavu-core)")
    weasyprint = load_weasyprint()
    fetcher = site_files_only(site_url, site_dir)
    document = weasyprint.HTML(string=document_html(edition, fragment), base_url=base_url, url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    target.parent.mkdir(parents=True, exist_ok=True)
    refiner = TagRefiner(edition.link_words)
    # presentational_hints: <li value="5"> numbers the brief's note 5 as 5 (Python-Markdown's notes).
    with refiner.building():
        document.write_pdf(target, stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True,
                           presentational_hints=True, finisher=refiner.finish)
    return target.stat().st_size
