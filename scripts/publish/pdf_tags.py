"""PDF/UA-1 refinements of the tag tree WeasyPrint writes (Matterhorn protocol 1.1).

WeasyPrint tags the document from its boxes; where its tree falls short of PDF/UA-1 this module
completes it while the tree is built, and finishes the PDF before it is written:

* running headers and page numbers (CSS margin boxes) become pagination artifacts (Matterhorn
  18-001), not content under structure elements that are missing from the tree;
* every list item is `LI > (Lbl, LBody)` (ISO 32000-1, 14.8.4.3.3);
* an element with a `lang` attribute gives its structure element `/Lang` (Matterhorn 11-001..006),
  so the English passages of the Spanish PDF are read in English;
* each note of the brief is a `Note` with a unique `/ID`, listed in the tree's `/IDTree`
  (Matterhorn 19-003);
* each link annotation says where it goes (`/Contents`, Matterhorn 28-011), in the PDF's language,
  instead of a raw address or an anchor name;
* the viewer opens with the bookmarks shown (`/PageMode /UseOutlines`).

It follows `weasyprint.pdf.tags._build_box_tree` of the pinned WeasyPrint (tests/test_way_out.py
names it among the internals an upgrade must re-check); if that function is missing, the PDF keeps
WeasyPrint's own tags and the PDF tests say which condition no longer holds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

# The names of the settings in extra.edition that word the link descriptions.
NOTE_LINK, LINK_TO = "pdf_note_link", "pdf_link_to"
DESCRIPTION_TEXT_LIMIT = 120


@dataclass(frozen=True)
class LinkWords:
    """How links are described in the PDF's language: "Note {n}", "Link to {host}"."""

    note: str = "Note {n}"
    link_to: str = "Link to {host}"

    @classmethod
    def from_settings(cls, settings: dict) -> "LinkWords":
        return cls(note=settings.get(NOTE_LINK) or cls.note, link_to=settings.get(LINK_TO) or cls.link_to)

    def describe(self, href: str, text: str) -> str:
        """What a reader is told about a link with this address and text."""
        text = " ".join(text.split())
        if href.startswith("#"):
            target = href[1:]
            if target.startswith("fn:") or target.startswith("fn-"):
                return self.note.format(n=text or target.split(":")[-1])
            return text or target
        parts = urlsplit(href)
        if parts.scheme == "mailto":
            return parts.path
        host = (parts.hostname or "").removeprefix("www.")
        where = self.link_to.format(host=host) if host else href
        if not text or text.rstrip("/") == href.rstrip("/") or re.fullmatch(r"\S+\.\S+/\S*", text):
            return where
        if len(text) > DESCRIPTION_TEXT_LIMIT:
            text = text[:DESCRIPTION_TEXT_LIMIT].rsplit(" ", 1)[0] + "…"
        return f"{where}: {text}"


def _number(reference: bytes) -> int:
    return int(reference.split()[0])


