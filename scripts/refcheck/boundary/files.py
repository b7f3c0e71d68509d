"""One file under docs/: is it of a kind a pull request may add, and does its address belong to it?

Allowed: Markdown pages (UTF-8) and raster images whose bytes are what their name says (PNG, JPEG,
WebP) and whose decoded size, read from the header without decoding, stays under MAX_PIXELS.
Anything else only where maintainers list its path, and never active content (SVG, HTML, scripts,
styles, PDF), which would run on the site or in a reader's PDF viewer. A file whose published
address is one the theme or the build writes (the theme's scripts and styles, the search index,
the sitemap, robots.txt, 404 page, PDFs, preview image, citation downloads, the one-page brief, or
any file of the theme's folders) is refused even where allowed: it would replace the site's own.
"""

from __future__ import annotations

import fnmatch
import warnings
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from refcheck.boundary import DOCS_FILE_RESERVED, DOCS_FILE_TYPE, DOCS_IMAGE_SIZE, Problem
from refcheck.uitext import _

PAGE_SUFFIXES = frozenset({".md"})
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
SIGNATURES = {"PNG": (b"\x89PNG\r\n\x1a\n",), "JPEG": (b"\xff\xd8\xff",), "WEBP": ()}
ACTIVE_SUFFIXES = frozenset({".svg", ".svgz", ".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs",
                             ".cjs", ".css", ".xml", ".xsl", ".xslt", ".pdf", ".swf", ".wasm"})
# 16 megapixels (4,000 x 4,000) decode to 64 MB; a figure of a policy brief needs far less.
MAX_PIXELS = 16_000_000
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# What the theme and the build write in each language's folder (scripts/edition_plugins/, static-i18n, search).
RESERVED_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "search/", "cite/")
RESERVED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html", "brief/index.html",
                            "assets/images/preview.png"})


@dataclass(frozen=True)
class Layout:
    """Where files of docs/ are published, and what the theme and the build write there."""

    structure: str  # static-i18n's docs_structure: "folder", "suffix", or "none"
    locales: tuple[str, ...]
    default: str
    theme_dirs: tuple[Path, ...]
    build_files: frozenset[str] = frozenset()  # further files the build writes (each language's PDF)

    def split(self, relative: str) -> tuple[str | None, str]:
        """(language, path inside the language's folder) of a path relative to docs_dir."""
        path = PurePosixPath(relative)
        if self.structure == "folder" and len(path.parts) > 1 and path.parts[0] in self.locales:
            return path.parts[0], PurePosixPath(*path.parts[1:]).as_posix()
        if self.structure == "suffix":
            parts = path.name.split(".")
            if len(parts) > 2 and parts[-2] in self.locales:
                return parts[-2], path.with_name(".".join(parts[:-2] + parts[-1:])).as_posix()
        return None, relative

    def reserved(self, relative: str) -> str | None:
        """The address the build or theme writes that this file would take, or None."""
        language, inside = self.split(relative)
        output = _published(inside)
        for folder in RESERVED_FOLDERS:
            if output.startswith(folder):
                return folder
        if output in RESERVED_FILES or output in self.build_files:
            return output
        first = PurePosixPath(output).parts[0]
        if language in (None, self.default) and first in self.locales and first != self.default:
            return f"{first}/"  # the default language's files are published at the root
        for folder in self.theme_dirs:
            if (folder / output).is_file() or (folder / inside).is_file():
                return output
        return None


def _published(path: str) -> str:
    """Where MkDocs writes a file (a page `x.md` becomes `x/index.html`, `404.md` becomes 404.html)."""
    posix = PurePosixPath(path)
    if posix.suffix.lower() not in PAGE_SUFFIXES:
        return path
    if posix.stem in ("index", "README", "404"):
        return posix.with_suffix(".html").as_posix().replace("README.html", "index.html")
    return (posix.with_suffix("") / "index.html").as_posix()


def judge(relative: str, path: Path, layout: Layout, allowed: Collection[str], shown: str) -> list[Problem]:
    """The problems of the file `path` (`relative` to docs_dir; `shown` as findings name it, which the
    maintainers' `allowed` globs match)."""
    reserved = layout.reserved(relative)
    if reserved is not None:
        return [Problem(DOCS_FILE_RESERVED, None, _(
            "this file would be published at an address the site's theme or build writes ({address}): not "
            "published; pages and images only, under another name").format(address=reserved))]
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return _page(path)
    if suffix in IMAGE_FORMATS:
        return _image(path, IMAGE_FORMATS[suffix])
    if suffix not in ACTIVE_SUFFIXES and any(fnmatch.fnmatchcase(shown, glob) for glob in allowed):
        return []
    if suffix in ACTIVE_SUFFIXES:
        message = _("{suffix} files can run code on the site or in a PDF viewer and are never "
                    "published from docs/; not published")
    else:
        message = _("docs/ holds Markdown pages (.md) and PNG, JPEG or WebP images; a {suffix} file "
                    "is published only if maintainers list it in mkdocs.yml; not published")
    return [Problem(DOCS_FILE_TYPE, None, message.format(suffix=suffix or _("nameless")))]


def _page(path: Path) -> list[Problem]:
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [Problem(DOCS_FILE_TYPE, None, _("this page is not UTF-8 text (byte {offset}): save it as UTF-8").format(
            offset=error.start))]
    except OSError as error:
        return [Problem(DOCS_FILE_TYPE, None, _("this file cannot be read: {error}").format(error=error.strerror))]
    return []


def _image(path: Path, expected: str) -> list[Problem]:
    from PIL import Image  # only where a project has images

    try:
        with path.open("rb") as stream:
            head = stream.read(16)
        size = path.stat().st_size
    except OSError as error:
        return [Problem(DOCS_FILE_TYPE, None, _("this file cannot be read: {error}").format(error=error.strerror))]
    signatures = SIGNATURES[expected]
    matches = (head[:4] == b"RIFF" and head[8:12] == b"WEBP") if expected == "WEBP" else head.startswith(signatures)
    if not matches:
        return [Problem(DOCS_FILE_TYPE, None, _("its bytes are not a {format} image, as its name says; "
                                                "not published").format(format=expected))]
    if size > MAX_IMAGE_BYTES:
        return [Problem(DOCS_IMAGE_SIZE, None, _("this image is larger than {size} MB; not published").format(
            size=MAX_IMAGE_BYTES // (1024 * 1024)))]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns of large images: the limit below is ours
            with Image.open(path, formats=[expected]) as image:  # reads the header, decodes nothing
                width, height = image.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return [Problem(DOCS_FILE_TYPE, None, _("this is not a readable {format} image ({error}); "
                                                "not published").format(format=expected, error=error))]
    if width * height > MAX_PIXELS:
        return [Problem(DOCS_IMAGE_SIZE, None, _(
            "this image is {width} x {height} pixels, more than {limit} million once decoded (a reader's phone "
            "would need gigabytes); scale it down; not published").format(
                width=width, height=height, limit=MAX_PIXELS // 1_000_000))]
    return []
