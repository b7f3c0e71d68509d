#!/usr/bin/env python3
"""Time from saving a page with a new error to the finding shown in the preview; asserts nothing.

    .venv/bin/python scripts/benchmarks/bench_preview.py [--runs 5]

In a copy of the project, `python3 scripts/site.py serve` runs on 127.0.0.1 and Debian's Chromium
shows the Spanish page docs/es/about.md. Each run saves the page with a broken link, then reloads
the page until the banner lists the finding (the preview holds a request while it rebuilds, so a
reload returns as soon as the new build is ready), and records the time since the save; then it
saves the fix and waits until the banner is gone. In the same run, the plain rebuild: `mkdocs build`
of the same copy into a fresh folder, timed the same number of times. Medians are printed, and
the ratio. Target: the finding visible within 1.5 s of the save.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from preview_support import serving  # noqa: E402
from sitebuild import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from translation_support import copy_project  # noqa: E402

PAGE = Path("docs/es/about.md")
GOOD, BROKEN = "[Fuentes](sources.md)", "[Fuentes](sourcez.md)"
TARGET_SECONDS = 1.5
TIMEOUT_SECONDS = 60


def plain_build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="bench-preview-site-") as site:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", site],
                       cwd=root, env=env, capture_output=True, check=True)
        return time.perf_counter() - start


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def until(page, url: str, shown: bool) -> float:
    """Reload until the banner lists the broken link (or is gone); the time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < TIMEOUT_SECONDS:
        page.goto(url)
        has = page.locator(".refcheck-preview", has_text="sourcez.md").count() > 0
        if has == shown:
            return time.perf_counter() - start
    raise SystemExit(f"bench_preview: the banner was {'never shown' if shown else 'never gone'} in {TIMEOUT_SECONDS} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-preview-") as temporary:
        root = copy_project(Path(temporary))
        page_path = root / PAGE
        good = page_path.read_text(encoding="utf-8")
        broken = good.replace(GOOD, BROKEN, 1)
        builds, shown, gone = [], [], []
        with serving(root) as preview, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            # The polling below reloads the page; MkDocs' live reload would reload it at the same time.
            page.route("**/livereload/**", lambda route: route.abort())
            url = preview.url + "es/about/"
            page.goto(url)
            for _ in range(args.runs):
                builds.append(plain_build(root))  # interleaved with the preview runs: same load
                save(page_path, broken)
                shown.append(until(page, url, shown=True))
                save(page_path, good)
                gone.append(until(page, url, shown=False))
            browser.close()
    median_build, median_shown, median_gone = (statistics.median(x) for x in (builds, shown, gone))
    print(f"runs: {args.runs} (medians; each run: one plain build, one error saved, one fix saved)")
    print(f"plain rebuild (mkdocs build, both languages): {median_build:.2f} s")
    print(f"save -> finding shown in the preview page:     {median_shown:.2f} s "
          f"({median_shown / median_build:.2f} x a plain rebuild; target {TARGET_SECONDS} s)")
    print(f"save fix -> banner gone:                       {median_gone:.2f} s")
    print("all runs, shown: " + ", ".join(f"{x:.2f}" for x in shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
