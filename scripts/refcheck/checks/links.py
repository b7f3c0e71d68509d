"""Rules 1 and 2: links to pages, files and images that exist, and anchors that match an id."""

from __future__ import annotations

import difflib
import hashlib
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from refcheck.uitext import _, language_name

from refcheck.checks.footnote_references import explains_missing_anchor
from refcheck.cache import FactsCache, code_digest, content_key
from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Page, Project
from refcheck.resolve import Target, resolve_address, resolve_link

LINK_BROKEN = Rule(
    "link-broken",
    "A link or image points to a page or file that does not exist.",
    Severity.ERROR,
    "The reader gets a 404 page, or a missing image, where the text promised a source. Links are "
    "resolved as MkDocs resolves them: relative to the page's own folder, then in its language "
    "(where static-i18n falls back to the default language's file).",
    "See [the sources](sorces.md).",
    "See [the sources](sources.md).",
)
LINK_OUTSIDE = Rule(
    "link-outside-docs",
    "A relative link leaves the docs folder, so MkDocs cannot publish its target.",
    Severity.ERROR,
    "Only files under docs_dir are part of the site: the link works in an editor and breaks on the site.",
    "[licence](../../LICENSE)",
    "[licence](about.md#licence)",
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
)
RULES = [LINK_BROKEN, LINK_OUTSIDE, ANCHOR_MISSING]


def _closest(word: str, choices: object) -> str:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)  # type: ignore[arg-type]
    return _(" (did you mean `{name}`?)").format(name=found[0]) if found else ""


def _names_by_folder(project: Project, language: str) -> dict[str, set[str]]:
    """Folder -> the names of its files: in docs_dir (`language` "") or in a language's tree."""
    memo = project.memo.setdefault(f"link-hint-names:{language}", {})
    if not memo:
        for path in (project.tree(language) if language else project.docs_paths):
            folder, _, name = path.rpartition("/")
            memo.setdefault(folder, set()).add(name)
    return memo


def _closest_file(project: Project, page: Page, missing: str) -> str:
    """A file of the same folder with a name close to the missing one: in docs_dir, or in the
    page's language (where a fallback stands); one folder's names, not the site's, per finding."""
    folder, _, name = missing.rstrip("/").rpartition("/")
    language = page.language or project.default_language
    own = folder[len(language) + 1:] if folder.startswith(f"{language}/") else "" if folder == language else folder
    choices = _names_by_folder(project, "").get(folder, set()) | _names_by_folder(project, language).get(own, set())
    return _closest(name, choices)


# Where each link of a page leads, by the page's content and the project's layout: a re-check
# resolves again only the links of pages that changed (or all, when a file was added or removed).
TARGETS_FILE = "link-targets.pickle"
_CODE = ("refcheck/resolve.py", "refcheck/urls.py", "refcheck/project.py")


def _layout(project: Project) -> str:
    """Everything a link's target depends on besides the page: the files, languages and URL settings."""
    digest = hashlib.blake2b(code_digest(*_CODE).encode("ascii"), digest_size=20)
    digest.update(repr((project.files, project.structure, project.languages, project.default_language,
                        project.fallback, project.use_directory_urls, project.site_url, project.docs_prefix)).encode())
    return digest.hexdigest()


def _stored(target: Target) -> tuple:
    return (target.kind, target.source.path if target.source is not None else None, target.fragment, target.via, target.path)


def _targets(project: Project) -> dict[str, list[Target]]:
    """Each page's links resolved, in order (from the checker's cache where it can)."""
    cache = FactsCache(project.cache_dir, TARGETS_FILE) if project.cache_dir is not None else None
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


def _missing_anchor(project: Project, linked: Page, fragment: str) -> bool:
    return (fragment not in linked.facts.ids and linked.facts.ids_complete
            and not explains_missing_anchor(project, linked, fragment))


