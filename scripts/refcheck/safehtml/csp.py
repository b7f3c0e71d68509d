"""The Content-Security-Policy of every page, with the hashes of the theme's own inline scripts.

Static hosts cannot always send headers, so the policy is the first element of each page's
`<head>`, as `<meta http-equiv="Content-Security-Policy">`. Scripts run only from the site's own
files and from inline scripts whose SHA-256 hash is in the policy: the hashes are computed at build
time from the page the templates produced (Material's and this edition's inline scripts), so a
script that a page's content slipped in has no hash and is refused. Nor does a script that page
data reaches: one whose text holds a string of the page's front matter or its title (as written,
HTML-escaped or JSON-escaped) is the page's, not the theme's, whatever template printed it. Script blocks that browsers do
not run (`application/json`, `application/ld+json`) need no hash.

Why each directive: `img-src` allows `data:` because Material's stylesheet draws its icons (admonitions,
search) as `data:image/svg+xml` CSS images, which the image directive governs; page images are
limited to the site by the sanitizer. Material's templates put no `style` attribute or `<style>`
element in the page, and its scripts style elements through the CSSOM, which CSP does not restrict,
so `style-src 'self'` needs neither hashes nor 'unsafe-inline'. `frame-ancestors` only works as a
header, so it is part of the header form alone.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Script elements as the HTML parser ends them: at the first `</script`.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.IGNORECASE | re.DOTALL)
TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
META_START = '<meta http-equiv="Content-Security-Policy" content="'
# Types a browser runs as script ("" is the default, JavaScript).
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                          "application/ecmascript", "text/jscript", "text/livescript"})
FIXED_DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("frame-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
HEADER_ONLY_DIRECTIVES = (("frame-ancestors", "'none'"),)


def _runs(attributes: str) -> bool:
    if SRC.search(attributes):
        return False  # loaded from the site: 'self' covers it
    found = TYPE.search(attributes)
    kind = next((group for group in found.groups() if group is not None), "") if found else ""
    return kind.strip().lower().split(";", 1)[0] in SCRIPT_TYPES


MIN_DATA_LENGTH = 4  # shorter strings ("es", "en") are in the theme's own scripts too


def _forms(page_data: Iterable[str]) -> set[str]:
    forms: set[str] = set()
    for text in page_data:
        if len(text.strip()) >= MIN_DATA_LENGTH:
            forms |= {text, html.escape(text), json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}
    return forms


def inline_script_hashes(page: str, page_data: Iterable[str] = ()) -> list[str]:
    """The CSP sources ('sha256-...') of the inline scripts a browser would run, in page order;
    none for a script that holds one of the strings `page_data` (the page's own values)."""
    hashes: list[str] = []
    forms = _forms(page_data)
    for found in SCRIPT.finditer(page):
        if _runs(found.group(1)) and not any(form in found.group(2) for form in forms):
            digest = base64.b64encode(hashlib.sha256(found.group(2).encode("utf-8")).digest()).decode("ascii")
            source = f"'sha256-{digest}'"
            if source not in hashes:
                hashes.append(source)
    return hashes


def policy(hashes: Iterable[str], header: bool = False, preview: bool = False) -> str:
    """The policy; `preview` (`mkdocs serve` only) lets MkDocs' live-reload inline script run.

    The live-reload script carries the build's time, so it has no fixed hash. The preview is local
    and its page content is sanitized as published pages are; published builds never get this.
    """
    script_src = "'self' 'unsafe-inline'" if preview else " ".join(["'self'", *hashes])
    directives = [FIXED_DIRECTIVES[0], ("script-src", script_src), *FIXED_DIRECTIVES[1:]]
    if header:
        directives += HEADER_ONLY_DIRECTIVES
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_policy(page: str, hashes: Iterable[str] | None = None, preview: bool = False,
                page_data: Iterable[str] = ()) -> str:
    """The page with its policy as the first element of `<head>` (unchanged if it has no head).

    `hashes`: the inline scripts allowed (default: the page's own); a policy this function put
    there before is replaced.
    """
    head = HEAD.search(page)
    if head is None:
        return page
    rest = page[head.end():]
    if rest.startswith(META_START):
        rest = rest[rest.index(">") + 1:]
    allowed = inline_script_hashes(page, page_data) if hashes is None else list(hashes)
    # The policy holds no quote, ampersand or angle bracket (keywords and base64): printed as it is.
    return page[: head.end()] + f'{META_START}{policy(allowed, preview=preview)}">' + rest


def header(pages: Iterable[str]) -> str:
    """The header form for hosts that send headers: one policy for all the pages given."""
    hashes: list[str] = []
    for page in pages:
        hashes += [source for source in inline_script_hashes(page) if source not in hashes]
    return f"Content-Security-Policy: {policy(hashes, header=True)}"


def main(argv: list[str]) -> int:
    """`python scripts/refcheck/safehtml/csp.py SITE_DIR`: print the header that fits every page of a built site."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: csp.py SITE_DIR (a built site)", file=sys.stderr)
        return 2
    try:
        pages = [path.read_text(encoding="utf-8") for path in sorted(Path(argv[0]).rglob("*.html"))]
    except (OSError, UnicodeDecodeError) as error:
        print(f"csp.py: cannot read the site: {error}", file=sys.stderr)
        return 2
    print(header(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
