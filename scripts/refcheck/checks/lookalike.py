"""Rule family: addresses that look like another: a domain mixing scripts, or a cited domain's look-alike.

`www.hrw.org` with a Cyrillic `о` reads the same as the source the brief cites, and leads elsewhere.
Two checks, on the host of every outside link, written in Unicode or as punycode (`xn--`):

* each label of the host is written in one script (Unicode's script data, as TR39 reads it), or in
  Latin with Han and the Japanese or Korean scripts, as TR39's "highly restrictive" level allows;
* on a translation, a host that its original page does not link, but whose skeleton (each
  character replaced by the ASCII character Unicode lists as its look-alike, TR39's confusables)
  equals the skeleton of one the original links, is the original's address in disguise.

The scripts and confusables are the data of `confusable-homoglyphs` (Unicode's own files, as JSON).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from refcheck.config import Config
from refcheck.findings import POLICY, Finding, Rule, Severity
from refcheck.project import Page, Project
from refcheck.resolve import is_external
from refcheck.uitext import _

LOOKALIKE_DOMAIN = Rule(
    "lookalike-domain",
    "An outside link's domain mixes scripts (Latin and Cyrillic ...), or differs from a domain the original "
    "page links only by characters that look alike.",
    Severity.ERROR,
    "Readers and reviewers see the cited source's address; the link leads to another site.",
    "[HRW](https://www.hrw.\u043erg/report) on a page whose original links https://www.hrw.org/report",
    "[HRW](https://www.hrw.org/report)",
    group=POLICY, needs_text=False,
)
RULES = [LOOKALIKE_DOMAIN]
# Scripts that may share a label (TR39, "highly restrictive"); COMMON and INHERITED go with any.
_TOGETHER = (frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}), frozenset({"LATIN", "HAN", "HANGUL"}),
             frozenset({"LATIN", "HAN", "BOPOMOFO"}))
_ANY = frozenset({"COMMON", "INHERITED"})


def host_of(url: str) -> str:
    """The link's host in Unicode (punycode labels decoded), lower case; "" if it has none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                pass  # not valid punycode: judged as written
        labels.append(label)
    return unicodedata.normalize("NFKC", ".".join(labels)).lower()


@lru_cache(maxsize=4096)
def _script(character: str) -> str:
    from confusable_homoglyphs import categories

    try:
        return categories.alias(character).upper()
    except Exception:  # a code point the data does not list
        return "UNKNOWN"


def mixed_label(host: str) -> str | None:
    """The first label of `host` written in scripts that may not mix, else None."""
    for label in host.split("."):
        if label.isascii():
            continue
        scripts = {_script(character) for character in label} - _ANY
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _TOGETHER):
            return label
    return None


@lru_cache(maxsize=1)
def _ascii_lookalikes() -> dict[str, str]:
    """character -> its ASCII look-alike; ASCII characters that look alike (0 o, 1 l i) share one,
    a letter; `m` becomes `rn` (so `rn` and `m` meet)."""
    from confusable_homoglyphs import confusables

    data = confusables.confusables_data
    classes: dict[str, set[str]] = {}
    for character, glyphs in data.items():
        if len(character) == 1 and character.isascii():
            for glyph in (g["c"].lower() for g in glyphs if g["c"].isascii() and len(g["c"]) == 1):
                merged = classes.get(character.lower(), {character.lower()}) | classes.get(glyph, {glyph})
                for member in merged:
                    classes[member] = merged
    ascii_table = {member: min(group, key=lambda c: (not c.isalpha(), c)) for member, group in classes.items()}
    table = dict(ascii_table)
    for character, glyphs in data.items():
        if len(character) != 1:
            continue
        ascii_glyphs = [g["c"].lower() for g in glyphs if g["c"].isascii() and g["c"].strip()]
        if not ascii_glyphs:
            continue
        if character.isascii():
            longer = [glyph for glyph in ascii_glyphs if len(glyph) > 1]
            if longer:
                table[character.lower()] = longer[0]
        else:
            table[character] = "".join(ascii_table.get(c, c) for c in ascii_glyphs[0])
    return table


def skeleton(host: str) -> str:
    """`host` with each character replaced by its ASCII look-alike (1 and l, 0 and o, Cyrillic о and o)."""
    table = _ascii_lookalikes()
    return "".join(table.get(character, character) for character in host)


def _hosts(page: Page) -> dict[str, str]:
    """skeleton -> host, for the page's outside links."""
    return {skeleton(host): host for link in page.facts.links if is_external(link.url) and (host := host_of(link.url))}


def check(project: Project, config: Config) -> Iterator[Finding]:
    default = project.default_language
    originals: dict[str, dict[str, str]] = {}
    for page in project.pages:
        original = project.page(default, page.key) if page.language not in (default, "") else None
        if original is not None and original.key not in originals:
            originals[original.key] = _hosts(original)
        cited = originals.get(original.key, {}) if original is not None else {}
        cited_hosts = set(cited.values())
        for link in page.facts.links:
            host = host_of(link.url) if is_external(link.url) else ""
            if not host or config.ignored_url(link.url):
                continue
            label = mixed_label(host)
            if label is not None:
                yield Finding.at(LOOKALIKE_DOMAIN, link.where, _(
                    "the domain {host} mixes scripts in “{label}”: a look-alike of another address; "
                    "write the address as its site writes it").format(host=host, label=label))
            elif host not in cited_hosts and skeleton(host) in cited:
                yield Finding.at(LOOKALIKE_DOMAIN, link.where, _(
                    "the domain {host} looks like {original}, which the original page links, but is another "
                    "address: copy the original's address").format(host=host, original=cited[skeleton(host)]))
