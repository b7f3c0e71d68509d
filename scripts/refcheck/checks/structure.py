"""A translation keeps its original's shape, and no page renders silently wrong.

Each page is rendered as the build renders it (Python-Markdown with the project's
`markdown_extensions`, refcheck/safehtml/render.py) and read block by block (refcheck/shape.py).
A translation is compared with its original section by section (a section runs from one heading to
the next): the headings' number and levels, then in each section the blocks in order (paragraphs,
lists and their items, admonitions with their kind, title and body, tables' rows and columns, code
blocks, block quotes, images), and each note's paragraphs and the addresses it holds. The first
divergence of a section is reported at the translation's line (later ones in the same section
follow from it, or show once it is fixed). Four slips are reported on every page, original or
not (refcheck/pitfalls.py); a section that holds one is not compared, since the slip is the cause.
A page that mkdocs-macros computes in part (template regions, refcheck/templates.py) is not compared:
what it renders to is the plugin's to know.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.config import Config
from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.pitfalls import Slip, slips
from refcheck.project import Page, Project
from refcheck.safehtml import page as safe_page
from refcheck.safehtml.render import Renderer, renderer
from refcheck.shape import Block, Shape, shape
from refcheck.structure_words import describe, slip_message
from refcheck.templates import blank_templates
from refcheck.uitext import _, language_name

STRUCTURE_PARITY = Rule(
    "structure-parity",
    "A translation's rendered structure differs from its original's: headings, paragraphs, lists, admonitions, "
    "tables, code blocks, quotes, images or a note's paragraphs and addresses.",
    Severity.ERROR,
    "A translation keeps the original's shape: a list that became a paragraph, a table that lost a "
    "column or a note that lost its paragraph is a page readers get broken, and a build that passes "
    "hides it. Compared as the build renders both pages, block by block; reported at the translation's line.",
    "en: `- one`/`- two` (a list of 2 items)  es: `- uno - dos` (a list of 1 item)",
    "en: `- one`/`- two`  es: `- uno`/`- dos`",
)
ADMONITION_AS_TEXT = Rule(
    "admonition-as-text",
    "An admonition line (`!!! note \"Title\"`) renders as plain text.",
    Severity.ERROR,
    "An unclosed title quote, or a marker that does not start its own block, leaves the `!!!` line "
    "on the page as text, and the indented body becomes a grey code block.",
    '!!! note "Nota', '!!! note "Nota"',
)
ADMONITION_EMPTY = Rule(
    "admonition-empty",
    "An admonition renders with a title and nothing inside it.",
    Severity.ERROR,
    "Its body was not indented by 4 spaces: readers see an empty box and the text below it, outside.",
    '!!! note "Nota"\nTexto sin sangría.', '!!! note "Nota"\n    Texto con sangría.',
)
FOOTNOTE_CONTINUATION = Rule(
    "footnote-continuation",
    "A note's line after a blank line is indented less than 4 spaces, so it leaves the note.",
    Severity.ERROR,
    "Python-Markdown ends the note at the blank line: the rest (often a source's address) moves into "
    "the page's text, away from its note.",
    "[^5]: Texto.\n\n  <https://example.org/>", "[^5]: Texto.\n\n    <https://example.org/>",
)
INLINE_UNCLOSED = Rule(
    "inline-unclosed",
    "An inline HTML element (`<span lang=\"en\">`) or a `^^`, `==` or `~~` marker is never closed.",
    Severity.ERROR,
    "An unclosed element carries on to the end of its paragraph (English marking over Spanish text, "
    "bold over the rest); an unclosed marker shows on the page as typed.",
    '<span lang="en">Remain in Mexico', '<span lang="en">Remain in Mexico</span>',
)
RULES = [STRUCTURE_PARITY, ADMONITION_AS_TEXT, ADMONITION_EMPTY, FOOTNOTE_CONTINUATION, INLINE_UNCLOSED]
SLIP_RULES = {"admonition-text": ADMONITION_AS_TEXT, "admonition-empty": ADMONITION_EMPTY,
              "note-continuation": FOOTNOTE_CONTINUATION, "element-open": INLINE_UNCLOSED,
              "marker-open": INLINE_UNCLOSED}


@dataclass(frozen=True)
class _Read:
    page: Page
    shape: Shape
    slips: list[Slip]
    templated: bool = False  # mkdocs-macros computes part of it: its rendered structure is not known


def _extensions(render: Renderer) -> tuple[str, ...]:
    """The extensions by name, less those whose `^^`/`~~` the project's options turn off (then typed on purpose)."""
    off = {"pymdownx.caret": "insert", "pymdownx.tilde": "delete"}
    return tuple(name.removeprefix("markdown.extensions.") for name in render.extensions
                 if name not in off or render.options.get(name, {}).get(off[name], True) is not False)


