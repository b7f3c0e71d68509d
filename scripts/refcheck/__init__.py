"""The reference checker for multilingual MkDocs sites (entry point: scripts/check_references.py).

Stages, one way only: project (mkdocs.yml and the pages) -> extract (links, anchors, footnotes,
numbers, with positions) -> checks (lists of findings) -> report (text, JSON, GitHub, SARIF).
`builtsite` checks a built site (`sitefiles` reads its files) and `external` the addresses of other
sites; `engines` holds the spelling and glossary engines the prose rules drive.

May import: `mdsource` (reading sources), `translation` (which English version a translation
follows, for the translation-status rules), and third-party libraries. Never the hooks or
`scripts/site.py`, which call into it.
"""
