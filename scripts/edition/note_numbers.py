"""Show the brief's own note numbers and back-link titles in the page's language.

Python-Markdown numbers the notes of every page from 1, whatever their labels. The brief numbers
its notes 1 to 6 across the whole text, and each page writes `[^5]` for the brief's note 5, so
this extension shows each note's label instead of its position on the page. The footnotes extension
also titles its back-links in English only ("Jump back to footnote 1 in the text"); the title is
taken here from `extra.edition.footnote_backlink`, which each language sets in mkdocs.yml.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# The footnotes extension joins "fn"/"fnref" and the label with this separator.
SEPARATOR = ":"
DEFAULT_BACKLINK_TITLE = "Back to note {n} in the text"
# What a screen reader says for a note's marker ("Note 2", not "2"), and the notes' heading.
DEFAULT_REFERENCE_LABEL = "Note {n}"
DEFAULT_NOTES_HEADING = "Notes"
# Hidden from sight, not from screen readers (overrides/assets/stylesheets/edition.css).
VISUALLY_HIDDEN = "edition-visually-hidden"


def _label(id_or_href: str) -> str:
    """`#fn:5` or `fnref2:5` -> `5`."""
    return id_or_href.rsplit(SEPARATOR, 1)[-1]


class BriefNumbers(Treeprocessor):
    def __init__(self, md: Markdown, extension: "BriefFootnotesExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        title = self.extension.backlink_title
        for element in root.iter():
            classes = element.get("class", "").split()
            if element.tag == "a" and "footnote-ref" in classes:
                element.text = _label(element.get("href", ""))
                element.set("aria-label", self.extension.reference_label.format(n=element.text))
            elif element.tag == "a" and "footnote-backref" in classes:
                text = title.format(n=_label(element.get("href", "")))
                element.set("title", text)
                element.set("aria-label", text)
            elif element.tag == "li" and element.get("id", "").startswith("fn" + SEPARATOR):
                label = _label(element.get("id", ""))
                if label.isdigit():
                    element.set("value", label)


class NotesHeading(Treeprocessor):
    """A heading over the notes for screen readers' heading navigation, hidden from sight.

    Added after the table of contents is made (its treeprocessor runs at 5), so that it is in no
    contents list and gets no permalink."""

    def __init__(self, md: Markdown, extension: "BriefFootnotesExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for element in root.iter("div"):
            if "footnote" in element.get("class", "").split():
                heading = etree.Element("h2", {"class": VISUALLY_HIDDEN})
                heading.text = self.extension.notes_heading
                element.insert(0, heading)


class BriefFootnotesExtension(Extension):
    backlink_title = DEFAULT_BACKLINK_TITLE
    reference_label = DEFAULT_REFERENCE_LABEL
    notes_heading = DEFAULT_NOTES_HEADING

    def extendMarkdown(self, md: Markdown) -> None:
        # After the footnotes extension has built the notes (50), linked duplicates (15) and
        # reordered them (19); before prettify (10).
        md.treeprocessors.register(BriefNumbers(md, self), "brief-footnote-numbers", 12)
        md.treeprocessors.register(NotesHeading(md, self), "brief-notes-heading", 4)
