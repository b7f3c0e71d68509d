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
"""

from __future__ import annotations

import re

from refcheck.safehtml.removals import Removal

MIN_VALUE_LENGTH = 4  # shorter values ("x", "1") would match anywhere
MAX_PATTERN_CHARACTERS = 60


class SourceLocator:
    def __init__(self, source: str, body_start: int = 0) -> None:
        """`source`: the whole file; `body_start`: where the Markdown begins (after front matter)."""
        self.source = source
        self.body_start = body_start
        self._cursor = body_start  # where the previous removal was found
        self._used: set[int] = set()  # text already taken by a removal, so the next one looks further

    def _find(self, pattern: re.Pattern[str]) -> int | None:
        for start in (self._cursor, self.body_start):
            for found in pattern.finditer(self.source, start):
                if found.start() not in self._used:
                    self._used.add(found.start())
                    self._cursor = found.start()
                    return found.start()
        return None

    def _patterns(self, removal: Removal) -> list[re.Pattern[str]]:
        patterns = []
        if removal.attribute is not None:
            value = removal.value.strip()
            if len(value) >= MIN_VALUE_LENGTH:
                patterns.append(re.compile(re.escape(value)))
                # The same text with spaces, tabs or line breaks anywhere (Markdown turns a tab into spaces).
                compact = [ch for ch in value if ch > " "][:MAX_PATTERN_CHARACTERS]
                patterns.append(re.compile(r"[\s\x00-\x1f]*".join(re.escape(ch) for ch in compact)))
            name = re.escape(removal.attribute)
            patterns.append(re.compile(rf"(?<![\w-]){name}\s*=", re.IGNORECASE))
            patterns.append(re.compile(rf"(?<![\w-]){name}(?![\w=-])", re.IGNORECASE))  # `{ download }`
        patterns.append(re.compile(rf"<\s*{re.escape(removal.tag)}(?![\w-])", re.IGNORECASE))
        return patterns

    def line(self, removal: Removal) -> tuple[int, bool]:
        """(1-based line in the file, whether the text was found there)."""
        for pattern in self._patterns(removal):
            offset = self._find(pattern)
            if offset is not None:
                return self.source.count("\n", 0, offset) + 1, True
        return self.source.count("\n", 0, self.body_start) + 1, False
