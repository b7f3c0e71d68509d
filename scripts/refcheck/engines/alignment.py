"""Which paragraph of a translation stands where a paragraph of the original does.

Used to report what a translation lost (a note reference, a figure) at the translated paragraph that
lost it, rather than at the top of the page. The paragraphs are the pages' prose blocks (headings,
paragraphs, list items, notes). The anchors are the footnote references both pages have: a note
referenced in paragraph i of the original and in paragraph j of the translation ties i to j. A
paragraph with no anchor of its own is placed by its nearest anchor before it (same distance
after it, but not past the next anchor), or by its index when both pages have as many paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.facts import PageFacts


@dataclass(frozen=True)
class Paragraph:
    index: int
    first_line: int
    last_line: int


def paragraphs(facts: PageFacts) -> list[Paragraph]:
    found = []
    for index, block in enumerate(facts.prose):
        lines = [piece.line for piece in block.pieces]
        found.append(Paragraph(index, min(lines, default=block.line), max(lines, default=block.line)))
    return found


def paragraph_at(facts: PageFacts, line: int) -> Paragraph | None:
    """The paragraph that holds a line (notes come last in the prose, so not in line order)."""
    return next((p for p in paragraphs(facts) if p.first_line <= line <= p.last_line), None)


def _reference_paragraphs(facts: PageFacts) -> dict[str, int]:
    """Note label -> the paragraph of its first reference."""
    found: dict[str, int] = {}
    for reference in facts.footnote_refs:
        paragraph = paragraph_at(facts, reference.where.line or 0)
        if paragraph is not None:
            found.setdefault(reference.label, paragraph.index)
    return found


def aligned(original: PageFacts, translation: PageFacts, line: int) -> Paragraph | None:
    """The translation's paragraph that stands where the original's paragraph at `line` does."""
    source = paragraph_at(original, line)
    targets = paragraphs(translation)
    if source is None or not targets:
        return None
    ours, theirs = _reference_paragraphs(original), _reference_paragraphs(translation)
    anchors = sorted({(ours[label], theirs[label]) for label in ours.keys() & theirs.keys()})
    same = [j for i, j in anchors if i == source.index]
    if same:
        return targets[min(same)]
    before = [(i, j) for i, j in anchors if i < source.index]
    after = [(i, j) for i, j in anchors if i > source.index]
    if len(paragraphs(original)) == len(targets) and not any(j != i for i, j in anchors):
        return targets[source.index]
    if before:
        i, j = before[-1]
        limit = after[0][1] if after else len(targets) - 1
        return targets[max(0, min(j + source.index - i, limit))]
    if after:
        i, j = after[0]
        return targets[max(0, j - (i - source.index))]
    return targets[min(source.index, len(targets) - 1)]



def _sentences(facts: PageFacts, paragraph: Paragraph) -> list[tuple[tuple[int, int], int]]:
    """((line, column) where it starts, line where it ends) of each sentence of a paragraph."""
    from refcheck.engines.languageid import sentences

    block = facts.prose[paragraph.index]
    text = block.text()
    found = []
    for start, end in sentences(text):
        first = start + len(text[start:end]) - len(text[start:end].lstrip())
        line, column = block.locate(first)
        found.append(((line, column or 0), block.locate(start + len(text[start:end].rstrip()) - 1)[0]))
    return found


def aligned_line(original: PageFacts, translation: PageFacts, line: int, column: int | None, end: bool = False) -> int:
    """The line of the translation that stands where (line, column) of the original does: the first
    line of the same sentence of the aligned paragraph (its last line with `end`, where a note mark
    goes) when both paragraphs have as many sentences, else the paragraph's first line."""
    source, target = paragraph_at(original, line), aligned(original, translation, line)
    if target is None:
        return 1
    if source is None:
        return target.first_line
    ours, theirs = _sentences(original, source), _sentences(translation, target)
    if len(ours) != len(theirs) or len(ours) < 2:
        return target.first_line
    index = max(0, sum(1 for start, _ in ours if start <= (line, column or 0)) - 1)
    return theirs[index][1] if end else theirs[index][0][0]
