"""A translated page beside its English original, block by block, as translation tools show it.

Each English block (heading, paragraph, list item, note, admonition, table, code) is paired with the
translation's block in the same place of the page's structure, the English words that changed
since the translation was reviewed are marked, and the glossary's renderings of the terms the
English block uses are given beside it. `translation-diff --side-by-side` prints it; the preview
(`serve`) shows it as a page (`/_translation/<lang>/<page>/`).
"""

from __future__ import annotations

import difflib
import html
import re
import shutil
import textwrap
from dataclasses import dataclass

from refcheck.translation.pages import body_of

# The first line of a block says what kind of block it is.
_KINDS = [
    (re.compile(r"(#{1,6})\s"), lambda m: f"h{len(m.group(1))}"),
    (re.compile(r"\[\^([^\]\s]+)\]:"), lambda m: f"note:{m.group(1)}"),
    (re.compile(r"(!!!|\?\?\?\+?)\s*(\w+)"), lambda m: f"admonition:{m.group(2)}"),
    (re.compile(r"///\s*(\w+)"), lambda m: f"block:{m.group(1)}"),
    (re.compile(r"(```|~~~)"), lambda m: "code"),
    (re.compile(r"[-*+]\s"), lambda m: "item"),
    (re.compile(r"\d+[.)]\s"), lambda m: "item"),
    (re.compile(r">"), lambda m: "quote"),
    (re.compile(r"\|"), lambda m: "table"),
    (re.compile(r"<"), lambda m: "html"),
]


@dataclass(frozen=True)
class Block:
    """One block of a page's Markdown: its kind (`h2`, `note:3`, `item`, `p`, ...), line and text."""

    kind: str
    line: int
    text: str


def _kind(first_line: str) -> str:
    stripped = first_line.lstrip()
    for pattern, name in _KINDS:
        match = pattern.match(stripped)
        if match:
            return name(match)
    return "p"


def blocks(markdown: str) -> list[Block]:
    """The page's blocks: split at blank lines and at list items; indented lines after a blank line
    (a note's or an admonition's continuation, a list item's paragraph) stay with their block."""
    body = body_of(markdown)
    offset = markdown.count("\n", 0, len(markdown) - len(body)) if body and markdown.endswith(body) else 0
    found: list[Block] = []
    current: list[str] = []
    start = 0
    fence = None

    def close() -> None:
        while current and not current[-1].strip():
            current.pop()
        if current:
            found.append(Block(_kind(current[0]), start + offset, "\n".join(current)))
        current.clear()

    for number, line in enumerate(body.split("\n"), start=1):
        stripped = line.strip()
        if fence:
            current.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        starts_item = bool(re.match(r"\s{0,3}([-*+]|\d+[.)])\s", line)) and not line.startswith("    ")
        continues = line.startswith(("    ", "\t")) and current
        if not stripped:
            current.append(line)
            continue
        blank_before = bool(current) and not current[-1].strip()
        if not current or (blank_before and not continues) or (starts_item and not line.startswith(" ")):
            close()
            start = number
        current.append(line)
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
    close()
    return found


