#!/usr/bin/env python3
"""Benchmark of the reference checker (issue 11's figures), all measured in the same run.

1. This site: `mkdocs build` (with its plugins, as `site.py build` runs it), then
   `check_references.py --site-dir` (sources + built site, offline), without and with its cache,
   then lychee (`--offline --include-fragments`) on the same built site.
   Target: the check <= 0.25 x the build.
2. A generated two-language site (static-i18n folder layout, Material theme) of 2,000 Markdown
   pages, built once; lychee on the built site is the peer. The checker (sources + built site):
   cold (`--no-cache`), and again after editing one page (its Markdown and its HTML file changed,
   everything else read from the cache). Targets: cold <= 2 x lychee; re-check <= 0.5 x lychee.
3. The labelled corpus (tests/fixtures/corpora, labels.json): errors reported, false errors (target
   0), and for each warning rule on by default the share of its findings labelled true (target
   >= 80 %).

Each time is the median of --repeat runs of the command as a user runs it (a new process). As on
a user's machine after the first run, the project's modules are compiled once first (Python keeps
them in __pycache__; a machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile them in
every run, the build and the checker alike).

    .venv/bin/python scripts/benchmarks/bench_check_references.py [--repeat 3] [--sizes 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHECKER = ROOT / "scripts" / "check_references.py"
LYCHEE = Path(sys.executable).parent / "lychee"
CORPORA = ROOT / "tests" / "fixtures" / "corpora"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFCHECK_HOOK": "off"}


@dataclass(frozen=True)
class Timing:
    """Both clocks: wall time is what a user waits; CPU time (user + system, of the command's
    processes and threads) is what the work costs, and holds when other jobs share the machine."""

    wall: float
    cpu: float

    def __truediv__(self, other: "Timing") -> str:
        return f"{self.wall / other.wall:.2f} x wall, {self.cpu / other.cpu:.2f} x CPU"

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s ({self.cpu:6.2f} s CPU)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,),
          before: Callable[[], None] | None = None) -> Timing:
    if before is not None:
        before()
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return Timing(elapsed, _children_cpu() - cpu)


def median(command: list[str], cwd: Path, repeat: int, **kwargs) -> Timing:
    runs = [timed(command, cwd, **kwargs) for _ in range(repeat)]
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def lychee(site: Path) -> list[str]:
    # lychee exits 2 when it finds broken links or fragments (Material's pages have some it flags).
    return [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--quiet", str(site)]


# -- a generated site -------------------------------------------------------------------------------
CONFIG = """site_name: Generated benchmark site
site_url: https://bench.example.net/
docs_dir: docs
theme:
  name: material
  language: en
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - locale: en
          name: English
          default: true
        - locale: es
          name: Español
markdown_extensions:
  - attr_list
  - footnotes
  - admonition
  - toc:
      permalink: true
# Material writes the whole nav into every page: a nav of every page would make each page grow
# with the site (quadratic output); the nav lists the first pages, the rest are reached by links.
not_in_nav: |
  /section-*/
nav:
{nav}
"""
TEXT = {
    "en": ("Page {n}", "Findings", "Sources", "In {year}, the study counted {big} cases; {pct} percent were children.",
           "See [the findings of page {m}](../section-{ms}/page-{m}.md#findings) and [its sources](../section-{ms}/page-{m}.md#sources)."),
    "es": ("Página {n}", "Resultados", "Fuentes", "En {year}, el estudio contó {big_es} casos; el {pct} % eran niños.",
           "Vea [los resultados de la página {m}](../section-{ms}/page-{m}.md#findings) y [sus fuentes](../section-{ms}/page-{m}.md#sources)."),
}


def page_text(language: str, n: int, total: int) -> str:
    title, findings, sources, sentence, see = TEXT[language]
    m = (n * 7 + 3) % total
    big = 1000 + n * 13
    values = dict(n=n, m=m, ms=m // 100, year=1990 + n % 30, big=f"{big:,}", big_es=f"{big:,}".replace(",", "."), pct=n % 100)
    paragraphs = "\n\n".join(
        sentence.format(**values) + f" Note{'s' if k else ''} follow.[^{k + 1}] " + see.format(**values)
        for k in range(3)
    )
    notes = "\n".join(f"[^{k + 1}]: Source {k + 1} of page {n}, <https://example.org/report/{n}/{k + 1}>." for k in range(3))
    return (f"# {title.format(n=n)}\n\n## {findings} {{ #findings }}\n\n{paragraphs}\n\n"
            f"!!! note\n\n    {see.format(**values)}\n\n## {sources} {{ #sources }}\n\n"
            f"Back to [the first page](../index.md).\n\n{notes}\n")


def generate(root: Path, total_pages: int) -> None:
    """total_pages Markdown pages: half in English, their translations in Spanish."""
    per_language = total_pages // 2
    nav = ["  - index.md"]
    for language in ("en", "es"):
        docs = root / "docs" / language
        (docs).mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(
            "# Home\n\nStart with [page 1](section-0/page-1.md#findings).\n" if language == "en"
            else "# Inicio\n\nEmpiece por la [página 1](section-0/page-1.md#findings).\n", encoding="utf-8")
        for n in range(per_language - 1):
            section = docs / f"section-{n // 100}"
            section.mkdir(exist_ok=True)
            (section / f"page-{n}.md").write_text(page_text(language, n, per_language - 1), encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(nav="\n".join(nav)), encoding="utf-8")


# -- the measurements -----------------------------------------------------------------------------
def bench_this_site(work: Path, repeat: int) -> dict[str, Timing]:
    site = work / "this-site"
    # The site's build as `python3 scripts/site.py build` runs it: with its plugins (the checker's included).
    as_configured = {**ENV, "REFCHECK_HOOK": "on"}
    build = median([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site), "--quiet"], ROOT, repeat, env=as_configured)
    command = [PYTHON, str(CHECKER), "--site-dir", str(site), "--cache-dir", str(work / "cache-this-site")]
    cold = median(command[:-2] + ["--no-cache"], ROOT, repeat, ok=(0, 1))
    warm = median(command, ROOT, repeat, ok=(0, 1))  # the first run filled the cache (spelling answers too)
    peer = median(lychee(site), ROOT, repeat, ok=(0, 2))
    return {"build": build, "cold": cold, "warm": warm, "lychee": peer}


def edit_one_page(root: Path, total: int, round_: list[int]) -> None:
    """What saving one page and rebuilding changes: that page's Markdown and its HTML file."""
    round_[0] += 1
    n = total // 4  # an English page in the middle of the site
    page = root / "docs" / "en" / f"section-{n // 100}" / f"page-{n}.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nEdited, round {round_[0]}.\n", encoding="utf-8")
    html = root / "site" / f"section-{n // 100}" / f"page-{n}" / "index.html"
    html.write_text(html.read_text(encoding="utf-8") + f"<!-- round {round_[0]} -->\n", encoding="utf-8")


