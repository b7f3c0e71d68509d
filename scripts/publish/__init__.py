"""The brief as readers print, download and read it straight through.

* `onepage`: joins the rendered pages of one language, in reading order, into one HTML fragment
  (the whole brief on one page, `/brief/`), with every id unique and every link between the pages
  turned into a link inside the page;
* `addresses`: marks the links whose text is their own address, which paper prints once;
* `pdf`: turns that fragment into the PDF of the brief (WeasyPrint, tagged PDF/UA-1), with a title
  page, running headers and page numbers, fetching nothing but the built site's own files.

The MkDocs plugin `edition-publish` (scripts/edition_plugins/publish.py) calls these; `scripts/benchmarks/bench_publish.py`
measures them. May import: the standard library, selectolax, and WeasyPrint (only when a PDF is
made, so that `mkdocs serve` never loads it). Nothing here imports MkDocs: the plugin hands over
plain records.
"""
