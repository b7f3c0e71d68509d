"""Where in the Markdown source a removed element or attribute was written.

The sanitizer sees HTML; translators fix Markdown. Each removal is looked up in the page's source
text, in the page's order, by the text that produced it: an attribute by its value (the value of
`onerror=...`, of `href="javascript:..."` whether written in raw HTML, in an attr_list `{ ... }` or
as a Markdown link target), else by its name followed by `=`; an element by `<tag`. Each kind of
text is searched from just after where it was last found, so the second `<script>` of a page is
placed at the second one in the source. Text written with character references (`&#106;avascript:`)
is found by the attribute's name instead; what cannot be found at all is placed at the first line
of the page's Markdown (after the front matter), and the message says so.
"""

from __future__ import annotations

import re

from safehtml.removals import Removal

MIN_VALUE_LENGTH = 4  # shorter values ("x", "1") would match anywhere


class SourceLocator:
    def __init__(self, source: str, body_start: int = 0) -> None:
        """`source`: the whole file; `body_start`: where the Markdown begins (after front matter)."""
        self.source = source
        self.body_start = body_start
        self._cursor: dict[str, int] = {}

    def _find(self, key: str, pattern: re.Pattern[str]) -> int | None:
        start = max(self._cursor.get(key, self.body_start), self.body_start)
        found = pattern.search(self.source, start) or pattern.search(self.source, self.body_start)
        if found is None:
            return None
        self._cursor[key] = found.end()
        return found.start()

    def _patterns(self, removal: Removal) -> list[tuple[str, re.Pattern[str]]]:
        patterns = []
        if removal.attribute is not None:
            value = removal.value.strip()
            if len(value) >= MIN_VALUE_LENGTH:
                patterns.append((f"value:{value}", re.compile(re.escape(value))))
            name = re.escape(removal.attribute)
            patterns.append((f"attribute:{removal.attribute}", re.compile(rf"(?<![\w-]){name}\s*=", re.IGNORECASE)))
        patterns.append((f"tag:{removal.tag}", re.compile(rf"<\s*{re.escape(removal.tag)}(?![\w-])", re.IGNORECASE)))
        return patterns

    def line(self, removal: Removal) -> tuple[int, bool]:
        """(1-based line in the file, whether the text was found there)."""
        for key, pattern in self._patterns(removal):
            offset = self._find(key, pattern)
            if offset is not None:
                return self.source.count("\n", 0, offset) + 1, True
        return self.source.count("\n", 0, self.body_start) + 1, False
