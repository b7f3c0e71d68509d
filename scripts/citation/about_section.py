""""Cite this brief" on "About this edition": the suggested citations and the downloads, as HTML.

The page's Markdown has the section's heading and words; it marks where the generated parts go
with HTML comments, which Markdown passes through untouched:

    <!-- citation:original -->   APA 7 and Chicago of the brief as KIND published it
    <!-- citation:edition -->    the same for this edition in the page's language
    <!-- citation:downloads -->  links to the BibTeX, RIS and CSL-JSON files
"""

from __future__ import annotations

from markupsafe import Markup

from .formats import DOWNLOADS
from .styles import Citation

MARKERS = {"original": "<!-- citation:original -->", "edition": "<!-- citation:edition -->",
           "downloads": "<!-- citation:downloads -->"}
# The styles' names as each language's readers know them.
STYLE_NAMES = {
    "en": {"apa": "APA 7", "chicago": "Chicago (author-date)"},
    "es": {"apa": "APA 7", "chicago": "Chicago (autor-fecha)"},
}
FORMAT_NAMES = {".bib": "BibTeX", ".ris": "RIS", ".json": "CSL-JSON"}


def citation_list(citation: Citation, language: str) -> Markup:
    names = STYLE_NAMES.get(language, STYLE_NAMES["en"])
    return Markup('<dl class="edition-citation" id="cite-{id}">'
                  '<dt>{apa_name}</dt><dd class="edition-citation__apa">{apa}</dd>'
                  '<dt>{chicago_name}</dt><dd class="edition-citation__chicago">{chicago}</dd></dl>').format(
        id=citation.item_id, apa_name=names["apa"], apa=citation.apa,
        chicago_name=names["chicago"], chicago=citation.chicago)


def download_links(folder_url: str) -> Markup:
    """Links relative to the page (`folder_url` ends in `/`), each with its media type."""
    items = Markup("").join(
        Markup('<li><a href="{href}" type="{type}" download>{name}</a> <code>{file}</code></li>').format(
            href=folder_url + name, type=media_type, name=FORMAT_NAMES[name[name.rindex("."):]], file=name)
        for name, media_type in DOWNLOADS.items())
    return Markup('<ul class="edition-citation-downloads">{}</ul>').format(items)


def fill(html: str, *, original: Citation, edition: Citation, language: str, folder_url: str) -> str:
    """The page's HTML with each marker replaced; a page without markers comes back unchanged."""
    parts = {"original": citation_list(original, language), "edition": citation_list(edition, language),
             "downloads": download_links(folder_url)}
    for key, marker in MARKERS.items():
        html = html.replace(marker, str(parts[key]))
    return html
