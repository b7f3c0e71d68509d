#!/usr/bin/env python3
"""Benchmark: a page's judgement grows linearly with the patterns that make Python-Markdown quadratic.

For each pattern a pull request can repeat (`[`, `[a](`, `[^`, `<a `, `- [` lines), the time the
checker takes to judge a page of 10k, 20k and 40k repetitions (the limits refuse it before
rendering: one pass over the text), and, as the alternative in the same run, the time
Python-Markdown alone takes to render 1k, 2k and 4k of them (what the build did before). Then the
heading hook's permalink pass (scripts/edition/heading_ends.py) on one heading whose last word is
10k, 20k and 40k characters, against the regular expression it replaced. Printed: seconds per
size and the ratio per doubling (linear: about 2; quadratic: about 4). Fastest of --repeat runs.

    .venv/bin/python scripts/benchmarks/bench_render_budget.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from edition.heading_ends import keep_together  # noqa: E402
from refcheck.checks import unsafe  # noqa: E402
from refcheck.safehtml.render import renderer  # noqa: E402

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", {"toc": {"permalink": True}},
              "pymdownx.caret", "pymdownx.superfences"]
PATTERNS = ("[", "[a](", "[^", "<a ", "\n- [")
JUDGED = (10_000, 20_000, 40_000)
RENDERED = (1_000, 2_000, 4_000)
WORDS = (10_000, 20_000, 40_000)
# The heading hook's expression before scripts/edition/heading_ends.py (quadratic in the last word).
OLD_HEADING_END = re.compile(r'([^\s<>]+)(<a class="headerlink" href="[^"]*" title=")([^"]*)("[^>]*>[^<]*</a>)(?=</h[1-6]>)')


def _median(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)  # the least disturbed run: the others waited for the machine


def _row(label: str, sizes: tuple[int, ...], seconds: list[float]) -> str:
    ratios = " ".join(f"{later / earlier:4.1f}x" for earlier, later in zip(seconds, seconds[1:]) if earlier > 0)
    cells = "  ".join(f"{size:>6,}: {value:8.4f} s" for size, value in zip(sizes, seconds))
    return f"{label:<34} {cells}   per doubling: {ratios}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    render = renderer(EXTENSIONS)
    print("pattern                            judged by the checker (refused before rendering)")
    for pattern in PATTERNS:
        seconds = [_median(args.repeat, lambda n=n: unsafe._judge((f"# T\n\n{pattern * n}\n", render, True)))
                   for n in JUDGED]
        print(_row(f"check  {pattern!r}", JUDGED, seconds))
        seconds = [_median(1, lambda n=n: render.html(pattern * n)) for n in RENDERED]
        print(_row(f"render {pattern!r} (Python-Markdown)", RENDERED, seconds))
    print("heading whose last word is long")
    heading = '<h2 id="x">{word}<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>'
    seconds = [_median(args.repeat, lambda n=n: keep_together(heading.format(word="a" * n), "Enlace", "es")) for n in WORDS]
    print(_row("heading_ends.keep_together", WORDS, seconds))
    seconds = [_median(1, lambda n=n: OLD_HEADING_END.sub("", heading.format(word="a" * n) + " " + "b" * n)) for n in WORDS]
    print(_row("the regular expression it replaced", WORDS, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
