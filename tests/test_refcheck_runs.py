"""A check ends, every time, and its work grows with the page, not with the square of its removals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from refcheck.safehtml import locate
from refcheck.safehtml import page as safe_page
from refcheck.safehtml.render import renderer
from refcheck_support import CHECKER, copy_fixture

RUNS = 100


def test_a_hundred_checks_in_a_row_all_end(tmp_path: Path) -> None:
    """Each run with its cache (the path a pre-commit hook takes), each given far more time than it
    needs: a run that waits at exit for something that never comes is killed and counted."""
    root = copy_fixture("folder", tmp_path)
    command = [sys.executable, str(CHECKER), "--root", str(root), "--cache-dir", str(tmp_path / "cache"), "--format", "json"]
    hung, statuses = 0, set()
    for _ in range(RUNS):
        try:
            statuses.add(subprocess.run(command, capture_output=True, timeout=60).returncode)
        except subprocess.TimeoutExpired:
            hung += 1
    assert hung == 0 and statuses <= {0, 1}


def _code_page(lines: int) -> str:
    """A code block with line anchors: two removals per line, none of them written in the Markdown."""
    return "# Code\n\n```python\n" + "\n".join(f"x{n} = {n}" for n in range(lines)) + "\n```\n"


@pytest.mark.parametrize("lines", [1000, 2000, 4000])
def test_locating_thousands_of_removals_reads_the_page_a_bounded_number_of_times(lines: int, monkeypatch) -> None:
    locators: list[locate.SourceLocator] = []

    class Counted(locate.SourceLocator):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            locators.append(self)

    monkeypatch.setattr(safe_page, "SourceLocator", Counted)
    render = renderer([{"pymdownx.highlight": {"anchor_linenums": True, "linenums": True}}, "pymdownx.superfences"])
    source = safe_page.Source.read(_code_page(lines))
    _cleaned, problems = safe_page.sanitize(render.html(source.body), source)
    assert len(problems) == 2 * lines  # 8,000 removals at 4,000 lines
    (locator,) = locators
    assert locator.characters_searched <= (locate.VALUE_SEARCH_PASSES + 2) * len(source.text)


def test_with_the_search_budget_spent_removals_are_still_placed_by_their_attribute_name() -> None:
    absent = [locate.Removal("video", "title", f"nowhere-{n}-in-the-page") for n in range(200)]
    source = "Intro.\n\n" + "\n".join(f'<img src="a.png" onerror="handler{n}()">' for n in range(50))
    locator = locate.SourceLocator(source)
    for removal in absent:
        assert locator.line(removal) == (1, False)
    lines = [locator.line(locate.Removal("img", "onerror", f"handler{n}()")) for n in range(50)]
    assert lines == [(3 + n, True) for n in range(50)]
    assert locator.characters_searched <= (locate.VALUE_SEARCH_PASSES + 2) * len(source)
