#!/usr/bin/env python3
"""Locating sanitizer removals in the source (refcheck/safehtml/locate.py) on 10k, 20k and 40k removals.

A code block with line anchors (pymdownx.highlight `anchor_linenums`) makes two removals per line,
none of them written in the Markdown: the worst case for a locator that searches the page for each.
Linear work doubles with the input; the figures print CPU time and the characters the value
searches read, per character of the page.

    .venv/bin/python scripts/benchmarks/bench_locate.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from refcheck.safehtml import page as safe_page  # noqa: E402
from refcheck.safehtml.locate import SourceLocator  # noqa: E402
from refcheck.safehtml.render import renderer  # noqa: E402


def main() -> int:
    render = renderer([{"pymdownx.highlight": {"anchor_linenums": True, "linenums": True}}, "pymdownx.superfences"])
    for lines in (5000, 10000, 20000):
        text = "# Code\n\n```python\n" + "\n".join(f"x{n} = {n}" for n in range(lines)) + "\n```\n"
        source = safe_page.Source.read(text)
        html = render.html(source.body)
        found = list(safe_page.removals(html, safe_page.policy.clean(html)))
        start = time.process_time()
        locator = SourceLocator(source.text, source.body_start)
        for removal in found:
            locator.line(removal)
        print(f"{len(found):6} removals, page of {len(text):7} characters: {time.process_time() - start:6.3f} s CPU, "
              f"value searches read {locator.characters_searched / len(text):4.1f} x the page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
