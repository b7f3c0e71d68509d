#!/usr/bin/env python3
"""Benchmark of the reference checker (issue 3's speed targets), all measured in the same run.

1. This site: `mkdocs build`, then `check_references.py --site-dir` (sources + built site, offline),
   then LinkChecker 10 on the same built site (local files, no external URLs).
   Targets: check <= 1/4 of the build; LinkChecker / check >= 5.
2. Generated two-language sites (static-i18n folder layout, Material theme) of 2,000 and 4,000
   Markdown pages in all (half per language), built once each, then checked (sources + built site).
   Targets: 2,000 pages <= 10 s; 4,000 pages <= 2.2 x the 2,000-page time.

Each figure is the median of --repeat runs of the command as a user runs it (a new process).

    .venv/bin/python scripts/benchmarks/bench_check_references.py [--repeat 3] [--sizes 2000 4000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHECKER = ROOT / "scripts" / "check_references.py"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The prose rules (spelling, glossary) call hunspell; the targets are about references.
PROSE_RULES = "spelling,spelling-unavailable,glossary-missing-term,glossary-forbidden-term,glossary-invalid"


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed


def median(command: list[str], cwd: Path, repeat: int, **kwargs) -> float:
    return statistics.median(timed(command, cwd, **kwargs) for _ in range(repeat))


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
def bench_this_site(work: Path, repeat: int) -> dict[str, float]:
    site = work / "this-site"
    build = median([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site), "--quiet"], ROOT, repeat)
    check = median([PYTHON, str(CHECKER), "--site-dir", str(site)], ROOT, repeat, ok=(0, 1))
    references = median([PYTHON, str(CHECKER), "--site-dir", str(site), "--ignore-rules", PROSE_RULES], ROOT, repeat, ok=(0, 1))
    linkchecker = median(
        [str(LINKCHECKER), "--no-status", "--no-warnings", "--output", "none", "--threads", "10", str(site / "index.html")],
        ROOT, repeat, env={**ENV, "HOME": str(work)}, ok=(0, 1),
    )
    return {"build": build, "check": check, "references": references, "linkchecker": linkchecker}


def bench_generated(work: Path, total: int, repeat: int) -> dict[str, float]:
    root = work / f"generated-{total}"
    generate(root, total)
    start = time.perf_counter()
    timed([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), "--quiet"], root)
    build = time.perf_counter() - start
    check = median([PYTHON, str(CHECKER), "--root", str(root), "--site-dir", str(root / "site")], ROOT, repeat, ok=(0, 1))
    sources = median([PYTHON, str(CHECKER), "--root", str(root)], ROOT, repeat, ok=(0, 1))
    references = median([PYTHON, str(CHECKER), "--root", str(root), "--site-dir", str(root / "site"),
                         "--ignore-rules", PROSE_RULES], ROOT, repeat, ok=(0, 1))
    html = sum(1 for _ in (root / "site").rglob("*.html"))
    return {"build": build, "check": check, "sources": sources, "references": references, "html": html}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000])
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-refcheck-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"CPUs: {os.cpu_count()}; Python {sys.version.split()[0]}; median of {args.repeat} runs\n")
        this = bench_this_site(work, args.repeat)
        print("This site (sources + built site, offline):")
        print(f"  mkdocs build                 {this['build']:7.2f} s")
        print(f"  check_references --site-dir {this['check']:7.2f} s   "
              f"= {this['check'] / this['build']:.2f} x the build (target <= 0.25)")
        print(f"  ... without the prose rules  {this['references']:7.2f} s   "
              f"= {this['references'] / this['build']:.2f} x the build (--ignore-rules {PROSE_RULES})")
        print(f"  LinkChecker 10 (local files) {this['linkchecker']:7.2f} s   "
              f"= {this['linkchecker'] / this['check']:.1f} x the checker's time, "
              f"{this['linkchecker'] / this['references']:.1f} x without prose rules (target >= 5)")
        results = {}
        for total in args.sizes:
            results[total] = bench_generated(work, total, args.repeat)
            r = results[total]
            print(f"\nGenerated site, {total} Markdown pages in 2 languages ({r['html']} HTML files):")
            print(f"  mkdocs build (once)          {r['build']:7.2f} s")
            print(f"  check sources only           {r['sources']:7.2f} s")
            print(f"  check sources + built site   {r['check']:7.2f} s" + ("   (target <= 10 s)" if total == 2000 else ""))
            print(f"  ... without the prose rules  {r['references']:7.2f} s")
        if 2000 in results and 4000 in results:
            ratio = results[4000]["check"] / results[2000]["check"]
            without = results[4000]["references"] / results[2000]["references"]
            print(f"\n4,000 / 2,000 pages: {ratio:.2f} x, {without:.2f} x without the prose rules (target <= 2.2)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
