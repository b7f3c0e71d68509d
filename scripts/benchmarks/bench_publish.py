#!/usr/bin/env python3
"""Print what the PDFs and the one-page brief cost: PDF sizes, build time, first-load weight.

    .venv/bin/python scripts/benchmarks/bench_publish.py            # all three, 5 build runs each
    .venv/bin/python scripts/benchmarks/bench_publish.py --runs 9

* PDF size per language, from one `mkdocs build --strict` (target: at most 400 KB each);
* build time with the PDFs against the same build without them (PUBLISH_PDF=off, which the plugin
  edition-publish honours): `mkdocs build --strict` into a fresh folder, the variants
  interleaved, medians compared (target: at most 1.6x). Two builds with PDFs: one that makes them
  (PUBLISH_PDF_CACHE=off, as a clean clone or a changed text does) and one whose text did not change
  since the last build (the PDFs are copied from .cache/publish/). The machine is shared and noisy:
  the ratios hold, the seconds do not, and the load average is printed beside them;
* first-load weight of every page in both languages, the one-page brief included, measured as
  scripts/bench_site.py --weight measures it (gzip -9 of every response the local server sends to
  Debian's Chromium with an empty cache; target: at most 80 KB). The PDF is not loaded by any page.

Exit status: 0 every target met, 1 a target missed, 2 could not run (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts"), str(ROOT / "scripts" / "benchmarks")]

from sitebuild import CHROMIUM, CHROMIUM_ARGS, build_site  # noqa: E402

PDF_TARGET_KB = 400
BUILD_RATIO_TARGET = 1.6
WEIGHT_TARGET_KB = 80
# The PDFs as mkdocs.yml names them (extra.edition.pdf_file), by language folder.
PDFS = {"en": "remain-in-mexico-kind-2018.pdf", "es": "es/quedate-en-mexico-kind-2018.pdf"}
PAGES = ("", "not-safe-to-wait/", "mexico-lacks-capacity/", "due-process/", "sources/", "about/", "brief/")
LANGUAGE_PREFIXES = ("", "es/")


class CannotRun(Exception):
    pass


@dataclass(frozen=True)
class Figure:
    name: str
    value: str
    met: bool | None  # None: a figure without a target


def _bench_site():
    """scripts/bench_site.py (also found once moved to scripts/benchmarks/): its weight recorder and
    build timer measure these figures the way it measures the site's own."""
    try:
        import bench_site
    except ImportError as error:
        raise CannotRun(f"scripts/bench_site.py (or scripts/benchmarks/bench_site.py) not found: {error}") from None
    return bench_site


def pdf_sizes(site_dir: Path) -> list[Figure]:
    figures = []
    for language, name in PDFS.items():
        path = site_dir / name
        if not path.is_file():
            raise CannotRun(f"the build made no {name}")
        size_kb = path.stat().st_size / 1024
        figures.append(Figure(f"PDF size ({language}, /{name})", f"{size_kb:.0f} KB", size_kb <= PDF_TARGET_KB))
    return figures


def first_load_weights(site_dir: Path) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    bench_site = _bench_site()
    recorder = bench_site.Recorder()
    httpd, base = bench_site.serve(site_dir, recorder)
    weights: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for prefix in LANGUAGE_PREFIXES:
                for page_path in PAGES:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    # Nothing leaves 127.0.0.1 (the site asks no other host; this makes sure).
                    context.route("**/*", lambda route: route.continue_() if "//127.0.0.1:" in route.request.url
                                  else route.abort())
                    page = context.new_page()
                    recorder.take()
                    page.goto(base + prefix + page_path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    context.close()
                    weights["/" + prefix + page_path] = sum(item.compressed for item in recorder.take())
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    figures = [Figure(f"first load {path}", f"{size / 1024:.1f} KB", size <= WEIGHT_TARGET_KB * 1024)
               for path, size in weights.items()]
    return figures


# Build variants: the environment each one adds.
WITHOUT_PDFS = {"PUBLISH_PDF": "off"}
PDFS_MADE = {"PUBLISH_PDF": "on", "PUBLISH_PDF_CACHE": "off"}
PDFS_UNCHANGED = {"PUBLISH_PDF": "on", "PUBLISH_PDF_CACHE": "on"}


def timed_build(env: dict[str, str]) -> float:
    """One `mkdocs build --strict` into a fresh folder, as scripts/bench_site.py times it."""
    return _bench_site().timed_build(None, env)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def build_times(runs: int) -> list[Figure]:
    variants = {"without PDFs": WITHOUT_PDFS, "with PDFs made": PDFS_MADE, "with PDFs unchanged": PDFS_UNCHANGED}
    timed_build(PDFS_UNCHANGED)  # warm the file cache and .pyc files, and fill the PDF cache
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, env in variants.items():
            times[name].append(timed_build(env))
    print(f"  (load average over 1, 5 and 15 minutes at the end: {load_average()}, on {os.cpu_count()} cores)")
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["without PDFs"]
    figures = []
    for name, median in medians.items():
        spread = f"min {min(times[name]):.2f} s, max {max(times[name]):.2f} s"
        figures.append(Figure(f"build {name}, median", f"{median:.2f} s [{spread}]", None))
    for name, median in list(medians.items())[1:]:
        ratio = median / baseline
        figures.append(Figure(f"ratio {name} / without PDFs (target <= {BUILD_RATIO_TARGET}x)",
                              f"{ratio:.2f}x", ratio <= BUILD_RATIO_TARGET))
    return figures


def report(title: str, figures: list[Figure]) -> None:
    print(f"\n{title}")
    for figure in figures:
        verdict = "" if figure.met is None else ("  ok" if figure.met else "  OVER")
        print(f"  {figure.name:60s} {figure.value}{verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved build runs per variant (default 5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        print("bench_publish.py: cannot run: --runs must be at least 1", file=sys.stderr)
        return 2
    try:
        figures = []
        with tempfile.TemporaryDirectory() as folder:
            build = build_site(Path(folder) / "site")
            if build.returncode != 0:
                raise CannotRun("mkdocs build --strict failed:\n" + build.log[-1000:])
            sizes = pdf_sizes(build.site_dir)
            report(f"PDF size (target <= {PDF_TARGET_KB} KB each)", sizes)
            weights = first_load_weights(build.site_dir)
            report(f"First-load weight, gzip -9 (target <= {WEIGHT_TARGET_KB} KB each; the PDFs are not loaded)",
                   weights)
            figures += sizes + weights
        times = build_times(args.runs)
        report("Build time (`mkdocs build --strict`, wall clock incl. Python start-up; without: PUBLISH_PDF=off;"
               " made: PUBLISH_PDF_CACHE=off, as on a clean clone or after a text change; unchanged: the"
               " last build's PDFs reused)", times)
        figures += times
    except CannotRun as error:
        print(f"bench_publish.py: cannot run: {error}", file=sys.stderr)
        return 2
    return 0 if all(figure.met is not False for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