def _read(project: Project, page: Page, render: Renderer) -> _Read | None:
    try:
        data = (project.root / page.file).read_bytes()
    except OSError:
        return None  # the reader of the project reported it
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    source = safe_page.Source.read(text)
    if safe_page.limit_problems(source):
        return None  # page-limits reports it; rendering it is what the limits prevent
    body = source.body
    if project.read_options.templates is not None:
        body, _includes = blank_templates(body)  # same lines, template regions blank
    try:
        html = render.html(body)
    except Exception:  # an extension's bug on odd input: unsafe-html reports it
        return None
    found = shape(html, body, source.body_line)
    return _Read(page, found, slips(found, body, source.body_line, _extensions(render)), body != source.body)


def _sections(blocks: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    sections: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if block.kind == "heading":
            sections.append((block, []))
        else:
            sections[-1][1].append(block)
    return sections


def _surface(block: Block) -> tuple:
    return (block.kind, block.detail, block.images, block.empty, len(block.children) if block.kind != "item" else 0)


def _joined_at(longer: list[float], shorter: list[float], limit: int | None = None) -> int:
    """Where two blocks of `longer` became one of `shorter` (block shares of their section's text):
    the place that leaves the least difference, all others paired in order (prefix and suffix sums:
    one pass each way)."""
    size = len(shorter)
    before = [0.0]
    for index in range(size):
        before.append(before[-1] + abs(shorter[index] - longer[index]))
    after = [0.0] * (size + 1)
    for index in range(size - 1, -1, -1):
        after[index] = after[index + 1] + abs(shorter[index] - longer[index + 1])
    candidates = range(size if limit is None else min(size, limit + 1))
    return min(candidates, key=lambda i: before[i] + abs(shorter[i] - longer[i] - longer[i + 1]) + after[i + 1])


def _odd_paragraph(ours: list[Block], theirs: list[Block]) -> int | None:
    """Where a translation split one paragraph (one block more) or joined two (one fewer), when the
    blocks are paragraphs alike: found by each paragraph's share of its section's text (Spanish runs
    longer than English, so shares are compared, not lengths). For a split, the second part's index."""
    if not ours or not theirs or any(b.kind != "paragraph" for b in ours + theirs):
        return None
    total_ours = sum(len(b.title) for b in ours) or 1
    total_theirs = sum(len(b.title) for b in theirs) or 1
    mine = [len(b.title) / total_ours for b in ours]
    yours = [len(b.title) / total_theirs for b in theirs]
    if len(theirs) > len(ours):
        return _joined_at(yours, mine) + 1
    return _joined_at(mine, yours)


def _difference(ours: list[Block], theirs: list[Block], line: int) -> tuple[Block | None, Block | None, int] | None:
    """The first block that differs: (the original's, the translation's, the translation's line); a
    block one side lacks is None (a join: the translation's block and the original's second)."""
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else None
        yours = theirs[index] if index < len(theirs) else None
        if mine is None or yours is None:
            odd = _odd_paragraph(ours, theirs) if abs(len(ours) - len(theirs)) == 1 else None
            if odd is not None and len(theirs) > len(ours):
                return None, theirs[odd], theirs[odd].line
            if odd is not None:
                return ours[odd + 1], None, -theirs[odd].line  # negative: joined into this paragraph
            return mine, yours, yours.line if yours is not None else (theirs[-1].line if theirs else line)
        if mine.signature() == yours.signature():
            continue
        if _surface(mine) == _surface(yours) or (mine.kind == yours.kind and mine.kind in ("quote", "item", "admonition")
                                                 and (mine.kind, mine.detail, mine.empty) == (yours.kind, yours.detail, yours.empty)):
            inner = _difference(mine.children, yours.children, yours.line)
            if inner is not None:
                return inner
        return mine, yours, yours.line
    return None


def _finding(original: Page, name: str, mine: Block | None, yours: Block | None, line: int, file: str,
             before: bool = False) -> Finding:
    where = Location(file, abs(line), None)
    if mine is None:
        return Finding.at(STRUCTURE_PARITY, where, _(
            "{block} here is not in the {language} page ({file}): the translation must keep the original's "
            "blocks; join it to its neighbour or remove it").format(block=describe(yours), language=name, file=original.file))
    if yours is None and line < 0:
        return Finding.at(STRUCTURE_PARITY, where, _(
            "this paragraph joins two of the {language} page's; leave a blank line where the one at {file}:{line} "
            "begins").format(language=name, file=original.file, line=mine.line))
    if yours is None:
        message = _("{block} of the {language} page ({file}:{line}) is missing before this line") if before else _(
            "{block} of the {language} page ({file}:{line}) is missing after this line")
        return Finding.at(STRUCTURE_PARITY, where, message.format(
            block=describe(mine), language=name, file=original.file, line=mine.line))
    return Finding.at(STRUCTURE_PARITY, where, _(
        "{block} here, where the {language} page has {original} ({file}:{line})").format(
            block=describe(yours), language=name, original=describe(mine), file=original.file, line=mine.line))


def _size(block: Block) -> int:
    return 1 + len(block.title) + sum(_size(child) for child in block.children)


def _shares(sections: list[tuple[Block | None, list[Block]]]) -> list[float]:
    sizes = [sum(_size(block) for block in blocks) for _heading, blocks in sections]
    total = sum(sizes) or 1
    return [size / total for size in sizes]


def _headings(original: _Read, translation: _Read, name: str) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Findings on the headings, and the pairs of sections (original's, translation's) to compare.
    Headings are matched by id where the two pages share ids, else by level; a heading added or
    dropped where both agree is found by the sections' shares of the page's text (the two sections
    it parts, or the one its loss joins), and the sections after it are compared one place over."""
    ours_sections, theirs_sections = _sections(original.shape.blocks), _sections(translation.shape.blocks)
    ours = [h for h, _blocks in ours_sections[1:] if h is not None]
    theirs = [h for h, _blocks in theirs_sections[1:] if h is not None]
    our_ids, their_ids = {h.anchor for h in ours}, {h.anchor for h in theirs}
    file = translation.page.file
    if len(ours) == len(theirs):
        return ([_finding(original.page, name, mine, yours, yours.line, file)
                 for mine, yours in zip(ours, theirs) if mine.detail != yours.detail],
                [(index, index) for index in range(len(ours) + 1)])
    explicit = {h.id for h in original.page.facts.headings if h.explicit} | {
        h.id for h in translation.page.facts.headings if h.explicit}
    index = next((i for i in range(min(len(ours), len(theirs))) if ours[i].detail != theirs[i].detail or (
        (ours[i].anchor in their_ids or theirs[i].anchor in our_ids) and ours[i].anchor != theirs[i].anchor)),
        min(len(ours), len(theirs)))
    if abs(len(ours) - len(theirs)) == 1:  # the heading is at the first mismatch or before it
        if len(theirs) > len(ours):  # sections j and j+1 of the translation stand for section j
            index = _joined_at(_shares(theirs_sections), _shares(ours_sections), index)
        else:
            index = _joined_at(_shares(ours_sections), _shares(theirs_sections), index)
        pairs = [(i, i) for i in range(index + 1)]
        pairs += [(i, i + 1) if len(theirs) > len(ours) else (i + 1, i) for i in range(index + 1, min(len(ours), len(theirs)) + 1)]
        if len(theirs) > len(ours):
            pairs = [(i, j) for i, j in pairs if j != index + 1 and i != index]
        else:
            pairs = [(i, j) for i, j in pairs if j != index]
    else:
        pairs = [(i, i) for i in range(index + 1)]
    mine = ours[index] if index < len(ours) else None
    yours = theirs[index] if index < len(theirs) else None
    if (yours if len(theirs) > len(ours) else mine).anchor in explicit - (our_ids & their_ids):
        return [], pairs  # a heading with an explicit id is heading-id-parity's to report, at the same place
    if len(theirs) > len(ours):
        return [_finding(original.page, name, None, yours, yours.line, file)], pairs
    if yours is not None:
        return [_finding(original.page, name, mine, None, yours.line, file, before=True)], pairs
    return [_finding(original.page, name, mine, None, theirs[-1].line if theirs else 1, file)], pairs


def _holds_slip(sections: list[tuple[Block | None, list[Block]]], index: int, read: _Read) -> bool:
    heading = sections[index][0]
    start = heading.line if heading is not None else 0
    following = sections[index + 1][0] if index + 1 < len(sections) else None
    end = following.line if following is not None else 10**9
    return any(start <= slip.line < end for slip in read.slips)


def _compare(original: _Read, translation: _Read, project: Project, editions: set[str]) -> Iterator[Finding]:
    name = language_name(original.page.language, project.language_name(original.page.language))
    findings, pairs = _headings(original, translation, name)
    yield from findings
    ours, theirs = _sections(original.shape.blocks), _sections(translation.shape.blocks)
    for mine, index in pairs:
        # A slip on either side is the cause, reported where it is; the section is not compared.
        if _holds_slip(ours, mine, original) or _holds_slip(theirs, index, translation):
            continue
        heading = theirs[index][0]
        found = _difference(ours[mine][1], theirs[index][1], heading.line if heading is not None else 1)
        if found is not None:
            yield _finding(original.page, name, *found, translation.page.file)
    yield from _compare_notes(original, translation, name, editions)


def _compare_notes(original: _Read, translation: _Read, name: str, editions: set[str]) -> Iterator[Finding]:
    left = {slip.text for read in (original, translation) for slip in read.slips if slip.kind == "note-continuation"}
    where = {d.label: d.where for d in translation.page.facts.footnote_defs}
    at = {d.label: d.where.line for d in original.page.facts.footnote_defs}
    ours_all = {url for note in original.shape.notes.values() for url in note.addresses} | {l.url for l in original.page.facts.links}
    theirs_all = {url for note in translation.shape.notes.values() for url in note.addresses} | {l.url for l in translation.page.facts.links}
    for label, mine in original.shape.notes.items():
        yours = translation.shape.notes.get(label)
        if yours is None or label in left or label not in where:
            continue
        if mine.paragraphs != yours.paragraphs:
            yield Finding.at(STRUCTURE_PARITY, where[label], _(
                "note [^{label}] has {count} paragraphs here and {original} in the {language} page ({file}:{line}); "
                "indent each further paragraph of a note by 4 spaces").format(
                    label=label, count=yours.paragraphs, original=mine.paragraphs, language=name,
                    file=original.page.file, line=at.get(label, 1)))
        moved_out = sorted((mine.addresses - yours.addresses) & theirs_all)
        moved_in = sorted((yours.addresses - mine.addresses) & ours_all - editions)
        if moved_out or moved_in:
            yield Finding.at(STRUCTURE_PARITY, where[label], _(
                "note [^{label}] here holds {theirs}, where note [^{label}] of the {language} page ({file}:{line}) "
                "holds {ours}: each address belongs in the note that cites it").format(
                    label=label, theirs=_addresses(yours.addresses - editions), ours=_addresses(mine.addresses),
                    language=name, file=original.page.file, line=at.get(label, 1)))


def _addresses(urls: frozenset[str]) -> str:
    return ", ".join(f"`{url}`" for url in sorted(urls)) or _("no address")


def check(project: Project, config: Config) -> Iterator[Finding]:
    render = renderer(project.config.get("markdown_extensions"))
    wanted = [rule for rule in RULES if config.enabled(rule)]
    if not wanted:
        return
    read: dict[str, _Read] = {}
    for page in project.pages:
        result = _read(project, page, render)
        if result is None:
            continue
        read[page.file] = result
        for slip in result.slips:
            yield Finding.at(SLIP_RULES[slip.kind], Location(page.file, slip.line, None), slip_message(slip))
    if not config.enabled(STRUCTURE_PARITY):
        return
    default = project.default_language
    editions = {str(url) for url in config.options("url-parity").get("translated_editions", [])}
    for page in project.pages:
        if page.language in (default, "") or page.file not in read:
            continue
        original = project.page(default, page.key)
        if original is not None and original.file in read and not (read[original.file].templated or read[page.file].templated):
            yield from _compare(read[original.file], read[page.file], project, editions)