def _pairs(english: list[Block], translated: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Blocks paired by their place in the page's structure (the kinds' sequence)."""
    matcher = difflib.SequenceMatcher(None, [b.kind for b in english], [b.kind for b in translated], autojunk=False)
    pairs: list[tuple[Block | None, Block | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = english[i1:i2], translated[j1:j2]
        if tag in ("equal", "replace"):
            common = min(len(left), len(right))
            pairs += list(zip(left[:common], right[:common]))
            left, right = left[common:], right[common:]
        pairs += [(block, None) for block in left] + [(None, block) for block in right]
    return pairs


@dataclass(frozen=True)
class Row:
    """An English block, its translation, the English words changed since review, glossary hints."""

    english: Block | None
    translated: Block | None
    changes: tuple[tuple[str, str], ...]  # ("equal" | "removed" | "added", words)
    hints: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return any(kind != "equal" for kind, _ in self.changes)


def _word_changes(reviewed: str | None, current: str) -> tuple[tuple[str, str], ...]:
    new = current.split()
    if reviewed is None:
        return (("equal", " ".join(new)),)
    old = reviewed.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("equal", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(new[j1:j2])))
    return tuple(parts)


def _hints(text: str, terms, language: str) -> tuple[str, ...]:
    from refcheck.translation.terms import pattern

    hints = []
    for term in terms:
        rendering = term.renderings.get(language)
        if rendering is None or not rendering.use:
            continue
        if any(pattern(form, term.case_sensitive).search(text) for form in term.forms):
            hints.append(f"{term.term} → {' / '.join(rendering.use)}")
    return tuple(hints)


def rows(english_text: str, translated_text: str, reviewed_text: str | None, terms, language: str) -> list[Row]:
    """The page side by side. `reviewed_text`: the English the translation was reviewed against
    (None: nothing to mark)."""
    english = blocks(english_text)
    reviewed = {id(now): before for now, before in _pairs(english, blocks(reviewed_text))
                if now is not None} if reviewed_text is not None else {}
    result = []
    for left, right in _pairs(english, blocks(translated_text)):
        if left is None:
            result.append(Row(None, right, (), ()))
            continue
        before = reviewed.get(id(left)) if reviewed_text is not None else left
        changes = _word_changes(before.text if before is not None else "", left.text)
        result.append(Row(left, right, changes, _hints(left.text, terms, language)))
    return result


def as_text(rows_: list[Row], english_file: str, translated_file: str, width: int | None = None,
            only_changed: bool = False) -> str:
    """Two columns (one above the other on a narrow terminal); changes as [-removed-]{+added+}."""
    width = width or shutil.get_terminal_size((120, 40)).columns
    column = max(30, (width - 3) // 2)
    out = [f"{english_file:<{column}} │ {translated_file}", "─" * column + "─┼─" + "─" * column]
    for row in rows_:
        if only_changed and not row.changed:
            continue
        left = " ".join(words if kind == "equal" else f"[-{words}-]" if kind == "removed" else f"{{+{words}+}}"
                        for kind, words in row.changes)
        right = " ".join(row.translated.text.split()) if row.translated else "—"
        where_left = f"{row.english.line}: " if row.english else ""
        where_right = f"{row.translated.line}: " if row.translated else ""
        left_lines = textwrap.wrap(where_left + left, column) or [""]
        right_lines = textwrap.wrap(where_right + right, column) or [""]
        for index in range(max(len(left_lines), len(right_lines))):
            a = left_lines[index] if index < len(left_lines) else ""
            b = right_lines[index] if index < len(right_lines) else ""
            out.append(f"{a:<{column}} │ {b}")
        for hint in row.hints:
            out.append(f"{'':<{column}} │   ≈ {hint}")
        out.append(f"{'':<{column}} │")
    return "\n".join(out) + "\n"


def as_html(rows_: list[Row], *, title: str, english_file: str, translated_file: str, labels: dict[str, str],
            language: str) -> str:
    """A page of the preview: one table row per block; every text escaped, no script."""
    e = html.escape
    body = []
    for row in rows_:
        left = "".join(
            e(words) + " " if kind == "equal" else f"<del>{e(words)}</del> " if kind == "removed"
            else f"<ins>{e(words)}</ins> " for kind, words in row.changes)
        right = e(" ".join(row.translated.text.split())) if row.translated else f"<em>{e(labels['missing'])}</em>"
        hints = "".join(f"<li>{e(hint)}</li>" for hint in row.hints)
        line_left = f'<span class="line">{row.english.line}</span>' if row.english else ""
        line_right = f'<span class="line">{row.translated.line}</span>' if row.translated else ""
        css = ' class="changed"' if row.changed else ""
        body.append(f'<tr{css}><td lang="en">{line_left}{left}</td><td lang="{e(language)}">{line_right}{right}'
                    f'{f"<ul class=hints>{hints}</ul>" if hints else ""}</td></tr>')
    return f"""<!DOCTYPE html>
<html lang="{e(language)}">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{e(title)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 1.5rem; color: #111; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border-top: 1px solid #ccc; padding: .5rem .75rem; vertical-align: top; text-align: left; }}
tr.changed td:first-child {{ border-left: 4px solid #b45309; }}
ins {{ background: #d1fae5; text-decoration: underline; }} del {{ background: #fee2e2; }}
.line {{ color: #555; font-size: .8em; margin-right: .5em; }}
.hints {{ font-size: .85em; color: #333; margin: .4rem 0 0; padding-left: 1.2rem; }}
</style></head>
<body>
<h1>{e(title)}</h1>
<p>{e(labels['legend'])}</p>
<table><thead><tr><th scope="col">{e(english_file)}</th><th scope="col">{e(translated_file)}</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""
