"""Rule 8: the built site. Every `href`, `src` and `srcset` of every HTML page resolves to a file,
and every fragment to an id in it, including what the theme and plugins generate (language
switcher, hreflang alternates, sitemap, search index). A broken link that came from Markdown is
reported at its Markdown file and line; one the theme made, once, at the first HTML file that has it.
"""

from __future__ import annotations

import json
import os
import posixpath
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from refcheck.cache import SITE_FILE, FactsCache, content_key
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.project import Page, Project, SourceFile
from refcheck.resolve import resolve_link
from refcheck.urls import dest_path

SITE_LINK_BROKEN = Rule(
    "site-link-broken",
    "In the built site, an `href`, `src` or `srcset` (page, theme, sitemap or search index) leads to no file.",
    Severity.ERROR,
    "Checks what readers actually get, including the links the theme and plugins write: the "
    "language switcher, hreflang alternates, the sitemap and the search index. A broken link "
    "written in Markdown is reported at its Markdown line.",
    '<a href="../sources/">  (and no sources/index.html in the site)',
    '<a href="../sources/">  (site/sources/index.html exists)',
)
SITE_ANCHOR_MISSING = Rule(
    "site-anchor-missing",
    "In the built site, a link's `#fragment` matches no id in the page it leads to.",
    Severity.ERROR,
    "The reader lands at the top of the page instead of the note or section the link names.",
    '<a href="../sources/#dif-mexico">  (sources/index.html has no id="dif-mexico")',
    '<a href="../sources/#dif">  (sources/index.html has id="dif")',
)
RULES = [SITE_LINK_BROKEN, SITE_ANCHOR_MISSING]
SKIPPED_SCHEMES = frozenset({"mailto", "tel", "data", "javascript", "blob", "about", "sms", "ftp"})
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class _Use:
    page: str  # the site file (relative to site_dir) that holds the link
    url: str


@dataclass(frozen=True)
class _Broken:
    rule: Rule
    target: str  # site path the link leads to (relative to site_dir)
    fragment: str
    message: str


class SiteIndex:
    """The files of a built site and, read lazily, the ids of each HTML page."""

    def __init__(self, site_dir: Path, cache: FactsCache | None = None) -> None:
        self.site_dir = site_dir
        self.cache = cache  # (ids, links) of each HTML file by its content, from earlier runs
        self.files: set[str] = set()
        self.directories: set[str] = set()
        for directory, subdirs, names in os.walk(site_dir):
            relative = Path(directory).relative_to(site_dir).as_posix()
            relative = "" if relative == "." else relative
            self.directories.add(relative)
            for name in names:
                self.files.add(f"{relative}/{name}" if relative else name)
        self.ids: dict[str, frozenset[str]] = {}
        self.links: dict[str, list[str]] = {}

    def read_html(self, path: str) -> None:
        data = (self.site_dir / path).read_bytes()
        key = content_key(data, path, "html") if self.cache is not None else ""
        known = self.cache.get(key) if self.cache is not None else None
        if known is not None:
            self.ids[path], self.links[path] = known
            return
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
        self.ids[path] = frozenset(ids)
        self.links[path] = links
        if self.cache is not None:
            self.cache.put(key, (self.ids[path], links))

    def target_file(self, path: str) -> str | None:
        """The file a site path is served from (a folder serves its index.html)."""
        path = path.strip("/")
        if path in self.files:
            return path
        if path in self.directories:
            index = f"{path}/index.html" if path else "index.html"
            return index if index in self.files else None
        return None


def _site_prefix(site_url: str | None) -> tuple[str, str]:
    """(origin + path of the site, path part alone), e.g. ('https://x.org/docs/', '/docs/')."""
    if not site_url:
        return "", "/"
    split = urlsplit(site_url)
    path = split.path if split.path.endswith("/") else split.path + "/"
    return f"{split.scheme}://{split.netloc}{path}", path


def built_site_url(site_dir: Path) -> str | None:
    """The site_url the site was built with, read from its sitemap (mkdocs.yml may compute it
    differently at check time: `site_url: !ENV SITE_URL`); None without a usable sitemap."""
    try:
        tree = ElementTree.parse(site_dir / "sitemap.xml")
    except (OSError, ElementTree.ParseError):
        return None
    locs = [e.text.strip() for e in tree.iter(f"{SITEMAP_NS}loc") if e.text and "://" in e.text]
    if not locs:
        return None
    common = os.path.commonprefix(locs)
    return common[: common.rfind("/") + 1] if "/" in common.partition("://")[2] else None


