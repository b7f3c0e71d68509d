"""Where in the Markdown source a removed element or attribute was written.

The sanitizer sees HTML; translators fix Markdown. Each removal is looked up in the page's source
text, in the page's order, by the text that produced it: an attribute by its value (the value of
`onerror=...`, of `href="javascript:..."` whether written in raw HTML, in an attr_list `{ ... }` or
as a Markdown link target), else by its name followed by `=`; an element by `<tag`. Each kind of
text is searched from where the previous removal was found, so the second `<script>` of a page is
placed at the second one in the source. Text written with character references (`&#106;avascript:`)
is found by the attribute's name instead; what cannot be found at all is placed at the first line
of the page's Markdown (after the front matter), and the message says so.

Removals come in the page's order, so each search starts where the previous removal was found
(not after it: one tag can lose several attributes) and wraps around to the top if nothing
follows. Footnote definitions are the exception (the HTML moves them to the end of the page); a
removal inside one is still found, by the wrap-around.

The work is linear in the page, however many removals it has (a code block with line anchors
makes thousands, none of them written in the source): tags and attribute names are indexed in one
pass, lines are found by bisection, and searching for values (which may be absent, and each
failed search reads the whole page) stops once it has read the page `VALUE_SEARCH_PASSES` times;
later removals are then placed by their attribute's name or their tag.
"""

from __future__ import annotations

import bisect
import re

from refcheck.safehtml.removals import Removal

MIN_VALUE_LENGTH = 4  # shorter values ("x", "1") would match anywhere
MAX_PATTERN_CHARACTERS = 60
VALUE_SEARCH_PASSES = 8
_TAG = re.compile(r"<\s*([^\s/>!?<]+)")
_ATTRIBUTE = re.compile(r"(?<![\w-])([\w:.-]+)\s*=")
_BARE_ATTRIBUTE = re.compile(r"(?<![\w-])([\w:.-]+)(?![\w=-])")  # `{ download }`: a name without a value


class _Positions:
    """The offsets where one tag or attribute name is written, each taken at most once."""

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self._next: dict[int, int] = {}  # index taken -> an index after it that may be free

    def _free(self, index: int) -> int:
        trail = []
        while index in self._next:
            trail.append(index)
            index = self._next[index]
        for passed in trail:  # path compression: the next look skips them all at once
            self._next[passed] = index
        return index

    def take(self, start: int, top: int) -> int | None:
        """The first offset not taken at or after `start`, else at or after `top`; taken now."""
        for begin in (start, top):
            index = self._free(bisect.bisect_left(self.offsets, begin))
            if index < len(self.offsets):
                self._next[index] = index + 1
                return self.offsets[index]
        return None


def _index(pattern: re.Pattern[str], text: str) -> dict[str, _Positions]:
    found: dict[str, _Positions] = {}
    for match in pattern.finditer(text):
        found.setdefault(match.group(1).lower(), _Positions()).offsets.append(match.start())
    return found


class SourceLocator:
    def __init__(self, source: str, body_start: int = 0) -> None:
        """`source`: the whole file; `body_start`: where the Markdown begins (after front matter)."""
        self.source = source
        self.body_start = body_start
        self._cursor = body_start  # where the previous removal was found
        self._used: set[int] = set()  # value text already taken by a removal, so the next one looks further
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._tags = _index(_TAG, source)
        self._attributes = _index(_ATTRIBUTE, source)
        self._bare: dict[str, _Positions] | None = None  # indexed when a name is not found with `=`
        self._value_budget = VALUE_SEARCH_PASSES * max(len(source), 1)
        self._absent: set[str] = set()  # value patterns not in the page at all
        self.characters_searched = 0  # what the value searches read (tests count it)

    def _search(self, pattern: re.Pattern[str]) -> int | None:
        if pattern.pattern in self._absent:
            return None
        for start in (self._cursor, self.body_start):
            for found in pattern.finditer(self.source, start):
                if found.start() not in self._used:
                    self.characters_searched += found.end() - start
                    self._used.add(found.start())
                    self._cursor = found.start()
                    return found.start()
            self.characters_searched += len(self.source) - start
        self._absent.add(pattern.pattern)
        return None

    def _value_patterns(self, value: str) -> list[re.Pattern[str]]:
        value = value.strip()
        if len(value) < MIN_VALUE_LENGTH:
            return []
        # The same text with spaces, tabs or line breaks anywhere (Markdown turns a tab into spaces).
        compact = [ch for ch in value if ch > " "][:MAX_PATTERN_CHARACTERS]
        return [re.compile(re.escape(value)), re.compile(r"[\s\x00-\x1f]*".join(re.escape(ch) for ch in compact))]

    def _offset(self, removal: Removal) -> int | None:
        if removal.attribute is not None:
            if self.characters_searched < self._value_budget:
                for pattern in self._value_patterns(removal.value):
                    offset = self._search(pattern)
                    if offset is not None:
                        return offset
            named = self._attributes.get(removal.attribute.lower())
            offset = named.take(self._cursor, self.body_start) if named is not None else None
            if offset is None:
                if self._bare is None:
                    self._bare = _index(_BARE_ATTRIBUTE, self.source)
                bare = self._bare.get(removal.attribute.lower())
                offset = bare.take(self._cursor, self.body_start) if bare is not None else None
            if offset is not None:
                self._cursor = offset
                return offset
        tagged = self._tags.get(removal.tag.lower())
        offset = tagged.take(self._cursor, self.body_start) if tagged is not None else None
        if offset is not None:
            self._cursor = offset
        return offset

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def line(self, removal: Removal) -> tuple[int, bool]:
        """(1-based line in the file, whether the text was found there)."""
        offset = self._offset(removal)
        if offset is not None:
            return self._line_of(offset), True
        return self._line_of(self.body_start), False
