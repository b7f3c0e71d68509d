"""Safe HTML by construction: what a page's Markdown may put on the published site.

What it is for: a pull request that changes only Markdown (or front matter) must never put active
content on the site. Whatever Python-Markdown makes of a page, its HTML passes through an
allowlist sanitizer (`nh3`, the Rust `ammonia` sanitizer) before MkDocs writes it; every element,
attribute or URL the allowlist removes is reported at the Markdown source line, in the same words
by the build (scripts/edition_plugins/safe_html.py) and by the reference checker
(scripts/refcheck/checks/unsafe.py). It also holds the page limits checked before rendering, the
escaping of text that templates print, and the Content-Security-Policy of every page.

Modules: `policy` (the allowlist and `clean`), `removals` (what `clean` took away), `locate`
(where in the Markdown it came from), `limits` (size, nesting and footnote limits), `render`
(Markdown rendered as MkDocs renders it, for the checker), `page` (the above for one page),
`escape` (template values), `csp` (the Content-Security-Policy).

What it may import: the standard library, nh3, selectolax, markdown and markupsafe (both MkDocs
dependencies). It must not import refcheck or mkdocs: refcheck imports it, and the build plugin
adapts its plain records to MkDocs' logging.
"""