class SiteChecker:
    def __init__(self, project: Project, site_dir: Path, cache: FactsCache | None = None) -> None:
        self.project = project
        self.site_dir = site_dir.resolve()
        self.index = SiteIndex(self.site_dir, cache)
        self.site_origin, self.site_path = _site_prefix(built_site_url(self.site_dir) or project.site_url)
        self._cache: dict[tuple[str, str], _Broken | None] = {}

    # -- resolving one link ---------------------------------------------------------------------
    def resolve(self, base_dir: str, url: str) -> _Broken | None:
        key = (base_dir, url)
        if key in self._cache:
            return self._cache[key]
        result = self._resolve(base_dir, url)
        self._cache[key] = result
        return result

    def _resolve(self, base_dir: str, url: str) -> _Broken | None:
        url = url.strip()
        if not url or url == "#":
            return None
        if self.site_origin and url.startswith(self.site_origin):
            url = "/" + url[len(self.site_origin):]
        elif self.site_origin and url.rstrip("/") == self.site_origin.rstrip("/"):
            url = "/"
        try:
            split = urlsplit(url)
        except ValueError:
            return _Broken(SITE_LINK_BROKEN, url, "", f"`{url}` is not a valid address")
        if split.scheme or split.netloc:
            return None  # external: --external checks those
        path = unquote(split.path)
        fragment = unquote(split.fragment)
        if path.startswith("/"):
            if not path.startswith(self.site_path):
                return None  # another part of the host, not this site: nothing here to check it against
            target = posixpath.normpath(path[len(self.site_path):] or ".")
        elif path:
            target = posixpath.normpath(posixpath.join(base_dir, path))
        else:
            target = None
        if target is not None:
            if target == ".." or target.startswith("../"):
                return _Broken(SITE_LINK_BROKEN, target, fragment, f"`{url}` leads outside the site")
            target = "" if target == "." else target
            found = self.index.target_file(target)
            if found is None:
                return _Broken(SITE_LINK_BROKEN, target, fragment, f"`{url}` leads to no file (no {target or 'index.html'} in the site)")
        else:
            found = None
        if not fragment or (found is not None and not found.endswith(".html")):
            return None
        return _Broken(SITE_ANCHOR_MISSING, found or "", fragment, "")

    # -- where a broken link came from ----------------------------------------------------------
    def _dest(self, source: SourceFile, language: str) -> str:
        return dest_path(self.project, source, language)

    def page_map(self) -> dict[str, tuple[Page, str]]:
        """Site HTML file -> (the Markdown page it was built from, the language it was built for)."""
        mapping: dict[str, tuple[Page, str]] = {}
        for language in self.project.built_locales:
            for source in self.project.tree(language).values():
                page = self.project.page_for(source) if source.is_page else None
                if page is not None:
                    mapping[self._dest(source, language)] = (page, language)
        return mapping

    def markdown_origin(self, page: Page, language: str, html_path: str, url: str, broken: _Broken) -> Location | None:
        for link in page.facts.links:
            if link.url == url:
                return link.where
        for link in page.facts.links:
            target = resolve_link(self.project, page, link.url)
            if target.kind not in ("file", "same-page") or target.source is None:
                continue
            if target.fragment != broken.fragment:
                continue
            if target.kind == "same-page" or self._dest(target.source, language) in (broken.target, f"{broken.target}/index.html"):
                return link.where
        return None

    def _html_location(self, html_path: str, url: str) -> Location:
        shown = self._shown(html_path)
        try:
            text = (self.site_dir / html_path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return Location(shown)
        for quoted in (f'"{url}"', f"'{url}'", url):
            index = text.find(quoted)
            if index >= 0:
                line_start = text.rfind("\n", 0, index) + 1
                return Location(shown, text.count("\n", 0, index) + 1, index - line_start + 1)
        return Location(shown)

    def _shown(self, site_path: str) -> str:
        full = self.site_dir / site_path
        try:
            return full.relative_to(self.project.root).as_posix()
        except ValueError:
            return full.as_posix()

    # -- the whole site -------------------------------------------------------------------------
    def uses(self) -> Iterator[_Use]:
        for path in sorted(self.index.files):
            if path.endswith(".html"):
                self.index.read_html(path)
        for path in sorted(self.index.links):
            for url in self.index.links[path]:
                yield _Use(path, url)
        yield from self._sitemap_uses()
        yield from self._search_uses()

    def _sitemap_uses(self) -> Iterator[_Use]:
        if "sitemap.xml" not in self.index.files:
            return
        try:
            tree = ElementTree.parse(self.site_dir / "sitemap.xml")
        except (ElementTree.ParseError, OSError):
            yield _Use("sitemap.xml", "sitemap.xml#not-xml")
            return
        for element in tree.iter():
            if element.tag == f"{SITEMAP_NS}loc" and element.text:
                yield _Use("sitemap.xml", element.text.strip())
            elif element.tag == f"{XHTML_NS}link" and element.get("href"):
                yield _Use("sitemap.xml", element.get("href", ""))

    def _search_uses(self) -> Iterator[_Use]:
        for path in sorted(self.index.files):
            if not path.endswith("search/search_index.json"):
                continue
            try:
                data = json.loads((self.site_dir / path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            # Locations are relative to the folder that holds `search/`.
            base = posixpath.dirname(posixpath.dirname(path))
            for doc in data.get("docs", []) if isinstance(data, dict) else []:
                location = doc.get("location") if isinstance(doc, dict) else None
                if isinstance(location, str):
                    yield _Use(path, (f"{base}/" if base else "") + (location or "./") if not location.startswith("#") else location)

    def check(self) -> list[Finding]:
        findings: list[Finding] = []
        pages = self.page_map()
        reported: set[tuple[str, str, str]] = set()
        theme_made: dict[tuple[str, str, str], tuple[Rule, Location, set[str], str]] = {}
        for use in self.uses():
            if use.page.endswith("search_index.json"):
                base_dir = ""
            elif use.page == "sitemap.xml":
                base_dir = ""
            else:
                base_dir = posixpath.dirname(use.page)
            try:
                scheme = urlsplit(use.url.strip()).scheme.lower()
            except ValueError:
                scheme = ""
            if scheme in SKIPPED_SCHEMES:
                continue
            broken = self.resolve(base_dir, use.url)
            if broken is None:
                continue
            if broken.rule is SITE_ANCHOR_MISSING:
                target = broken.target or use.page
                ids = self.index.ids.get(target)
                if ids is None or broken.fragment in ids:
                    continue
                message = f"`{use.url}`: #{broken.fragment} matches no id in {target}"
            else:
                message = broken.message
            origin = pages.get(use.page)
            where = self.markdown_origin(origin[0], origin[1], use.page, use.url, broken) if origin else None
            if where is not None:
                key = (where.file, str(where.line), use.url)
                if key not in reported:
                    reported.add(key)
                    findings.append(Finding.at(broken.rule, where, f"{message} (in the page built at {use.page})"))
                continue
            # Made by the theme or a plugin: the same link is on many pages; report it once.
            key = ("", broken.target, broken.fragment if broken.rule is SITE_ANCHOR_MISSING else "")
            if key in theme_made:
                theme_made[key][2].add(use.page)
            else:
                theme_made[key] = (broken.rule, self._html_location(use.page, use.url), {use.page}, message)
        for rule, where, files, message in theme_made.values():
            others = len(files) - 1
            suffix = f" (also in {others} other file{'s' if others > 1 else ''} of the site)" if others else ""
            findings.append(Finding.at(rule, where, message + suffix))
        return findings


def check_site(project: Project, site_dir: Path, cache_dir: Path | None = None) -> list[Finding]:
    """The built site's findings; `cache_dir`: keep each HTML file's ids and links there."""
    if not site_dir.is_dir():
        from refcheck.project import CannotRun

        raise CannotRun(f"--site-dir {site_dir} is not a folder")
    cache = FactsCache(cache_dir, SITE_FILE) if cache_dir is not None else None
    findings = SiteChecker(project, site_dir, cache).check()
    if cache is not None:
        cache.save()
    return findings
