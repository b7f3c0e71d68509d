"""Rules 1 and 2: links to pages, files and images that exist, and anchors that match an id."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator

from refcheck.uitext import _

from refcheck.lostnotes import explains_missing_anchor
from refcheck.cache import content_key
from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Project
from refcheck.resolve import Target, resolve_link

LINK_BROKEN = Rule(
    "link-broken",
    "A link or image points to a page or file that does not exist.",
    Severity.ERROR,
    "The reader gets a 404 page, or a missing image, where the text promised a source. Links are "
    "resolved as MkDocs resolves them: relative to the page's own folder, then in its language "
    "(where static-i18n falls back to the default language's file).",
    "See [the sources](sorces.md).",
    "See [the sources](sources.md).",
    needs_text=False,
)
LINK_OUTSIDE = Rule(
    "link-outside-docs",
    "A relative link leaves the docs folder, so MkDocs cannot publish its target.",
    Severity.ERROR,
    "Only files under docs_dir are part of the site: the link works in an editor and breaks on the site.",
    "[licence](../../LICENSE)",
    "[licence](about.md#licence)",
    needs_text=False,
)
ANCHOR_MISSING = Rule(
    "anchor-missing",
    "A link's `#fragment` matches no heading id, `{ #id }`, footnote id or HTML id in its target.",
    Severity.ERROR,
    "The page opens at its top instead of the part the text points to, and the reader gives up "
    "looking. Heading ids are computed with the site's own toc slugify, so a reworded heading "
    "breaks every link to it unless it has an explicit `{ #id }`.",
    "[note 2](not-safe-to-wait.md#fnref:9)",
    "[note 2](not-safe-to-wait.md#fnref:2)",
    needs_text=False,
)
RULES = [LINK_BROKEN, LINK_OUTSIDE, ANCHOR_MISSING]


def _closest(word: str, choices: object) -> str:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)  # type: ignore[arg-type]
    return _(" (did you mean `{name}`?)").format(name=found[0]) if found else ""


# Where each link of a page leads, by the page's content and the project's layout: a re-check
# resolves again only the links of pages that changed (or all, when a file was added or removed).
StoredTarget = tuple[str, str | None, str, str, str]  # Target, with its source by path


def _layout(project: Project) -> str:
    """Everything a link's target depends on besides the page: the files, languages and URL settings."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((project.files, project.structure, project.languages, project.default_language,
                        project.fallback, project.use_directory_urls, project.site_url, project.docs_prefix)).encode())
    return digest.hexdigest()


def _stored(target: Target) -> StoredTarget:
    return (target.kind, target.source.path if target.source is not None else None, target.fragment, target.via, target.path)


def _targets(project: Project) -> dict[str, list[Target]]:
    """Each page's links resolved, in order (from the checker's cache where it can)."""
    cache = project.cache_table("link-targets", list[StoredTarget])
    layout = _layout(project) if cache is not None else ""
    found: dict[str, list[Target]] = {}
    for page in project.pages:
        digest = project.page_digests.get(page.file)
        key = content_key(digest.encode("ascii"), page.file, layout) if cache is not None and digest else None
        stored = cache.get(key) if key is not None else None
        if stored is not None and all(path is None or path in project.docs_paths for _, path, *_ in stored):
            found[page.file] = [Target(kind, project.docs_paths[path] if path is not None else None, fragment, via, resolved)
                                for kind, path, fragment, via, resolved in stored]
            continue
        targets = [resolve_link(project, page, link.url, as_written=link.kind == "html") for link in page.facts.links]
        found[page.file] = targets
        if key is not None:
            cache.put(key, [_stored(target) for target in targets])
    if cache is not None:
        cache.save()
    return found


def check(project: Project, config: Config) -> Iterator[Finding]:
    resolved = _targets(project)
    for page in project.pages:
        for link, target in zip(page.facts.links, resolved[page.file]):
            if config.ignored_url(link.url):
                continue
            what = "image" if link.kind == "image" else "link"
            if target.kind == "missing":
                keys = project.tree(page.language) if page.language else project.docs_paths
                name = target.path.rstrip("/").rsplit("/", 1)[-1]
                hint = _closest(name, {k.rsplit("/", 1)[-1] for k in keys})
                missing = (_("the site has nothing at /{path}, resolved from this page's address").format(path=target.path.lstrip("/"))
                           if target.via == "address" else
                           _("{path} does not exist").format(path=f"{project.docs_prefix}/{target.path}"))
                if " " in link.url.strip():  # `[roadmap](Coming Soon)`: the site links to `Coming Soon`
                    hint = _(" (a space in a link's target is kept as part of the address: name the file)")
                yield Finding.at(
                    LINK_BROKEN, link.where,
                    (_("image to `{url}` finds no file ({missing}){hint}") if what == "image" else
                     _("link to `{url}` finds no file ({missing}){hint}")).format(url=link.url, missing=missing, hint=hint),
                )
            elif target.kind == "outside":
                leaves = (_("leads above the site's root, from this page's address") if target.via == "address"
                          else _("leaves {docs}/").format(docs=project.docs_prefix))
                yield Finding.at(
                    LINK_OUTSIDE, link.where,
                    (_("image to `{url}` {leaves}: the site will not contain it") if what == "image" else
                     _("link to `{url}` {leaves}: the site will not contain it")).format(url=link.url, leaves=leaves),
                )
            elif target.kind in ("file", "same-page") and target.fragment and target.source is not None:
                linked = project.page_for(target.source)
                if linked is None or target.fragment in linked.facts.ids or not linked.facts.ids_complete:
                    continue  # (ids an unreadable template include adds are unknown)
                if explains_missing_anchor(project, linked, target.fragment):
                    continue  # footnote-reference-missing reports it where the mark was lost
                where = _("this page") if target.kind == "same-page" else linked.file
                yield Finding.at(
                    ANCHOR_MISSING, link.where,
                    _("`#{fragment}` matches no id in {where}{hint}").format(
                        fragment=target.fragment, where=where, hint=_closest(target.fragment, linked.facts.ids)),
                )
