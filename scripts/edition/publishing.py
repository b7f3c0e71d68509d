"""What a build meant for publishing needs that the local preview does without: the public address.

`scripts/site.py build` publishes: without `SITE_URL` the site's absolute addresses (canonical,
hreflang, sitemap, robots.txt, link previews, citations, the PDFs' links) would name the preview's
127.0.0.1. `build --local` and `serve` keep mkdocs.yml's local default.
"""

from __future__ import annotations

from urllib.parse import urlsplit

VARIABLE = "SITE_URL"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "0.0.0.0")


def site_url_problem(value: str | None) -> str | None:
    """Why `value` cannot be the published site's address (untranslated key words), or None."""
    if not value:
        return "missing"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not-an-address"
    if parts.hostname in {host.strip("[]") for host in LOCAL_HOSTS}:
        return "local"
    return None
