"""What this edition adds to MkDocs' build, called from its MkDocs plugins in scripts/edition_plugins/.

- `note_numbers`: a Python-Markdown extension that shows the brief's own note numbers and titles the
  back-links in the page's language.
- `search_index`: one search index per language out of the one static-i18n merges.
- `build_languages`: which language static-i18n is building, the default one and all that are built.

May import: Python-Markdown and the standard library. Nothing else of this repository.
"""
