"""Citation data and link previews of this edition, made from one file of facts (`citation.yml`).

What it is for: everything a reader, a reference manager or a link preview reads to cite or show
the brief — the pages' Highwire `citation_*`, OpenGraph and Twitter tags and schema.org JSON-LD
(`head`), the suggested citations in APA 7 and Chicago on "About this edition" (`styles`), the
BibTeX, RIS and CSL-JSON downloads and CITATION.cff (`formats`), and the per-language preview image
(`preview_image`). The MkDocs plugin `edition-citation` (scripts/edition_plugins/citation.py) calls it while the site builds;
`python3 scripts/citation cff` rewrites CITATION.cff.

What it may import: the standard library, PyYAML, MarkupSafe and Babel (all installed with MkDocs
and Material) and Pillow (`preview_image` only, pinned in requirements.txt). Not MkDocs: the plugin
passes in what it knows of the site (titles, addresses, descriptions), so every function here can
be called, and tested, without building the site.
"""
