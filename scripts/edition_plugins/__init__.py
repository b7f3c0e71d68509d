"""This edition's MkDocs plugins, one module per job, each listed under `plugins:` in mkdocs.yml.

MkDocs finds them by the entry points of the edition's private distribution (scripts/pyproject.toml,
installed into .venv/ by scripts/site.py): the brief's note numbers, one search index and one 404
page per language, translation notices, citation data, headings' permalinks, the one-page brief and
the PDFs, and the safety boundary (symbolic links, the HTML sanitizer, the CSP). Each keeps its
state on its instance and its settings in typed `mkdocs.config.config_options`; the work is in the
packages they call. The reference checker's own plugin ships with the checker (refcheck.plugin).

May import: `edition`, `citation`, `publish`, `refcheck` (with its `mdsource`, `translation`,
`safehtml` and `uitext`), MkDocs and the standard library.
"""
