"""The files of a built site, read for the built-site check (refcheck/builtsite.py): which files
and folders it has, and what each file that holds links holds: the ids and links of an HTML page,
the addresses of the sitemap, the locations of a search index; and the site_url it was built with.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


class SiteIndex:
    """The files of a built site, and what each file that holds links holds: its ids and its links."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.files: set[str] = set()
        self.directories: set[str] = set()
        for directory, subdirs, names in os.walk(site_dir):
            relative = Path(directory).relative_to(site_dir).as_posix()
            relative = "" if relative == "." else relative
            self.directories.add(relative)
            for name in names:
                self.files.add(f"{relative}/{name}" if relative else name)

    def layout(self) -> str:
        """A digest of every file and folder name: where a link leads depends on these alone."""
        digest = hashlib.blake2b(digest_size=16)
        for name in sorted(self.files):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(b"\1")
        for name in sorted(self.directories):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()

    def holders(self) -> list[str]:
        """The files whose links are checked, in the order findings are reported: the HTML pages,
        the sitemap, the search indexes."""
        pages = sorted(path for path in self.files if path.endswith(".html"))
        sitemap = ["sitemap.xml"] if "sitemap.xml" in self.files else []
        return pages + sitemap + sorted(path for path in self.files if path.endswith("search/search_index.json"))

    def target_file(self, path: str) -> str | None:
        """The file a site path is served from (a folder serves its index.html)."""
        path = path.strip("/")
        if path in self.files:
            return path
        if path in self.directories:
            index = f"{path}/index.html" if path else "index.html"
            return index if index in self.files else None
        return None


def html_ids_and_links(data: bytes) -> tuple[frozenset[str], list[str]]:
    tree = LexborHTMLParser(data)
    ids = set()
    links: list[str] = []
    for node in tree.css("[id], a[name]"):
        attributes = node.attributes
        if attributes.get("id"):
            ids.add(attributes["id"])
        if node.tag == "a" and attributes.get("name"):
            ids.add(attributes["name"])
    for node in tree.css("[href], [src], [srcset]"):
        attributes = node.attributes
        if node.tag == "base":
            continue
        for name in ("href", "src"):
            value = attributes.get(name)
            if value:
                links.append(value)
        srcset = attributes.get("srcset")
        if srcset:
            links.extend(c.strip().split()[0] for c in srcset.split(",") if c.strip())
    return frozenset(ids), links


def sitemap_links(data: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return ["sitemap.xml#not-xml"]
    links = []
    for element in root.iter():
        if element.tag == f"{SITEMAP_NS}loc" and element.text:
            links.append(element.text.strip())
        elif element.tag == f"{XHTML_NS}link" and element.get("href"):
            links.append(element.get("href", ""))
    return links


def search_index_links(path: str, data: bytes) -> list[str]:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except ValueError:
        return []
    # Locations are relative to the folder that holds `search/`.
    base = posixpath.dirname(posixpath.dirname(path))
    links = []
    for doc in parsed.get("docs", []) if isinstance(parsed, dict) else []:
        location = doc.get("location") if isinstance(doc, dict) else None
        if isinstance(location, str):
            links.append((f"{base}/" if base else "") + (location or "./") if not location.startswith("#") else location)
    return links


def ids_and_links(path: str, data: bytes) -> tuple[frozenset[str], list[str]]:
    if path.endswith(".html"):
        return html_ids_and_links(data)
    if path == "sitemap.xml":
        return frozenset(), sitemap_links(data)
    return frozenset(), search_index_links(path, data)


def site_prefix(site_url: str | None) -> tuple[str, str]:
    """(origin + path of the site, path part alone), e.g. ('https://x.org/docs/', '/docs/')."""
    if not site_url:
        return "", "/"
    split = urlsplit(site_url)
    path = split.path if split.path.endswith("/") else split.path + "/"
    return f"{split.scheme}://{split.netloc}{path}", path


def site_url_in_sitemap(data: bytes) -> str | None:
    """The site_url the site was built with, read from its sitemap's bytes (mkdocs.yml may compute
    it differently at check time: `site_url: !ENV SITE_URL`); None without a usable sitemap."""
    locs = [link for link in sitemap_links(data) if "://" in link and not link.endswith("#not-xml")]
    if not locs:
        return None
    common = os.path.commonprefix(locs)
    return common[: common.rfind("/") + 1] if "/" in common.partition("://")[2] else None