def bench_generated(work: Path, total: int, repeat: int) -> dict[str, object]:
    root = work / f"generated-{total}"
    generate(root, total)
    build = median([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), "--quiet"], root, 1)
    check = [PYTHON, str(CHECKER), "--root", str(root), "--site-dir", str(root / "site")]
    cache = ["--cache-dir", str(work / f"cache-{total}")]
    peer = median(lychee(root / "site"), ROOT, repeat, ok=(0, 2))
    cold = median(check + ["--no-cache"], ROOT, repeat, ok=(0, 1))
    timed(check + cache, ROOT, ok=(0, 1))  # fills the cache
    unchanged = median(check + cache, ROOT, repeat, ok=(0, 1))
    rounds = [0]
    edited = median(check + cache, ROOT, repeat, ok=(0, 1), before=lambda: edit_one_page(root, total, rounds))
    html = sum(1 for _ in (root / "site").rglob("*.html"))
    return {"build": build, "lychee": peer, "cold": cold, "unchanged": unchanged, "edited": edited, "html": html}


def corpus_figures() -> list[str]:
    """Errors and warnings on the labelled real projects, against tests/fixtures/corpora/labels.json."""
    labels = json.loads((CORPORA / "labels.json").read_text(encoding="utf-8"))["labels"]
    index = {(l["project"], l["rule"], l["file"], l["line"]): l["true"] for l in labels if l["scope"] == "source"}
    lines, per_rule = [], {}
    for project in sorted({l["project"] for l in labels}):
        done = subprocess.run([PYTHON, str(CHECKER), "--root", str(CORPORA / project), "--no-cache", "--format", "json"],
                              capture_output=True, text=True, env=ENV)
        if done.returncode not in (0, 1):
            raise SystemExit(f"checker on {project} exited {done.returncode}: {done.stderr.strip()}")
        found = json.loads(done.stdout)
        errors = [f for f in found if f["severity"] == "error"]
        verdicts = [index.get((project, f["rule"], f["file"], f["line"])) for f in errors]
        lines.append(f"  {project:26} {len(errors):3} errors: {sum(v is True for v in verdicts)} true, "
                     f"{sum(v is False for v in verdicts)} false, {sum(v is None for v in verdicts)} unlabelled")
        for f in found:
            if f["severity"] == "warning":
                per_rule.setdefault(f["rule"], []).append(index.get((project, f["rule"], f["file"], f["line"])))
    for rule, verdicts in sorted(per_rule.items()):
        true = sum(v is True for v in verdicts)
        lines.append(f"  warning rule {rule:22} {len(verdicts):3} findings, {true / len(verdicts):6.1%} labelled true "
                     f"(target >= 80 %)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000], help="generated sites' page counts (none: this site only)")
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    if not LYCHEE.is_file():
        raise SystemExit(f"no lychee at {LYCHEE}: run `python3 scripts/site.py test` once (tests/requirements.txt)")
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "scripts"), str(ROOT / "overrides")],
                   check=True, stdout=subprocess.DEVNULL)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-refcheck-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"CPUs: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}; "
              f"median of {args.repeat} runs\n")
        this = bench_this_site(work, args.repeat)
        print("This site (sources + built site, offline):")
        print(f"  mkdocs build                      {this['build']}")
        print(f"  check --site-dir, no cache        {this['cold']}   = {this['cold'] / this['build']} the build "
              "(target <= 0.25)")
        print(f"  check --site-dir, cache filled    {this['warm']}   = {this['warm'] / this['build']} the build")
        print(f"  lychee on the built site          {this['lychee']}")
        for total in args.sizes:
            r = bench_generated(work, total, args.repeat)
            print(f"\nGenerated site, {total} Markdown pages in 2 languages ({r['html']} HTML files):")
            print(f"  mkdocs build (once)               {r['build']}")
            print(f"  lychee (offline, fragments)       {r['lychee']}")
            print(f"  checker, cold (--no-cache)        {r['cold']}   = {r['cold'] / r['lychee']} lychee (target <= 2)")
            print(f"  checker, nothing changed          {r['unchanged']}   = {r['unchanged'] / r['lychee']} lychee")
            print(f"  checker, one page edited          {r['edited']}   = {r['edited'] / r['lychee']} lychee "
                  "(target <= 0.5)")
        print("\nLabelled corpus (tests/fixtures/corpora, sources; labels.json):")
        print("\n".join(corpus_figures()))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