class TagRefiner:
    """Completes WeasyPrint's tag tree for one PDF: use `building()` around `write_pdf`, and pass
    `finish` as its finisher."""

    def __init__(self, words: LinkWords) -> None:
        self.words = words
        self.pagination: dict[int, dict[int, str]] = defaultdict(dict)  # page -> MCID -> /Header|/Footer
        self.note_ids: dict[str, bytes] = {}  # /ID -> the Note element's reference
        self._original = None

    @contextmanager
    def building(self):
        from weasyprint.pdf import tags

        self._original = getattr(tags, "_build_box_tree", None)
        if self._original is None:
            yield
            return
        tags._build_box_tree = self._build
        try:
            yield
        finally:
            tags._build_box_tree = self._original

    def _build(self, box, parent, pdf, page_number, nums, annotations, tags):
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder

        if isinstance(box, boxes.MarginBox):
            before = set(nums)
            yield from self._original(box, parent, pdf, page_number, nums, annotations, tags)
            kind = "/Header" if box.at_keyword.startswith("@top") else "/Footer"
            for mcid in set(nums) - before:
                self.pagination[page_number][mcid] = kind
            return
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        own = (real.element is not None and not isinstance(real, boxes.PageBox)
               and real.element_tag not in ("html", "body"))
        for element in self._original(box, parent, pdf, page_number, nums, annotations, tags):
            if own:
                self._refine(real, element, pdf, page_number)
            yield element

    def _refine(self, box, element, pdf, page_number: int) -> None:
        import pydyf

        html_element = box.element
        language = html_element.get("lang")
        if language:
            element["Lang"] = pydyf.String(language)
            if element["S"] == "/NonStruct":  # a passage in another language is a Span of its own
                element["S"] = "/Span"
        if box.link_annotation is not None:  # the link's box: the <a>'s, or an element's inside it
            annotation = box.link_annotation
            target = ("#" + annotation["Dest"].string if "Dest" in annotation
                      else annotation["A"]["URI"].string if "A" in annotation else "")
            text = "".join(html_element.itertext())
            annotation["Contents"] = pydyf.String(self.words.describe(target, text))
        if element["S"] == "/LI":
            body = self._list_body(element, pdf, page_number)
            note_id = html_element.get("id", "")
            if body is not None and html_element.tag == "li" and note_id.startswith("fn"):
                self._note(body, note_id, pdf, page_number)

    @staticmethod
    def _new_element(role: str, parent: bytes, kids: list, pdf, page_number: int):
        import pydyf

        element = pydyf.Dictionary({"Type": "/StructElem", "S": role, "K": pydyf.Array(kids),
                                    "Pg": pdf.page_references[page_number], "P": parent})
        pdf.add_object(element)
        for kid in kids:
            if isinstance(kid, bytes):
                pdf.objects[_number(kid)]["P"] = element.reference
        return element

    def _list_body(self, item, pdf, page_number: int):
        """Put what follows the item's label into an LBody; return that LBody (None if empty)."""
        kids = list(item["K"])
        roles = [pdf.objects[_number(kid)]["S"] if isinstance(kid, bytes) else None for kid in kids]
        if "/LBody" in roles:
            return pdf.objects[_number(kids[roles.index("/LBody")])]
        label = [kid for kid, role in zip(kids, roles) if role == "/Lbl"]
        rest = [kid for kid, role in zip(kids, roles) if role != "/Lbl"]
        if not rest:
            return None
        body = self._new_element("/LBody", item.reference, rest, pdf, page_number)
        item["K"] = type(item["K"])([*label, body.reference])
        return body

    def _note(self, body, note_id: str, pdf, page_number: int) -> None:
        """The note's text as a Note with a unique /ID inside the list item's body."""
        import pydyf

        unique, count = note_id, 1
        while unique in self.note_ids:
            count += 1
            unique = f"{note_id}-{count}"
        note = self._new_element("/Note", body.reference, list(body["K"]), pdf, page_number)
        note["ID"] = pydyf.String(unique)
        body["K"] = pydyf.Array([note.reference])
        self.note_ids[unique] = note.reference

    def finish(self, document, pdf) -> None:
        """WeasyPrint's finisher: artifacts, the ID tree and the opening view."""
        import pydyf

        pdf.catalog["PageMode"] = "/UseOutlines"
        if "StructTreeRoot" not in pdf.catalog:
            return
        root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
        if self.note_ids:
            names = pydyf.Array()
            for key in sorted(self.note_ids):
                names.extend([pydyf.String(key), self.note_ids[key]])
            root["IDTree"] = pydyf.Dictionary({"Names": names})
        parent_tree = pdf.objects[_number(root["ParentTree"])]
        nums = parent_tree["Nums"]
        for page_number, kinds in self.pagination.items():
            page_refs = nums[2 * page_number + 1]
            for mcid in kinds:
                page_refs[mcid] = "null"
            page = pdf.objects[_number(pdf.page_references[page_number])]
            self._mark_artifacts(pdf.objects[_number(page["Contents"])], kinds)

    @staticmethod
    def _mark_artifacts(stream, kinds: dict[int, str]) -> None:
        import pydyf

        operations = stream.stream
        for index, item in enumerate(operations):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in kinds and index > 0:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": "/Pagination", "Subtype": kinds[item["MCID"]]})
