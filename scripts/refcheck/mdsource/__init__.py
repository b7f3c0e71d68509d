"""Reading a project's sources as data: mkdocs.yml safely, Markdown as the tools parse it, prose.

- `yamlsafe`: mkdocs.yml and front matter as data; every tag is kept as data, never run.
- `mdparser`: the one markdown-it configuration every tool reads pages with.
- `prose`: the words of a page a reader reads, with their lines and columns.

May import: the standard library, PyYAML and markdown-it-py (with mdit-py-plugins). Nothing else of
this repository: `translation` and `refcheck` both build on it.
"""
