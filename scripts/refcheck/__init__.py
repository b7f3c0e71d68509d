"""The reference checker for multilingual MkDocs sites (entry point: scripts/check_references.py).

Stages, one way only: project (mkdocs.yml and the pages) -> extract (links, anchors, footnotes,
numbers, with positions) -> checks (lists of findings) -> report (text, JSON, GitHub, SARIF).
`builtsite` checks a built site (`sitefiles` reads its files) and `external` the addresses of other
sites; `engines` holds the spelling and glossary engines the prose rules drive.

May import: `mdsource` (reading sources), `translation` (which English version a translation
follows, for the translation-status rules), and third-party libraries. Never the edition's plugins or
`scripts/site.py`, which call into it.
"""


def missing_package(error: ModuleNotFoundError) -> str:
    """The one line said when a library the checker needs is not installed (the entry point asks
    before the checker's modules, which need them, are imported)."""
    from refcheck.uitext import _

    return _("the Python package {name} is not installed: run `python3 scripts/site.py check`, "
             "which installs what the checker needs, or `pip install -r requirements.txt`").format(name=error.name or error)
