"""Rule 8: the built site. Every `href`, `src` and `srcset` of every HTML page resolves to a file,
and every fragment to an id in it, including what the theme and plugins generate (language
switcher, hreflang alternates, sitemap, search index). A broken link that came from Markdown is
reported at its Markdown file and line; one the theme made, once, at the first HTML file that has it.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from refcheck import sitefiles
from refcheck.cache import Cache, remembered
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
    needs_text=False,
)
SITE_ANCHOR_MISSING = Rule(
    "site-anchor-missing",
    "In the built site, a link's `#fragment` matches no id in the page it leads to.",
    Severity.ERROR,
    "The reader lands at the top of the page instead of the note or section the link names.",
    '<a href="../sources/#dif-mexico">  (sources/index.html has no id="dif-mexico")',
    '<a href="../sources/#dif">  (sources/index.html has id="dif")',
    needs_text=False,
)
RULES = [SITE_LINK_BROKEN, SITE_ANCHOR_MISSING]
RULES_BY_ID = {rule.id: rule for rule in RULES}
SKIPPED_SCHEMES = frozenset({"mailto", "tel", "data", "javascript", "blob", "about", "sms", "ftp"})


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


@dataclass(frozen=True)
class _Resolved:
    """A link of a site file that leads nowhere, or whose fragment must be looked up in its target."""

    url: str
    rule: str  # SITE_LINK_BROKEN.id or SITE_ANCHOR_MISSING.id
    target: str
    fragment: str
    message: str


@dataclass(frozen=True)
class _Holder:
    """What one file of the site holds: its ids and its links that need a look, by its content
    (and by the site's layout, which decides where its links lead): kept in the cache."""

    ids: frozenset[str]
    resolved: tuple[_Resolved, ...]


def _site_url_kept(sitemap: bytes) -> tuple[str | None]:
    return (sitefiles.site_url_in_sitemap(sitemap),)


class SiteReader:
    """Reads the files of a built site that hold links, and resolves each link against the site's
    files; needs nothing of the Markdown project, so it can run in another process meanwhile."""

    def __init__(self, site_dir: Path, site_url: str | None, cache: Cache | None = None) -> None:
        self.site_dir = site_dir.resolve()
        # Each site file's _Holder, by its content and the site's layout; the sitemap's address.
        self.cache = cache.table("site-html", _Holder) if cache is not None else None
        self.cached_url = cache.table("site-url", tuple[str | None]) if cache is not None else None
        self.index = sitefiles.SiteIndex(self.site_dir)
        self.site_origin, self.site_path = sitefiles.site_prefix(self._built_site_url() or site_url)
        self._cache: dict[tuple[str, str], _Broken | None] = {}

    def _built_site_url(self) -> str | None:
        try:
            data = (self.site_dir / "sitemap.xml").read_bytes()
        except OSError:
            return None
        # In a tuple: the site_url may be None, which the cache cannot keep.
        return remembered(self.cached_url, (data, "sitemap.xml", "site_url"), _site_url_kept, data)[0]

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
        elif url.startswith(("https://", "http://")):
            return None  # external: --external checks those
        elif url.startswith("#"):
            return _Broken(SITE_ANCHOR_MISSING, "", unquote(url[1:]), "")
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

    def _resolved(self, holder: str, links: list[str]) -> tuple[_Resolved, ...]:
        base_dir = "" if holder == "sitemap.xml" or holder.endswith("search_index.json") else posixpath.dirname(holder)
        found = []
        for url in links:
            try:
                scheme = urlsplit(url.strip()).scheme.lower() if ":" in url else ""
            except ValueError:
                scheme = ""
            if scheme in SKIPPED_SCHEMES:
                continue
            broken = self.resolve(base_dir, url)
            if broken is not None:
                found.append(_Resolved(url, broken.rule.id, broken.target, broken.fragment, broken.message))
        return tuple(found)

    def holders(self) -> dict[str, _Holder]:
        """Every file that holds links, read (or taken from the cache when neither it nor the site's
        layout changed since), in the order findings are reported."""
        layout = self.index.layout() if self.cache is not None else ""
        settings = (layout, self.site_origin, self.site_path)
        read: dict[str, _Holder] = {}
        for path in self.index.holders():
            try:
                data = (self.site_dir / path).read_bytes()
            except OSError:
                continue
            read[path] = remembered(self.cache, (data, path, settings), self._holder, path, data)
        return read

    def _holder(self, path: str, data: bytes) -> _Holder:
        ids, links = sitefiles.ids_and_links(path, data)
        return _Holder(ids, self._resolved(path, links))



def read_site(site_dir: Path, site_url: str | None, cache: Cache | None = None) -> dict[str, _Holder]:
    """What each file of the built site that holds links holds (`site_url`: mkdocs.yml's, used when
    the site has no sitemap to tell the address it was built for)."""
    reader = SiteReader(site_dir, site_url, cache)
    holders = reader.holders()
    for table in (reader.cache, reader.cached_url):
        if table is not None:
            table.save()
    return holders


class SiteChecker:
    """Judges what the site reader found: a fragment against its target's ids, and where a broken
    link came from (the Markdown line, or the theme)."""

    def __init__(self, project: Project, site_dir: Path, holders: dict[str, _Holder]) -> None:
        self.project = project
        self.site_dir = site_dir.resolve()
        self.holders = holders

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
    def check(self) -> list[Finding]:
        findings: list[Finding] = []
        pages = self.page_map()
        reported: set[tuple[str, str, str]] = set()
        theme_made: dict[tuple[str, str, str], tuple[Rule, Location, set[str], str]] = {}
        holders = self.holders
        for path, holder in holders.items():
            for resolved in holder.resolved:
                self._judge(path, resolved, holders, pages, reported, theme_made, findings)
        for rule, where, files, message in theme_made.values():
            others = len(files) - 1
            suffix = f" (also in {others} other file{'s' if others > 1 else ''} of the site)" if others else ""
            findings.append(Finding.at(rule, where, message + suffix))
        return findings

    def _judge(self, path: str, resolved: _Resolved, holders: dict[str, _Holder], pages: dict[str, tuple[Page, str]],
               reported: set[tuple[str, str, str]], theme_made: dict, findings: list[Finding]) -> None:
        rule = RULES_BY_ID[resolved.rule]
        broken = _Broken(rule, resolved.target, resolved.fragment, resolved.message)
        if rule is SITE_ANCHOR_MISSING:
            target = resolved.target or path
            known = holders.get(target) if target.endswith(".html") else None
            if known is None or resolved.fragment in known.ids:
                return
            message = f"`{resolved.url}`: #{resolved.fragment} matches no id in {target}"
        else:
            message = resolved.message
        use = _Use(path, resolved.url)
        origin = pages.get(use.page)
        where = self.markdown_origin(origin[0], origin[1], use.page, use.url, broken) if origin else None
        if where is not None:
            key = (where.file, str(where.line), use.url)
            if key not in reported:
                reported.add(key)
                findings.append(Finding.at(broken.rule, where, f"{message} (in the page built at {use.page})"))
            return
        # Made by the theme or a plugin: the same link is on many pages; report it once.
        key = ("", broken.target, broken.fragment if broken.rule is SITE_ANCHOR_MISSING else "")
        if key in theme_made:
            theme_made[key][2].add(use.page)
        else:
            theme_made[key] = (broken.rule, self._html_location(use.page, use.url), {use.page}, message)


def check_site(project: Project, site_dir: Path) -> list[Finding]:
    """The built site's findings (what each file of the site holds is kept in the project's cache)."""
    if not site_dir.is_dir():
        from refcheck.project import CannotRun

        raise CannotRun(f"--site-dir {site_dir} is not a folder")
    read = read_site(site_dir, project.site_url, project.cache)
    return SiteChecker(project, site_dir, read).check()