def _in_fallback_build(project: Project, page: Page, url: str, as_written: bool, target: Target,
                       language: str) -> tuple[Rule, str] | None:
    """What breaks when a default-language page is built again in `language`, in place of its
    missing translation: raw HTML resolved from its address there, a suffix-layout link that names
    the default language's file (that build has the translation instead), an anchor of a page
    whose translation took its place. None when the link works there too."""
    if as_written:
        split = urlsplit(url.strip())
        if split.scheme or split.netloc or not split.path or split.path.startswith("/"):
            return None
        there = resolve_address(project, page, unquote(split.path), unquote(split.fragment), language)
        if there.kind == "missing":
            return LINK_BROKEN, _("the site has nothing at /{path}").format(path=there.path.lstrip("/"))
        if there.kind == "outside":
            return LINK_BROKEN, _("it leads above the site's root")
        return None
    if target.kind != "file" or target.source is None or target.via not in ("path", "language"):
        return None
    translated = project.page(language, target.source.key)
    if translated is None:
        return None
    if project.structure == "suffix" and target.via == "path" and target.source.explicit_language:
        return LINK_BROKEN, _("that build has {file} instead of {target}: link `{key}`").format(
            file=translated.file, target=target.source.file, key=posixpath.basename(target.source.key))
    if target.fragment and target.source.is_page and _missing_anchor(project, translated, target.fragment):
        return ANCHOR_MISSING, _("`#{fragment}` matches no id in {where}{hint}").format(
            fragment=target.fragment, where=translated.file, hint=_closest(target.fragment, translated.facts.ids))
    return None


def _fallback_findings(project: Project, config: Config, resolved: dict[str, list[Target]]) -> Iterator[Finding]:
    """Each default-language page is built again in every language that has no translation of it
    (static-i18n's fallback), at that language's address and with its pages: check it there too."""
    if not project.fallback:
        return
    default = project.default_language
    others = [locale for locale in project.built_locales if locale != default]
    for page in project.pages:
        if page.language != default:
            continue
        builds = [locale for locale in others if project.page(locale, page.key) is None]
        if not builds:
            continue
        for link, target in zip(page.facts.links, resolved[page.file]):
            if config.ignored_url(link.url) or target.kind in ("missing", "outside"):
                continue
            broken: dict[tuple[Rule, str], list[str]] = {}
            for locale in builds:
                problem = _in_fallback_build(project, page, link.url, link.kind == "html", target, locale)
                if problem is not None:
                    broken.setdefault(problem, []).append(locale)
            for (rule, problem), locales in broken.items():
                names = ", ".join(language_name(locale, project.language_name(locale)) for locale in locales)
                yield Finding.at(
                    rule, link.where,
                    _("`{url}` breaks where this page stands in for its missing {languages} translation: {problem}").format(
                        url=link.url, languages=names, problem=problem),
                )


def check(project: Project, config: Config) -> Iterator[Finding]:
    resolved = _targets(project)
    yield from _fallback_findings(project, config, resolved)
    for page in project.pages:
        if not project.is_built(page.source):
            continue  # a language mkdocs.yml does not list (language-folder-unlisted names it)
        for link, target in zip(page.facts.links, resolved[page.file]):
            if config.ignored_url(link.url):
                continue
            what = "image" if link.kind == "image" else "link"
            if target.kind == "missing":
                hint = _closest_file(project, page, target.path)
                if target.via == "address":
                    missing = _("the site has nothing at /{path}, resolved from this page's address").format(path=target.path.lstrip("/"))
                elif target.via == "unbuilt" and target.source is not None:
                    missing = _("static-i18n takes {path} for a page or file of the language `{code}`, which {config} does not "
                                "list, and never builds it").format(path=target.source.file, code=target.source.language,
                                                                    config=project.config_file)
                else:
                    missing = _("{path} does not exist").format(path=f"{project.docs_prefix}/{target.path}")
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
                # (ids an unreadable template include adds are unknown; footnote-reference-missing
                # reports a lost note mark where it was lost)
                if linked is None or not _missing_anchor(project, linked, target.fragment):
                    continue
                where = _("this page") if target.kind == "same-page" else linked.file
                yield Finding.at(
                    ANCHOR_MISSING, link.where,
                    _("`#{fragment}` matches no id in {where}{hint}").format(
                        fragment=target.fragment, where=where, hint=_closest(target.fragment, linked.facts.ids)),
                )
